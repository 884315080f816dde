package dev.debrief.acs;

import dev.debrief.extraction.AcsCode;
import java.util.List;

/**
 * What one ACS edition lists, in printed order.
 *
 * @param edition   the FAA document number, e.g. FAA-S-ACS-6C
 * @param examTypes the knowledge tests of the document's test table (e.g. PAR)
 */
record AcsDocument(String edition, List<String> examTypes, List<Element> elements) {

    AcsDocument {
        examTypes = List.copyOf(examTypes);
        elements = List.copyOf(elements);
    }

    /** The ACS number without the edition letter: FAA-S-ACS-6C and FAA-S-ACS-6B are both "6". */
    String acsNumber() {
        var number = AcsText.DOCUMENT_NUMBER.matcher(edition);
        if (!number.matches()) {
            throw new IllegalStateException("not an FAA document number: " + edition);
        }
        return number.group(2);
    }

    String editionLetter() {
        var number = AcsText.DOCUMENT_NUMBER.matcher(edition);
        return number.matches() ? number.group(3) : "";
    }

    /**
     * One element (or sub-element) of a task.
     *
     * @param area the Area of Operation's name without its numeral ("Preflight Preparation")
     * @param task the Task's name without its letter ("Pilot Qualifications")
     */
    record Element(AcsCode code, String area, String task, String description) {

        /** The element type's name in the catalog (knowledge, risk_management, skill). */
        String elementType() {
            return code.elementType().wireName();
        }

        boolean archived() {
            return CatalogRow.ARCHIVED_PLACEHOLDER.equals(description);
        }
    }
}
