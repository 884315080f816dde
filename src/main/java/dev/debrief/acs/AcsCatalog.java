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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks ACS codes up in the catalog. Of the rows a code has, the current text wins (current edition, else the former
 * text of an archived code, else a superseded edition's), then the row of the report's own exam.
 */
@ApplicationScoped
public class AcsCatalog {

    private static final String BY_CODES = """
            SELECT document, code, exam_types, area, task, element_type, description, source, edition, archived, superseded
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
                .map(code -> pick(entries.getOrDefault(code.code(), List.of()), examCode, null)
                        .map(entry -> entry.describe(code))
                        .orElseGet(() -> unknown(code)))
                .toList());
    }

    /** The catalog entry for one code: from the given edition when it has one, else as {@link #describe} picks it. */
    public Uni<Optional<CatalogEntry>> find(String code, String examCode, String edition) {
        return rowsFor(List.of(code)).map(entries -> pick(entries.getOrDefault(code, List.of()), examCode, edition)
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

    static Optional<CatalogEntry> pick(List<CatalogEntry> entries, String examCode, String edition) {
        Comparator<CatalogEntry> preference = Comparator
                .comparing((CatalogEntry entry) -> edition == null || !edition.equals(entry.edition()))
                .thenComparing(CatalogEntry::standing)
                .thenComparing(entry -> examCode == null || !entry.examTypes().contains(examCode))
                .thenComparing(entry -> !CatalogSource.BUNDLED.wireName().equals(entry.source()));
        return entries.stream().min(preference).map(best -> best.placedBy(entries));
    }

    private static DescribedCode unknown(AcsCode code) {
        return new DescribedCode(code.code(), null, code.areaNumeral(), code.taskLetter(), code.elementType().wireName(),
                false, false);
    }

    /**
     * One catalog row; area and task are shown with the numeral and letter the code carries.
     *
     * @param source  bundled or operator
     * @param edition the FAA document of a bundled row; null for the operator's rows
     */
    public record CatalogEntry(String code, String document, List<String> examTypes, String area, String task,
                               String elementType, String description, String source, String edition,
                               boolean archived, boolean superseded) {

        static CatalogEntry of(Row row) {
            return new CatalogEntry(row.getString("code"), row.getString("document"),
                    Arrays.asList(row.getArrayOfStrings("exam_types")), row.getString("area"), row.getString("task"),
                    row.getString("element_type"), row.getString("description"), row.getString("source"),
                    row.getString("edition"), row.getBoolean("archived"), row.getBoolean("superseded"));
        }

        /** 0 current text, 1 the former text of an archived code, 2 a superseded edition's text, 3 a bare placeholder. */
        int standing() {
            if (archived) {
                return CatalogRow.ARCHIVED_PLACEHOLDER.equals(description) ? 3 : 1;
            }
            return superseded ? 2 : 0;
        }

        DescribedCode describe(AcsCode parsed) {
            // Archived codes of an ACS that is not bundled come with their text only (the guide names no area)
            String areaShown = area.isBlank() ? parsed.areaNumeral() : parsed.areaNumeral() + ". " + area;
            String taskShown = task.isBlank() ? parsed.taskLetter() : parsed.taskLetter() + ". " + task;
            return new DescribedCode(parsed.code(), description, areaShown, taskShown, elementType, true, archived);
        }

        /**
         * The guide names no area or task for an archived code of an ACS that is not bundled; the operator's row
         * for the same code may.
         */
        CatalogEntry placedBy(List<CatalogEntry> sameCode) {
            if (!area.isBlank() && !task.isBlank()) {
                return this;
            }
            return sameCode.stream().filter(other -> !other.area().isBlank() && !other.task().isBlank()).findFirst()
                    .map(other -> new CatalogEntry(code, document, examTypes, other.area(), other.task(), elementType,
                            description, source, edition, archived, superseded))
                    .orElse(this);
        }

        CatalogEntry withAllExamTypes(List<CatalogEntry> sameCode) {
            Map<String, Boolean> all = new LinkedHashMap<>();
            sameCode.forEach(entry -> entry.examTypes().forEach(type -> all.put(type, true)));
            return new CatalogEntry(code, document, List.copyOf(all.keySet()), area, task, elementType, description,
                    source, edition, archived, superseded);
        }
    }
}
