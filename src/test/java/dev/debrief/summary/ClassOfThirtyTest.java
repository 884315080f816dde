package dev.debrief.summary;

import dev.debrief.summary.BatchSummary.AggregatedCode;
import dev.debrief.summary.BatchSummary.Attempt;
import dev.debrief.summary.BatchSummary.Statistics;
import dev.debrief.summary.BatchSummary.Trend;
import dev.debrief.summary.BatchSummary.WeakArea;
import dev.debrief.summary.BatchSummary.WeakCode;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static dev.debrief.summary.TestReports.AIRWORTHINESS;
import static dev.debrief.summary.TestReports.EMERGENCY;
import static dev.debrief.summary.TestReports.PILOT_QUALIFICATIONS;
import static dev.debrief.summary.TestReports.PREFLIGHT;
import static dev.debrief.summary.TestReports.id;
import static dev.debrief.summary.TestReports.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * A class of 30 (24 private pilot, 5 instrument, one without exam code) out of 32 uploaded files, with every
 * expected number worked out by hand from the table below rather than by the code under test.
 */
class ClassOfThirtyTest {

    private static final String A = "PA.I.A.K1";   // I. Preflight Preparation / A. Pilot Qualifications
    private static final String B = "PA.I.B.K1";   // I. Preflight Preparation / B. Airworthiness Requirements
    private static final String B2 = "PA.I.B.K2";  // I. Preflight Preparation / B. Airworthiness Requirements
    private static final String C = "PA.I.C.K1";   // I. Preflight Preparation / C. Weather Information
    private static final String W = "IR.I.B.K1";   // I. Preflight Preparation / B. Weather Information (instrument)
    private static final String T = "PA.III.B.K1"; // III. Airport and Seaplane Base Operations / B. Traffic Patterns
    private static final String R = "IR.III.A.K1"; // III. Air Traffic Control (ATC) Clearances and Procedures / A.
    private static final String N = "PA.VI.B.K1";  // VI. Navigation / B. Navigation Systems and Radar Services
    private static final String E = "PA.IX.C.K1";  // IX. Emergency Operations / C. Systems and Equipment Malfunctions
    private static final String U = "PA.I.B.K9";   // not in the catalog: area "I", task "B"

    private static final List<ReportFacts> CLASS = List.of(
            row(1, "DOE, JANE", null, "PAR", "2024-01-10", 64, "Fail", 1, A, B, C, E),
            row(2, "ALVAREZ, MARIA", "B1000002", "PAR", "2024-01-10", 88, "Pass", 1, B, E),
            row(3, "BROWN, TOM", "B1000003", "PAR", "2024-01-11", 92, "Pass", 1, B, B2),
            row(4, "CHEN, LI", "B1000004", "PAR", "2024-01-11", 75, "Pass", 1, A, B, N, T),
            row(5, "SMITH, ROBERT", "C777", "PAR", "2024-01-12", 68, "Fail", 1, A, B, E, N, U),
            row(6, "DAVIS, ANN", "B1000006", "PAR", "2024-01-12", 81, "Pass", 1, B, E),
            row(7, "EVANS, KYLE", "B1000007", "PAR", "2024-01-15", 85, "Pass", 1, A, E),
            row(8, "FOSTER, GAIL", "B1000008", "PAR", "2024-01-15", 90, "Pass", 1, B, N),
            row(9, "GARCIA, LUIS", "B1000009", "PAR", "2024-01-16", 79, "Pass", 1, A, B, T),
            row(10, "HALL, EMMA", "B1000010", "PAR", "2024-01-16", 95, "Pass", 1, B2),
            row(11, "IBRAHIM, SAM", "B1000011", "PAR", "2024-01-17", 83, "Pass", 1, B, C, E),
            row(12, "JONES, RAY", "B1000012", "PAR", "2024-01-17", 70, "Pass", 1, A, B, C, N, T),
            row(13, "KING, NORA", "B1000013", "PAR", "2024-01-18", null, "Pass", 1, E),
            row(14, "LEE, KIM", "K1", "PAR", "2024-01-18", 87, "Pass", 1, B, N),
            row(15, "Kim Lee", "K2", "PAR", "2024-01-19", 77, "Pass", 1, A, T),
            row(16, "MOORE, ZOE", "B1000016", "PAR", "2024-01-19", 98, "Pass", 1, N),
            row(17, "NGUYEN, BAO", "B1000017", "PAR", "2024-01-22", 84, "Pass", 1, B, E, T),
            row(18, "OWENS, JO", "B1000018", "PAR", "2024-01-22", 86, "Pass", 1, A, C),
            row(19, "PATEL, ANIL", "B1000019", "PAR", "2024-01-23", 91, "Pass", 1, B, N),
            row(20, "QUINN, DARA", "B1000020", "PAR", "2024-01-23", 80, "Pass", 1, A, B, E, U),
            row(21, "Jane Doe", null, "PAR", "2024-03-02", 86, "Pass", 2, B, T),
            row(22, "Bob Smith", "c 777", "PAR", "2024-03-05", 82, "Pass", 2, B, E, C),
            row(23, "RIVERA, LUZ", "B1000023", "PAR", "2024-01-24", null, null, 1, E, N),
            row(24, "STONE, IAN", "B1000024", "PAR", "2024-01-24", 73, "Pass", 1, A, N, T, C),
            row(25, "TANAKA, YUI", "B1000025", "IRA", "2024-01-25", 89, "Pass", 1, W, R),
            row(26, "USMAN, ALI", "B1000026", "IRA", "2024-01-25", 76, "Pass", 1, W, R, E),
            row(27, "VEGA, ROSA", "B1000027", "IRA", "2024-01-26", 93, "Pass", 1, R),
            row(28, "WU, HAN", "B1000028", "IRA", "2024-01-26", 66, "Fail", 1, W, R),
            row(29, "YOUNG, MAE", "B1000029", "IRA", "2024-01-29", 88, "Pass", 1),
            row(30, "ZHANG, WEI", "B1000030", null, "2024-01-29", 71, "Pass", 1, A));

    private static ReportFacts row(int number, String name, String ftn, String exam, String date, Integer score,
                                   String grade, int take, String... codes) {
        return report(number).name(name).ftn(ftn).exam(exam).date(date).score(score).grade(grade).take(take)
                .codes(codes).build();
    }

    private static List<UUID> ids(int... numbers) {
        return Arrays.stream(numbers).mapToObj(TestReports::id).toList();
    }

    private final BatchSummary summary = new SummaryCalculator().summarise(CLASS, 32);

    @Test
    void counts() {
        assertThat(summary.totalFiles()).isEqualTo(32);
        assertThat(summary.successfulFiles()).isEqualTo(30);
    }

    @Test
    void everyCodeWithTheReportsThatMissedIt() {
        // code         reports containing it                                 count
        // PA.I.B.K1    1 2 3 4 5 6 8 9 11 12 14 17 19 20 21 22                  16
        // PA.IX.C.K1   1 2 5 6 7 11 13 17 20 22 23 26                           12
        // PA.I.A.K1    1 4 5 7 9 12 15 18 20 24 30                              11
        // PA.VI.B.K1   4 5 8 12 14 16 19 23 24                                   9
        // PA.III.B.K1  4 9 12 15 17 21 24                                        7
        // PA.I.C.K1    1 11 12 18 22 24                                          6
        // IR.III.A.K1  25 26 27 28                                               4
        // IR.I.B.K1    25 26 28                                                  3
        // PA.I.B.K2    3 10                                                      2
        // PA.I.B.K9    5 20                                                      2
        assertThat(summary.aggregatedCodes()).containsExactly(
                new AggregatedCode(B, 16, ids(1, 2, 3, 4, 5, 6, 8, 9, 11, 12, 14, 17, 19, 20, 21, 22)),
                new AggregatedCode(E, 12, ids(1, 2, 5, 6, 7, 11, 13, 17, 20, 22, 23, 26)),
                new AggregatedCode(A, 11, ids(1, 4, 5, 7, 9, 12, 15, 18, 20, 24, 30)),
                new AggregatedCode(N, 9, ids(4, 5, 8, 12, 14, 16, 19, 23, 24)),
                new AggregatedCode(T, 7, ids(4, 9, 12, 15, 17, 21, 24)),
                new AggregatedCode(C, 6, ids(1, 11, 12, 18, 22, 24)),
                new AggregatedCode(R, 4, ids(25, 26, 27, 28)),
                new AggregatedCode(W, 3, ids(25, 26, 28)),
                new AggregatedCode(B2, 2, ids(3, 10)),
                new AggregatedCode(U, 2, ids(5, 20)));
    }

    @Test
    void commonWeakCodesAreThoseAboveNineOfThirty() {
        // More than 30 % of 30 means at least 10 reports: 16/30 = 53.33, 12/30 = 40, 11/30 = 36.67;
        // PA.VI.B.K1 at 9/30 is exactly 30 % and stays out.
        assertThat(summary.commonWeakAreas()).containsExactly(
                new WeakCode(B, PREFLIGHT, AIRWORTHINESS, "Airworthiness in general.", 16, 53.3),
                new WeakCode(E, EMERGENCY, "C. Systems and Equipment Malfunctions", "Losing power.", 12, 40.0),
                new WeakCode(A, PREFLIGHT, PILOT_QUALIFICATIONS, "Certificates, recent experience, logbooks.", 11, 36.7));
    }

    @Test
    void weakAreas() {
        // area                                  occurrences             reports with one   share
        // I. Preflight Preparation              11+16+6+3+2 = 38        all but 13 16 23 27 29 = 25   83.3
        // IX. Emergency Operations              12                      12                  40.0
        // VI. Navigation                        9                       9                   30.0 (out)
        // III. Airport and Seaplane Base Ops    7                       7                   23.3 (out)
        // III. ATC Clearances and Procedures    4                       4                   13.3 (out)
        // I (uncatalogued PA.I.B.K9)            2                       2                    6.7 (out)
        assertThat(summary.weakAreasByArea()).containsExactly(
                new WeakArea(PREFLIGHT, 38, 83.3),
                new WeakArea(EMERGENCY, 12, 40.0));
    }

    @Test
    void scores() {
        // 28 scores (13 and 23 have none), sorted:
        // 64 66 68 | 70 71 73 75 76 77 79 | 80 81 82 83 84 85 86 86 87 88 88 89 | 90 91 92 93 95 98
        // sum 2297, mean 82.036; median (83 + 84) / 2; Σx² = 190 665, so n·Σx² − (Σx)² = 5 338 620 − 5 276 209 = 62 411
        // and σ = sqrt(62 411) / 28 = 8.922.
        // Passing: every report but the three "Fail"s (1, 5, 28) and report 23 (no grade, no score) = 26 of 30.
        assertThat(summary.scoreAnalysis().distribution())
                .containsExactly(entry("<70", 3), entry("70-79", 7), entry("80-89", 12), entry("90-100", 6));
        assertThat(summary.scoreAnalysis().statistics()).isEqualTo(new Statistics(64, 98, 82.0, 83.5, 8.9));
        assertThat(summary.scoreAnalysis().passRate()).isEqualTo(86.7);
    }

    @Test
    void exams() {
        assertThat(summary.examDistribution()).containsExactly(entry("PAR", 24), entry("IRA", 5), entry("UNKNOWN", 1));
    }

    @Test
    void repeatTakers() {
        // DOE, JANE / Jane Doe match by name; SMITH, ROBERT / Bob Smith by FTN (C777 = "c 777");
        // LEE, KIM (K1) and Kim Lee (K2) are two people.
        assertThat(summary.trends()).containsExactly(
                new Trend("C777", "Bob Smith",
                        List.of(new Attempt(id(5), LocalDate.of(2024, 1, 12), 68, 1),
                                new Attempt(id(22), LocalDate.of(2024, 3, 5), 82, 2)),
                        14, List.of(A, N, U), List.of(B, E)),
                new Trend(null, "Jane Doe",
                        List.of(new Attempt(id(1), LocalDate.of(2024, 1, 10), 64, 1),
                                new Attempt(id(21), LocalDate.of(2024, 3, 2), 86, 2)),
                        22, List.of(A, C, E), List.of(B)));
    }

    @Test
    void studyRecommendations() {
        // Weak-code frequency per area: I = 16 + 11 = 27, IX = 12.
        // Area I tasks over all codes: B. Airworthiness 16 + 2 = 18 occurrences in 17 reports (K1's 16 plus report 10);
        // A. Pilot Qualifications 11 in 11; C. Weather Information 6 in 6; B. Weather Information 3 in 3 (fourth, left out).
        assertThat(summary.studyRecommendations().priorityAreas()).containsExactly(PREFLIGHT, EMERGENCY);
        assertThat(summary.studyRecommendations().studyPlan()).containsExactly(
                "Review I. Preflight Preparation: B. Airworthiness Requirements was missed in 17 of 30 reports, "
                        + "A. Pilot Qualifications in 11, C. Weather Information in 6.",
                "Review IX. Emergency Operations: C. Systems and Equipment Malfunctions was missed in 12 of 30 reports.");
    }
}
