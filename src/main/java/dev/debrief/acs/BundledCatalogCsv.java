package dev.debrief.acs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundled catalog's file format (src/main/resources/acs/bundled-catalog.csv): UTF-8, LF line ends, one header
 * row, a field quoted only when it holds a comma, a quote or a line break. Written here rather than by a CSV library
 * so that the bytes depend on the rows alone, which keeps a rebuild from unchanged PDFs a no-op in git.
 */
final class BundledCatalogCsv {

    static final String RESOURCE = "acs/bundled-catalog.csv";
    static final List<String> HEADER = List.of("edition", "code", "exam_types", "area", "task", "element_type",
            "description", "archived", "superseded");

    private BundledCatalogCsv() {
    }

    static void write(List<CatalogRow> rows, Writer out) throws IOException {
        writeRecord(HEADER, out);
        for (CatalogRow row : rows) {
            writeRecord(List.of(row.edition(), row.code(), String.join(", ", row.examTypes()), row.area(), row.task(),
                    row.elementType(), row.description(), String.valueOf(row.archived()),
                    String.valueOf(row.superseded())), out);
        }
    }

    private static void writeRecord(List<String> fields, Writer out) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String field = fields.get(i);
            if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0) {
                out.write('"');
                out.write(field.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(field);
            }
        }
        out.write('\n');
    }

    static List<CatalogRow> read(String text) {
        List<List<String>> records = records(text);
        if (records.isEmpty() || !records.get(0).equals(HEADER)) {
            throw new IllegalArgumentException("The bundled ACS catalog does not start with the header " + HEADER);
        }
        List<CatalogRow> rows = new ArrayList<>(records.size());
        for (List<String> record : records.subList(1, records.size())) {
            if (record.size() != HEADER.size()) {
                throw new IllegalArgumentException("Bundled ACS catalog row with " + record.size() + " fields: " + record);
            }
            rows.add(CatalogRow.bundled(record.get(0), record.get(1), CatalogRow.splitExamTypes(record.get(2)),
                    record.get(3), record.get(4), record.get(5), record.get(6), Boolean.parseBoolean(record.get(7)),
                    Boolean.parseBoolean(record.get(8))));
        }
        return rows;
    }

    /** RFC 4180 records, accepting CRLF as well as LF. */
    static List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (fieldStarted || !field.isEmpty() || !record.isEmpty()) {
                    record.add(field.toString());
                    records.add(List.copyOf(record));
                }
                record.clear();
                field.setLength(0);
                fieldStarted = false;
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        if (quoted) {
            throw new UncheckedIOException(new IOException("Unterminated quoted field in the bundled ACS catalog"));
        }
        if (fieldStarted || !field.isEmpty() || !record.isEmpty()) {
            record.add(field.toString());
            records.add(List.copyOf(record));
        }
        return records;
    }
}
