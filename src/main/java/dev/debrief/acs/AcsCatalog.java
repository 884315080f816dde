package dev.debrief.acs;

import dev.debrief.extraction.AcsCode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Looks ACS codes up in the catalog, preferring the document of the report's own exam. */
@ApplicationScoped
public class AcsCatalog {

    private static final String BY_CODES = """
            SELECT document, code, exam_types, area, task, element_type, description
            FROM acs_codes WHERE code = ANY($1) ORDER BY code, document""";

    private final Pool pool;

    AcsCatalog(Pool pool) {
        this.pool = pool;
    }

    /** Describes every code, in the given order; codes the catalog lacks come back with known = false. */
    public Uni<List<DescribedCode>> describe(List<AcsCode> codes, String examCode) {
        if (codes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return rowsFor(codes.stream().map(AcsCode::code).toList()).map(entries -> codes.stream()
                .map(code -> pick(entries.getOrDefault(code.code(), List.of()), examCode)
                        .map(entry -> entry.describe(code))
                        .orElseGet(() -> unknown(code)))
                .toList());
    }

    /** The catalog entry for one code, from the given exam's document when it has one. */
    public Uni<Optional<CatalogEntry>> find(String code, String examCode) {
        return rowsFor(List.of(code)).map(entries -> pick(entries.getOrDefault(code, List.of()), examCode)
                .map(entry -> entry.withAllExamTypes(entries.get(code))));
    }

    private Uni<Map<String, List<CatalogEntry>>> rowsFor(Collection<String> codes) {
        return pool.preparedQuery(BY_CODES).execute(Tuple.of(codes.toArray(String[]::new))).map(rows -> {
            Map<String, List<CatalogEntry>> byCode = new HashMap<>();
            for (Row row : rows) {
                byCode.computeIfAbsent(row.getString("code"), ignored -> new ArrayList<>()).add(CatalogEntry.of(row));
            }
            return byCode;
        });
    }

    private static Optional<CatalogEntry> pick(List<CatalogEntry> entries, String examCode) {
        return entries.stream().filter(entry -> examCode != null && entry.examTypes().contains(examCode)).findFirst()
                .or(() -> entries.stream().findFirst());
    }

    private static DescribedCode unknown(AcsCode code) {
        return new DescribedCode(code.code(), null, code.areaNumeral(), code.taskLetter(), code.elementType().wireName(), false);
    }

    /** One catalog row; area and task are shown with the numeral and letter the code carries. */
    public record CatalogEntry(String code, String document, List<String> examTypes, String area, String task,
                               String elementType, String description) {

        static CatalogEntry of(Row row) {
            return new CatalogEntry(row.getString("code"), row.getString("document"),
                    Arrays.asList(row.getArrayOfStrings("exam_types")), row.getString("area"), row.getString("task"),
                    row.getString("element_type"), row.getString("description"));
        }

        DescribedCode describe(AcsCode parsed) {
            return new DescribedCode(parsed.code(), description, parsed.areaNumeral() + ". " + area,
                    parsed.taskLetter() + ". " + task, elementType, true);
        }

        CatalogEntry withAllExamTypes(List<CatalogEntry> sameCode) {
            Map<String, Boolean> all = new LinkedHashMap<>();
            sameCode.forEach(entry -> entry.examTypes().forEach(type -> all.put(type, true)));
            return new CatalogEntry(code, document, List.copyOf(all.keySet()), area, task, elementType, description);
        }
    }
}
