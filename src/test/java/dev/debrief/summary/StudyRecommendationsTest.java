package dev.debrief.summary;

import dev.debrief.summary.BatchSummary.StudyRecommendations;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.debrief.summary.TestReports.NAVIGATION;
import static dev.debrief.summary.TestReports.PREFLIGHT;
import static dev.debrief.summary.TestReports.reportsWithCodes;
import static org.assertj.core.api.Assertions.assertThat;

class StudyRecommendationsTest {

    private final SummaryCalculator calculator = new SummaryCalculator();

    /** {@code codesByReport.get(i)} are the codes of report i + 1. */
    private StudyRecommendations recommendationsFor(List<List<String>> codesByReport) {
        return calculator.summarise(reportsWithCodes(codesByReport), codesByReport.size()).studyRecommendations();
    }

    /** Puts {@code code} into reports {@code from}..{@code to} (1-based, inclusive). */
    private static void miss(List<List<String>> codesByReport, String code, int from, int to) {
        for (int report = from; report <= to; report++) {
            codesByReport.get(report - 1).add(code);
        }
    }

    private static List<List<String>> emptyReports(int count) {
        List<List<String>> codes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            codes.add(new ArrayList<>());
        }
        return codes;
    }

    @Test
    void namesUpToThreeTasksPerAreaWithTheReportsThatMissedThem() {
        List<List<String>> codes = emptyReports(10);
        miss(codes, "PA.I.B.K1", 1, 5);   // weak, 50 %
        miss(codes, "PA.I.B.K2", 1, 1);   // same task as above, report 1 again
        miss(codes, "PA.I.B.K2", 6, 6);
        miss(codes, "PA.I.A.K1", 1, 4);   // weak, 40 %
        miss(codes, "PA.I.C.K1", 7, 8);
        miss(codes, "PA.I.D.K1", 9, 9);   // fourth task of area I: left out of the sentence
        miss(codes, "PA.VI.A.K1", 5, 10); // weak, 60 %

        StudyRecommendations recommendations = recommendationsFor(codes);

        // Weak-code frequency per area: I = 5 + 4 = 9, VI = 6.
        // Area I tasks (all codes): B 5 + 2 = 7 occurrences in reports 1-6 (6); A 4 in 4; C 2 in 2; D 1 in 1.
        assertThat(recommendations.priorityAreas()).containsExactly(PREFLIGHT, NAVIGATION);
        assertThat(recommendations.studyPlan()).containsExactly(
                "Review I. Preflight Preparation: B. Airworthiness Requirements was missed in 6 of 10 reports, "
                        + "A. Pilot Qualifications in 4, C. Weather Information in 2.",
                "Review VI. Navigation: A. Pilotage and Dead Reckoning was missed in 6 of 10 reports.");
    }

    @Test
    void areasAreRankedByTheirWeakCodesAloneAndTiedTasksByTitle() {
        List<List<String>> codes = emptyReports(10);
        miss(codes, "PA.VI.A.K1", 1, 5);  // weak, 5
        miss(codes, "PA.I.D.K1", 6, 9);   // weak, 4
        miss(codes, "PA.I.A.K1", 1, 3);   // 30 %: not weak, but still a task of area I
        miss(codes, "PA.I.B.K1", 4, 6);
        miss(codes, "PA.I.C.K1", 7, 9);

        StudyRecommendations recommendations = recommendationsFor(codes);

        // Area I has 13 misses in all but only 4 on weak codes, so VI (5) comes first.
        assertThat(recommendations.priorityAreas()).containsExactly(NAVIGATION, PREFLIGHT);
        assertThat(recommendations.studyPlan()).containsExactly(
                "Review VI. Navigation: A. Pilotage and Dead Reckoning was missed in 5 of 10 reports.",
                "Review I. Preflight Preparation: D. Cross-Country Flight Planning was missed in 4 of 10 reports, "
                        + "A. Pilot Qualifications in 3, B. Airworthiness Requirements in 3.");
    }

    @Test
    void tasksRankBySummedFrequencyEvenAboveATaskMissedByMoreReports() {
        List<List<String>> codes = emptyReports(9);
        miss(codes, "PA.I.B.K1", 1, 2);   // task B: 2 + 2 = 4 occurrences, in 2 reports
        miss(codes, "PA.I.B.K2", 1, 2);
        miss(codes, "PA.I.C.K1", 3, 5);   // task C: 3 in 3 reports; weak at 33.3 %, which puts area I in the plan
        miss(codes, "PA.I.A.K1", 6, 7);   // task A: 2 in 2 reports

        StudyRecommendations recommendations = recommendationsFor(codes);

        assertThat(recommendations.studyPlan()).containsExactly(
                "Review I. Preflight Preparation: B. Airworthiness Requirements was missed in 2 of 9 reports, "
                        + "C. Weather Information in 3, A. Pilot Qualifications in 2.");
    }

    @Test
    void areasWithEqualWeakFrequencyAreOrderedByName() {
        StudyRecommendations recommendations = recommendationsFor(List.of(
                List.of("PA.VI.A.K1"), List.of("PA.I.A.K1")));

        assertThat(recommendations.priorityAreas()).containsExactly(PREFLIGHT, NAVIGATION);
        assertThat(recommendations.studyPlan()).containsExactly(
                "Review I. Preflight Preparation: A. Pilot Qualifications was missed in 1 of 2 reports.",
                "Review VI. Navigation: A. Pilotage and Dead Reckoning was missed in 1 of 2 reports.");
    }

    @Test
    void codesUnknownToTheCatalogAreNamedByNumeralAndLetter() {
        StudyRecommendations recommendations = recommendationsFor(List.of(
                List.of("PA.XII.Z.K9"), List.of("PA.XII.Z.K9", "PA.XII.Y.S2"), List.of()));

        assertThat(recommendations.priorityAreas()).containsExactly("XII");
        assertThat(recommendations.studyPlan()).containsExactly(
                "Review Area of Operation XII: Task Z was missed in 2 of 3 reports, Task Y in 1.");
    }

    @Test
    void noWeakCodeMeansNoRecommendation() {
        List<List<String>> codes = emptyReports(10);
        miss(codes, "PA.I.A.K1", 1, 3);
        miss(codes, "PA.I.B.K1", 4, 6);
        miss(codes, "PA.VI.A.K1", 7, 9);

        StudyRecommendations recommendations = recommendationsFor(codes);

        assertThat(recommendations.priorityAreas()).isEmpty();
        assertThat(recommendations.studyPlan()).isEmpty();
    }
}
