package dev.debrief.acs;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bundled catalog's file format (src/main/resources/acs/bundled-catalog.csv): UTF-8, LF line ends, one header
 * row, a field quoted only when it holds a comma, a quote or a line break. Jackson writes it with the strict quoting
 * check (its default check quotes some fields that need no quotes), so the bytes depend on the rows alone and a
 * rebuild from unchanged PDFs is a no-op in git.
 */
final class BundledCatalogCsv {

    static final String RESOURCE = "acs/bundled-catalog.csv";
    static final List<String> HEADER = List.of("edition", "code", "exam_types", "area", "task", "element_type",
            "description", "archived", "superseded");

    /** Reads every record, the header too, as an array of its fields. */
    private static final CsvMapper READER = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
    /** Leaves the Writer to whoever opened it. */
    private static final CsvMapper WRITER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();
    private static final CsvSchema LF_LINES = CsvSchema.emptySchema().withLineSeparator("\n");

    private BundledCatalogCsv() {
    }

    static void write(List<CatalogRow> rows, Writer out) throws IOException {
        try (SequenceWriter csv = WRITER.writer(LF_LINES).writeValues(out)) {
            csv.write(HEADER.toArray(String[]::new));
            for (CatalogRow row : rows) {
                csv.write(new String[] {row.edition(), row.code(), String.join(", ", row.examTypes()), row.area(),
                        row.task(), row.elementType(), row.description(), String.valueOf(row.archived()),
                        String.valueOf(row.superseded())});
            }
        }
    }

    static List<CatalogRow> read(String text) {
        List<String[]> records;
        try {
            records = records(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException("The bundled ACS catalog is not well-formed CSV", e);
        }
        if (records.isEmpty() || !Arrays.asList(records.get(0)).equals(HEADER)) {
            throw new IllegalArgumentException("The bundled ACS catalog does not start with the header " + HEADER);
        }
        List<CatalogRow> rows = new ArrayList<>(records.size());
        for (String[] record : records.subList(1, records.size())) {
            if (record.length != HEADER.size()) {
                throw new IllegalArgumentException("Bundled ACS catalog row with " + record.length + " fields: "
                        + Arrays.toString(record));
            }
            rows.add(CatalogRow.bundled(record[0], record[1], CatalogRow.splitExamTypes(record[2]), record[3], record[4],
                    record[5], record[6], Boolean.parseBoolean(record[7]), Boolean.parseBoolean(record[8])));
        }
        return rows;
    }

    /** The records of an RFC 4180 file (LF or CRLF line ends), the header first, each as its fields. */
    static List<String[]> records(Reader in) throws IOException {
        try (MappingIterator<String[]> records = READER.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(in)) {
            return records.readAll();
        }
    }
}
