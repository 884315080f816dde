package dev.debrief.acs;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the operator's acs-codes.csv (header row, RFC 4180 quoting). Blocking: call it off the event loop. */
final class CatalogCsv {

    private static final List<String> REQUIRED = List.of("code", "exam_type", "area", "task", "element_type", "description");

    private CatalogCsv() {
    }

    static List<CatalogRow> read(Path file) throws IOException {
        return read(Files.readAllBytes(file));
    }

    static List<CatalogRow> read(byte[] content) throws IOException {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<CatalogRow> rows = new ArrayList<>(16_384);
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8);
             MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class).with(schema).readValues(reader)) {
            while (it.hasNext()) {
                Map<String, String> row = it.next();
                for (String column : REQUIRED) {
                    if (!row.containsKey(column)) {
                        throw new IOException("The ACS catalog has no column '" + column + "'");
                    }
                }
                rows.add(CatalogRow.operator(row.get("code").trim(), row.get("exam_type").trim(), row.get("area").trim(),
                        row.get("task").trim(), row.get("element_type").trim(), row.get("description").trim()));
            }
        }
        return rows;
    }
}
