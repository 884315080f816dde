package dev.debrief.summary;

import dev.debrief.summary.BatchSummary.ScoreAnalysis;
import dev.debrief.summary.BatchSummary.Statistics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.debrief.summary.TestReports.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class ScoreAnalysisTest {

    private final SummaryCalculator calculator = new SummaryCalculator();

    private ScoreAnalysis analysisOfScores(Integer... scores) {
        List<ReportFacts> reports = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            reports.add(report(i + 1).score(scores[i]).build());
        }
        return calculator.summarise(reports, reports.size()).scoreAnalysis();
    }

    @Test
    void oddCountTakesTheMiddleScore() {
        // 60, 75, 90: mean 75, deviations −15, 0, 15, variance 450/3 = 150, σ = 12.247…
        ScoreAnalysis analysis = analysisOfScores(90, 60, 75);

        assertThat(analysis.statistics()).isEqualTo(new Statistics(60, 90, 75.0, 75.0, 12.2));
    }

    @Test
    void evenCountAveragesTheTwoMiddleScores() {
        // 64, 70, 81, 90: median (70 + 81) / 2 = 75.5; mean 305 / 4 = 76.25, rounded half-up to 76.3;
        // squared deviations 150.0625 + 39.0625 + 22.5625 + 189.0625 = 400.75, variance 100.1875, σ = 10.009…
        ScoreAnalysis analysis = analysisOfScores(70, 81, 90, 64);

        assertThat(analysis.statistics()).isEqualTo(new Statistics(64, 90, 76.3, 75.5, 10.0));
    }

    @Test
    void standardDeviationIsThePopulationOne() {
        // The textbook set 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population σ exactly 2 (the sample σ would be 2.1).
        ScoreAnalysis analysis = analysisOfScores(2, 4, 4, 4, 5, 5, 7, 9);

        assertThat(analysis.statistics()).isEqualTo(new Statistics(2, 9, 5.0, 4.5, 2.0));
        assertThat(analysis.distribution())
                .containsExactly(entry("<70", 8), entry("70-79", 0), entry("80-89", 0), entry("90-100", 0));
    }

    @Test
    void aMeanOnAHalfTenthRoundsUp() {
        // 70, 71, 71, 71: mean 283 / 4 = 70.75 → 70.8; median 71; deviations −0.75, 0.25 ×3, variance 0.1875, σ = 0.433…
        ScoreAnalysis analysis = analysisOfScores(71, 70, 71, 71);

        assertThat(analysis.statistics()).isEqualTo(new Statistics(70, 71, 70.8, 71.0, 0.4));
    }

    @Test
    void aSingleScoreHasNoSpread() {
        assertThat(analysisOfScores(85).statistics()).isEqualTo(new Statistics(85, 85, 85.0, 85.0, 0.0));
    }

    @Test
    void scoresOnBucketEdgesFallIntoTheHigherBucket() {
        ScoreAnalysis analysis = analysisOfScores(69, 70, 79, 80, 89, 90, 100);

        assertThat(analysis.distribution())
                .containsExactly(entry("<70", 1), entry("70-79", 2), entry("80-89", 2), entry("90-100", 2));
    }

    @Test
    void aClassThatAllFailedHasAZeroPassRate() {
        List<ReportFacts> reports = List.of(
                report(1).score(55).grade("Fail").build(),
                report(2).score(62).grade("Fail").build(),
                report(3).score(68).grade("Fail").build());

        ScoreAnalysis analysis = calculator.summarise(reports, 3).scoreAnalysis();

        assertThat(analysis.passRate()).isEqualTo(0.0);
        assertThat(analysis.distribution())
                .containsExactly(entry("<70", 3), entry("70-79", 0), entry("80-89", 0), entry("90-100", 0));
        // 55, 62, 68: mean 185 / 3 = 61.67; squared deviations 44.44 + 0.11 + 40.11 = 84.67, variance 28.22, σ = 5.31
        assertThat(analysis.statistics()).isEqualTo(new Statistics(55, 68, 61.7, 62.0, 5.3));
    }

    @Test
    void thePrintedGradeDecidesAndTheScoreOnlyWhenThereIsNone() {
        List<ReportFacts> reports = List.of(
                report(1).score(75).grade("Fail").build(),   // grade wins: fail
                report(2).score(65).grade("Pass").build(),   // grade wins: pass
                report(3).score(70).grade(null).build(),     // 70 passes
                report(4).score(69).grade(null).build());    // 69 does not

        ScoreAnalysis analysis = calculator.summarise(reports, 4).scoreAnalysis();

        assertThat(analysis.passRate()).isEqualTo(50.0);
    }

    @Test
    void reportsWithoutAScoreAreLeftOutOfTheStatisticsButNotOutOfThePassRate() {
        List<ReportFacts> reports = List.of(
                report(1).score(null).grade("Pass").build(),  // passes on its grade
                report(2).score(null).grade(null).build(),    // nothing shows a pass
                report(3).score(80).grade(null).build());     // passes on its score

        ScoreAnalysis analysis = calculator.summarise(reports, 3).scoreAnalysis();

        assertThat(analysis.statistics()).isEqualTo(new Statistics(80, 80, 80.0, 80.0, 0.0));
        assertThat(analysis.distribution())
                .containsExactly(entry("<70", 0), entry("70-79", 0), entry("80-89", 1), entry("90-100", 0));
        assertThat(analysis.passRate()).isEqualTo(66.7);
    }

    @Test
    void aBatchWithoutAnyScoreHasNullStatisticsAndAGradeBasedPassRate() {
        List<ReportFacts> reports = List.of(
                report(1).score(null).grade("Pass").build(),
                report(2).score(null).grade("Fail").build());

        ScoreAnalysis analysis = calculator.summarise(reports, 2).scoreAnalysis();

        assertThat(analysis.statistics()).isEqualTo(new Statistics(null, null, null, null, null));
        assertThat(analysis.distribution())
                .containsExactly(entry("<70", 0), entry("70-79", 0), entry("80-89", 0), entry("90-100", 0));
        assertThat(analysis.passRate()).isEqualTo(50.0);
    }

    @Test
    void passRateOfTwoInThreeRoundsUp() {
        List<ReportFacts> reports = List.of(
                report(1).grade("Pass").build(), report(2).grade("PASS").build(), report(3).grade("Fail").build());

        assertThat(calculator.summarise(reports, 3).scoreAnalysis().passRate()).isEqualTo(66.7);
    }
}
