package dev.debrief.acs;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One row of acs_codes: a code as one document prints it. {@code document} keeps (document, code) unique: the FAA
 * document (e.g. FAA-S-ACS-6C) for bundled rows, the exam_type value as printed (e.g. "FOI, FIA, AFA") for the
 * operator's rows. {@code edition} is the FAA document a bundled row was read from; the operator's file names none.
 *
 * @param archived   the FAA withdrew the code: the row holds its former text, or the placeholder the ACS prints
 * @param superseded the row comes from an edition a newer one of the same ACS replaced
 */
record CatalogRow(String document, String code, List<String> examTypes, String area, String task, String elementType,
                  String description, CatalogSource source, String edition, boolean archived, boolean superseded) {

    /** How ACS documents and the operator's file print an element the FAA has withdrawn. */
    static final String ARCHIVED_PLACEHOLDER = "[Archived]";

    CatalogRow {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(code, "code");
        examTypes = List.copyOf(examTypes);
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(elementType, "elementType");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(source, "source");
    }

    /** A row of the operator's acs-codes.csv; its exam_type value names the document. */
    static CatalogRow operator(String code, String examType, String area, String task, String elementType,
                               String description) {
        return new CatalogRow(examType, code, splitExamTypes(examType), area, task, elementType, description,
                CatalogSource.OPERATOR, null, ARCHIVED_PLACEHOLDER.equals(description), false);
    }

    /** A row read from an FAA document by the catalog builder. */
    static CatalogRow bundled(String edition, String code, List<String> examTypes, String area, String task,
                              String elementType, String description, boolean archived, boolean superseded) {
        return new CatalogRow(edition, code, examTypes, area, task, elementType, description, CatalogSource.BUNDLED,
                edition, archived, superseded);
    }

    /** "FOI, FIA, AFA" -> [FOI, FIA, AFA]: the test codes a report may carry for this document. */
    static List<String> splitExamTypes(String examTypes) {
        return Arrays.stream(examTypes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The archived placeholder says the code is withdrawn but not what it said. */
    boolean hasFormerText() {
        return !ARCHIVED_PLACEHOLDER.equals(description);
    }
}
