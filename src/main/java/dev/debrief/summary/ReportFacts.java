package dev.debrief.summary;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One successfully extracted report, reduced to what the batch summary needs.
 *
 * @param grade "Pass", "Fail" or null when the report printed no grade
 * @param codes the missed ACS codes in report order; null is read as "none missed"
 */
public record ReportFacts(UUID reportId, String name, String ftn, String examCode, LocalDate examDate,
                          Integer score, String grade, Integer take, List<CodeFacts> codes) {

    public ReportFacts {
        // Report ids identify attempts and code occurrences in the output, so a report without one is a caller bug.
        Objects.requireNonNull(reportId, "reportId");
        codes = codes == null ? List.of() : List.copyOf(codes);
    }
}
