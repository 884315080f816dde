package dev.debrief.summary;

import dev.debrief.summary.BatchSummary.AggregatedCode;
import dev.debrief.summary.BatchSummary.WeakArea;
import dev.debrief.summary.BatchSummary.WeakCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.debrief.summary.TestReports.AIRWORTHINESS;
import static dev.debrief.summary.TestReports.NAVIGATION;
import static dev.debrief.summary.TestReports.PILOT_QUALIFICATIONS;
import static dev.debrief.summary.TestReports.PREFLIGHT;
import static dev.debrief.summary.TestReports.code;
import static dev.debrief.summary.TestReports.id;
import static dev.debrief.summary.TestReports.report;
import static dev.debrief.summary.TestReports.reportsWithCodes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

class CodeAndAreaSummaryTest {

    private final SummaryCalculator calculator = new SummaryCalculator();

    @Test
    void anEmptyBatchHasAnEmptySummaryAndDividesByNothing() {
        BatchSummary summary = calculator.summarise(List.of(), 3);

        assertThat(summary).isEqualTo(BatchSummary.empty(3));
        assertThat(summary.totalFiles()).isEqualTo(3);
        assertThat(summary.successfulFiles()).isZero();
        assertThat(summary.commonWeakAreas()).isEmpty();
        assertThat(summary.weakAreasByArea()).isEmpty();
        assertThat(summary.aggregatedCodes()).isEmpty();
        assertThat(summary.examDistribution()).isEmpty();
        assertThat(summary.trends()).isEmpty();
        assertThat(summary.scoreAnalysis().distribution())
                .containsExactly(entry("<70", 0), entry("70-79", 0), entry("80-89", 0), entry("90-100", 0));
        assertThat(summary.scoreAnalysis().statistics())
                .isEqualTo(new BatchSummary.Statistics(null, null, null, null, null));
        assertThat(summary.scoreAnalysis().passRate()).isNull();
        assertThat(summary.studyRecommendations().priorityAreas()).isEmpty();
        assertThat(summary.studyRecommendations().studyPlan()).isEmpty();
    }

    @Test
    void aSingleReportMakesEachOfItsCodesCommonAtOneHundredPercent() {
        ReportFacts only = report(1).score(85).grade("Pass")
                .codes("PA.I.B.K1", "PA.I.A.K1", "PA.I.B.K2").build();

        BatchSummary summary = calculator.summarise(List.of(only), 1);

        assertThat(summary.totalFiles()).isEqualTo(1);
        assertThat(summary.successfulFiles()).isEqualTo(1);
        assertThat(summary.commonWeakAreas()).containsExactly(
                new WeakCode("PA.I.A.K1", PREFLIGHT, PILOT_QUALIFICATIONS, "Certificates, recent experience, logbooks.", 1, 100.0),
                new WeakCode("PA.I.B.K1", PREFLIGHT, AIRWORTHINESS, "Airworthiness in general.", 1, 100.0),
                new WeakCode("PA.I.B.K2", PREFLIGHT, AIRWORTHINESS, "Maintenance a pilot may do.", 1, 100.0));
        assertThat(summary.weakAreasByArea()).containsExactly(new WeakArea(PREFLIGHT, 3, 100.0));
        assertThat(summary.aggregatedCodes()).containsExactly(
                new AggregatedCode("PA.I.A.K1", 1, List.of(id(1))),
                new AggregatedCode("PA.I.B.K1", 1, List.of(id(1))),
                new AggregatedCode("PA.I.B.K2", 1, List.of(id(1))));
        assertThat(summary.examDistribution()).containsExactly(entry("PAR", 1));
        assertThat(summary.trends()).isEmpty();
    }

    @Test
    void aCodeRepeatedInsideOneReportCountsOnce() {
        List<ReportFacts> reports = reportsWithCodes(List.of(
                List.of("PA.I.B.K1", "PA.I.B.K1", "PA.I.A.K1"),
                List.of()));

        BatchSummary summary = calculator.summarise(reports, 2);

        assertThat(summary.aggregatedCodes()).containsExactly(
                new AggregatedCode("PA.I.A.K1", 1, List.of(id(1))),
                new AggregatedCode("PA.I.B.K1", 1, List.of(id(1))));
        assertThat(summary.weakAreasByArea()).containsExactly(new WeakArea(PREFLIGHT, 2, 50.0));
    }

    @Test
    void exactlyThirtyPercentIsNotCommonButFortyIs() {
        // Ten reports: PA.I.A.K1 in reports 1-4 (40 %), PA.VI.A.K1 in 5-7 (30 %), PA.I.B.K1 in 1-2 (20 %).
        List<ReportFacts> reports = reportsWithCodes(List.of(
                List.of("PA.I.A.K1", "PA.I.B.K1"), List.of("PA.I.A.K1", "PA.I.B.K1"), List.of("PA.I.A.K1"),
                List.of("PA.I.A.K1"), List.of("PA.VI.A.K1"), List.of("PA.VI.A.K1"), List.of("PA.VI.A.K1"),
                List.of(), List.of(), List.of()));

        BatchSummary summary = calculator.summarise(reports, 10);

        assertThat(summary.commonWeakAreas()).extracting(WeakCode::code, WeakCode::frequency, WeakCode::percentage)
                .containsExactly(tuple("PA.I.A.K1", 4, 40.0));
        // Area I: 6 occurrences in 4 of 10 reports; area VI: 3 occurrences in 3 of 10 reports, exactly 30 %, left out.
        assertThat(summary.weakAreasByArea()).containsExactly(new WeakArea(PREFLIGHT, 6, 40.0));
        assertThat(summary.aggregatedCodes()).extracting(AggregatedCode::code, AggregatedCode::count)
                .containsExactly(tuple("PA.I.A.K1", 4),
                        tuple("PA.VI.A.K1", 3),
                        tuple("PA.I.B.K1", 2));
    }

    @Test
    void theThresholdIsStrictAtOtherBatchSizesToo() {
        assertThat(SummaryCalculator.isCommon(6, 20)).isFalse();
        assertThat(SummaryCalculator.isCommon(7, 20)).isTrue();
        assertThat(SummaryCalculator.isCommon(9, 30)).isFalse();
        assertThat(SummaryCalculator.isCommon(10, 30)).isTrue();
        assertThat(SummaryCalculator.isCommon(1, 3)).isTrue();
        assertThat(SummaryCalculator.isCommon(0, 1)).isFalse();
        assertThat(SummaryCalculator.isCommon(1, 4)).isFalse();
    }

    @Test
    void thirdsRoundHalfUpToOneDecimal() {
        // Three reports: one code in 1 of 3 (33.33… %), one in 2 of 3 (66.66… %).
        List<ReportFacts> reports = reportsWithCodes(List.of(
                List.of("PA.I.A.K1", "PA.I.B.K1"), List.of("PA.I.B.K1"), List.of()));

        BatchSummary summary = calculator.summarise(reports, 3);

        assertThat(summary.commonWeakAreas()).extracting(WeakCode::code, WeakCode::percentage).containsExactly(
                tuple("PA.I.B.K1", 66.7),
                tuple("PA.I.A.K1", 33.3));
        assertThat(summary.weakAreasByArea()).containsExactly(new WeakArea(PREFLIGHT, 3, 66.7));
    }

    @Test
    void sixteenthsLandingOnFiveHundredthsRoundUp() {
        // Sixteen reports: 5/16 = 31.25 %, 7/16 = 43.75 %, 9/16 = 56.25 %.
        List<List<String>> codes = new ArrayList<>();
        for (int i = 1; i <= 16; i++) {
            List<String> reportCodes = new ArrayList<>();
            if (i <= 5) {
                reportCodes.add("PA.VI.A.K1");
            }
            if (i <= 7) {
                reportCodes.add("PA.I.C.K1");
            }
            if (i <= 9) {
                reportCodes.add("PA.I.A.K1");
            }
            codes.add(reportCodes);
        }

        BatchSummary summary = calculator.summarise(reportsWithCodes(codes), 16);

        assertThat(summary.commonWeakAreas()).extracting(WeakCode::code, WeakCode::percentage).containsExactly(
                tuple("PA.I.A.K1", 56.3),
                tuple("PA.I.C.K1", 43.8),
                tuple("PA.VI.A.K1", 31.3));
        // Area I: 9 + 7 = 16 occurrences in reports 1-9 (56.25 %); area VI: 5 in 5 (31.25 %).
        assertThat(summary.weakAreasByArea()).containsExactly(
                new WeakArea(PREFLIGHT, 16, 56.3),
                new WeakArea(NAVIGATION, 5, 31.3));
    }

    @Test
    void equallyFrequentCodesAndAreasAreOrderedByName() {
        List<ReportFacts> reports = reportsWithCodes(List.of(
                List.of("PA.VI.A.K1", "PA.I.B.K1", "PA.I.A.K1"),
                List.of("PA.I.A.K1", "PA.VI.A.K1"),
                List.of("PA.I.B.K1")));

        BatchSummary summary = calculator.summarise(reports, 3);

        assertThat(summary.commonWeakAreas()).extracting(WeakCode::code)
                .containsExactly("PA.I.A.K1", "PA.I.B.K1", "PA.VI.A.K1");
        assertThat(summary.aggregatedCodes()).containsExactly(
                new AggregatedCode("PA.I.A.K1", 2, List.of(id(1), id(2))),
                new AggregatedCode("PA.I.B.K1", 2, List.of(id(1), id(3))),
                new AggregatedCode("PA.VI.A.K1", 2, List.of(id(1), id(2))));
        // Area I: 4 occurrences in 3 reports; area VI: 2 in 2. Frequency decides first.
        assertThat(summary.weakAreasByArea()).containsExactly(
                new WeakArea(PREFLIGHT, 4, 100.0),
                new WeakArea(NAVIGATION, 2, 66.7));
    }

    @Test
    void areasWithEqualFrequencyAreOrderedByName() {
        List<ReportFacts> reports = reportsWithCodes(List.of(List.of("PA.VI.A.K1"), List.of("PA.I.A.K1")));

        BatchSummary summary = calculator.summarise(reports, 2);

        assertThat(summary.weakAreasByArea()).containsExactly(
                new WeakArea(PREFLIGHT, 1, 50.0),
                new WeakArea(NAVIGATION, 1, 50.0));
    }

    @Test
    void reportIdsFollowTheBatchOrder() {
        List<ReportFacts> reports = new ArrayList<>(reportsWithCodes(List.of(
                List.of("PA.I.A.K1"), List.of("PA.I.A.K1"), List.of("PA.I.A.K1"))));
        Collections.reverse(reports);

        BatchSummary summary = calculator.summarise(reports, 3);

        assertThat(summary.aggregatedCodes()).containsExactly(
                new AggregatedCode("PA.I.A.K1", 3, List.of(id(3), id(2), id(1))));
    }

    @Test
    void codesUnknownToTheCatalogKeepTheirNumeralAndLetter() {
        List<ReportFacts> reports = reportsWithCodes(List.of(
                List.of("PA.XII.Z.K9", "PA.I.A.K1"), List.of("PA.XII.Z.K9"), List.of()));

        BatchSummary summary = calculator.summarise(reports, 3);

        assertThat(summary.commonWeakAreas()).containsExactly(
                new WeakCode("PA.XII.Z.K9", "XII", "Z", null, 2, 66.7),
                new WeakCode("PA.I.A.K1", PREFLIGHT, PILOT_QUALIFICATIONS, "Certificates, recent experience, logbooks.", 1, 33.3));
        assertThat(summary.weakAreasByArea()).containsExactly(
                new WeakArea("XII", 2, 66.7),
                new WeakArea(PREFLIGHT, 1, 33.3));
    }

    @Test
    void theCatalogContextOfACodeWinsOverAReportThatLacksIt() {
        CodeFacts bare = new CodeFacts("PA.I.A.K1", "I", "A", null);
        List<ReportFacts> reports = List.of(
                report(1).codeFacts(bare).build(),
                report(2).codeFacts(code("PA.I.A.K1")).build());

        BatchSummary summary = calculator.summarise(reports, 2);

        assertThat(summary.commonWeakAreas()).containsExactly(new WeakCode("PA.I.A.K1", PREFLIGHT,
                PILOT_QUALIFICATIONS, "Certificates, recent experience, logbooks.", 2, 100.0));
    }

    @Test
    void examsAreCountedMostFrequentFirstWithMissingCodesAsUnknown() {
        List<ReportFacts> reports = List.of(
                report(1).exam("PAR").build(), report(2).exam("IRA").build(), report(3).exam(null).build(),
                report(4).exam("PAR").build(), report(5).exam("CAX").build(), report(6).exam("IRA").build(),
                report(7).exam(" ").build());

        BatchSummary summary = calculator.summarise(reports, 9);

        assertThat(summary.totalFiles()).isEqualTo(9);
        assertThat(summary.successfulFiles()).isEqualTo(7);
        assertThat(summary.examDistribution())
                .containsExactly(entry("IRA", 2), entry("PAR", 2), entry("UNKNOWN", 2), entry("CAX", 1));
    }

    @Test
    void reportsWithoutCodesLeaveEveryCodeListEmpty() {
        BatchSummary summary = calculator.summarise(reportsWithCodes(List.of(List.of(), List.of())), 2);

        assertThat(summary.successfulFiles()).isEqualTo(2);
        assertThat(summary.aggregatedCodes()).isEmpty();
        assertThat(summary.commonWeakAreas()).isEmpty();
        assertThat(summary.weakAreasByArea()).isEmpty();
        assertThat(summary.studyRecommendations().priorityAreas()).isEmpty();
        assertThat(summary.studyRecommendations().studyPlan()).isEmpty();
    }

    @Test
    void theShortFormCarriesTheWeakCodesDistributionAndPlan() {
        ReportFacts only = report(1).score(72).codes("PA.I.A.K1").build();
        BatchSummary summary = calculator.summarise(List.of(only), 1);

        BatchSummary.ShortSummary shortForm = summary.shortForm("/v1/batches/b1/summary");

        assertThat(shortForm.url()).isEqualTo("/v1/batches/b1/summary");
        assertThat(shortForm.commonWeakAreas()).isEqualTo(summary.commonWeakAreas());
        assertThat(shortForm.scoreDistribution())
                .containsExactly(entry("<70", 0), entry("70-79", 1), entry("80-89", 0), entry("90-100", 0));
        assertThat(shortForm.studyPlan()).containsExactly(
                "Review I. Preflight Preparation: A. Pilot Qualifications was missed in 1 of 1 report.");
    }
}
