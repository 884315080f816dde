package dev.debrief.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.debrief.acs.DescribedCode;
import dev.debrief.report.ReportView;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A batch's files as a spreadsheet opens them: RFC 4180 (CRLF, quoting where needed), UTF-8 with a byte order mark
 * (without it Excel reads the names as Windows-1252), one row per file in upload order.
 */
public final class ReportsCsv {

    public static final String MEDIA_TYPE = "text/csv; charset=utf-8";
    /** Written as the first character; UTF-8 (the media type's charset) encodes it as EF BB BF. */
    private static final String BOM = "\uFEFF";
    private static final List<String> COLUMNS = List.of("file_name", "status", "error_code", "name", "ftn", "exam_code",
            "exam_date", "score", "grade", "take", "missed_codes");
    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withLineSeparator("\r\n");

    private ReportsCsv() {
    }

    public static String write(List<ReportView> reports) {
        List<List<String>> rows = new ArrayList<>(reports.size() + 1);
        rows.add(COLUMNS);
        reports.forEach(report -> rows.add(row(report)));
        try {
            return BOM + CSV.writer(SCHEMA).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> row(ReportView report) {
        ReportView.Metadata metadata = report.metadata();
        List<String> cells = new ArrayList<>(COLUMNS.size());
        cells.add(text(report.fileName()));
        cells.add(report.status());
        cells.add(report.error() == null ? "" : report.error().type());
        cells.add(metadata == null ? "" : text(metadata.name()));
        cells.add(metadata == null ? "" : text(metadata.ftn()));
        cells.add(metadata == null ? "" : text(metadata.examCode()));
        cells.add(metadata == null || metadata.examDate() == null ? "" : metadata.examDate().toString());
        cells.add(metadata == null || metadata.score() == null ? "" : metadata.score().toString());
        cells.add(metadata == null ? "" : text(metadata.grade()));
        cells.add(metadata == null || metadata.take() == null ? "" : metadata.take().toString());
        cells.add(report.codes() == null ? "" : report.codes().stream().map(DescribedCode::code).map(ReportsCsv::text)
                .collect(Collectors.joining(" ")));
        return cells;
    }

    /**
     * Text from an upload or a report, made inert for spreadsheets: a cell starting with = + - @ or a tab or carriage
     * return would be read as a formula (CSV injection), so it gets a leading apostrophe, as OWASP advises.
     */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + value : value;
    }
}
