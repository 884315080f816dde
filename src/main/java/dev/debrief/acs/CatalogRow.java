package dev.debrief.acs;

import java.util.Arrays;
import java.util.List;

/** One row of the catalog CSV: a code as it appears in one ACS document (named by its exam types). */
record CatalogRow(String code, String document, String area, String task, String elementType, String description) {

    /** "FOI, FIA, AFA" -> [FOI, FIA, AFA]: the test codes a report may carry for this document. */
    List<String> examTypes() {
        return Arrays.stream(document.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
