package dev.debrief.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.debrief.acs.DescribedCode;
import dev.debrief.report.ReportView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReportsCsvTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Test
    void aSpreadsheetReadsOneRowPerFileWithTheBomAndCrlf() throws IOException {
        byte[] csv = ReportsCsv.write(List.of(success("report, \"final\".pdf", "Zoë O'Brien-Núñez"), failure("=HYPERLINK(\"x\").png")))
                .getBytes(StandardCharsets.UTF_8);

        assertThat(Arrays.copyOf(csv, 3)).as("UTF-8 byte order mark").isEqualTo(BOM);
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n").doesNotContain("\r\n\r\n");
        assertThat(text.split("\r\n")[0]).isEqualTo("file_name,status,error_code,name,ftn,exam_code,exam_date,score,grade,take,missed_codes");

        List<String[]> rows = read(text);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).containsExactly("report, \"final\".pdf", "success", "", "Zoë O'Brien-Núñez", "A1234567", "PAR",
                "2026-11-02", "82", "Pass", "1", "PA.I.B.K1 PA.VI.A.K3");
        assertThat(rows.get(2)).containsExactly("'=HYPERLINK(\"x\").png", "failed", "NOT_AN_AKTR", "", "", "", "", "", "", "", "");
    }

    @Test
    void formulaLookingTextIsMadeInertAndOtherTextIsLeftAlone() {
        assertThat(ReportsCsv.text("=1+1")).isEqualTo("'=1+1");
        assertThat(ReportsCsv.text("+44 20 7946")).isEqualTo("'+44 20 7946");
        assertThat(ReportsCsv.text("-2+3")).isEqualTo("'-2+3");
        assertThat(ReportsCsv.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ReportsCsv.text("\tcmd")).isEqualTo("'\tcmd");
        assertThat(ReportsCsv.text("Jane Doe")).isEqualTo("Jane Doe");
        assertThat(ReportsCsv.text(null)).isEmpty();
    }

    private static List<String[]> read(String text) throws IOException {
        CsvMapper mapper = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(text)) {
            return it.readAll();
        }
    }

    private static ReportView success(String fileName, String name) {
        ReportView.Metadata metadata = new ReportView.Metadata(name, "A1234567", "PAR-123", "Private Pilot Airplane (PAR)", "PAR",
                LocalDate.of(2026, 11, 2), "Test Site", 82, "Pass", 1, LocalDate.of(2028, 11, 30));
        List<DescribedCode> codes = List.of(code("PA.I.B.K1"), code("PA.VI.A.K3"));
        return new ReportView(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), fileName, "success", 0.98, 12, "pdf_text",
                null, metadata, codes, null);
    }

    private static ReportView failure(String fileName) {
        return new ReportView(null, UUID.randomUUID(), UUID.randomUUID(), fileName, "failed", null, 3, null, null, null, null,
                new ReportView.FileError("NOT_AN_AKTR", "no report here"));
    }

    private static DescribedCode code(String code) {
        return new DescribedCode(code, "text", "area", "task", "knowledge", true, false);
    }
}
