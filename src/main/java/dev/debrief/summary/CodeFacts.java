package dev.debrief.summary;

import java.util.Objects;

/**
 * One missed ACS code of a report, with its catalog context already formatted for people.
 *
 * @param area        e.g. "I. Preflight Preparation"; just the numeral ("I") when the code is not in the catalog
 * @param task        e.g. "B. Airworthiness Requirements"; just the letter ("B") when the code is not in the catalog
 * @param description the catalog text, null when the code is not in the catalog
 */
public record CodeFacts(String code, String area, String task, String description) {

    public CodeFacts {
        Objects.requireNonNull(code, "code");
    }
}
