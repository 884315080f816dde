package dev.debrief.summary;

import dev.debrief.summary.BatchSummary.ScoreAnalysis;
import dev.debrief.summary.BatchSummary.Statistics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/** Score distribution, statistics and pass rate of a non-empty batch. */
final class ScoreAnalyser {

    ScoreAnalysis analyse(List<ReportFacts> reports) {
        int[] scores = reports.stream().map(ReportFacts::score).filter(Objects::nonNull)
                .mapToInt(Integer::intValue).sorted().toArray();

        LinkedHashMap<String, Integer> distribution = ScoreBuckets.emptyDistribution();
        for (int score : scores) {
            distribution.merge(ScoreBuckets.bucketOf(score), 1, Integer::sum);
        }

        long passing = reports.stream().filter(ScoreAnalyser::passes).count();
        // Every successful report is in the denominator: one without a grade or score has not shown a pass.
        Double passRate = reports.isEmpty() ? null : OneDecimal.percentage(passing, reports.size());

        return new ScoreAnalysis(distribution, statistics(scores), passRate);
    }

    static boolean passes(ReportFacts report) {
        if (report.grade() != null && !report.grade().isBlank()) {
            return report.grade().strip().equalsIgnoreCase("pass");
        }
        return report.score() != null && report.score() >= 70;
    }

    private static Statistics statistics(int[] sortedScores) {
        int n = sortedScores.length;
        if (n == 0) {
            return Statistics.none();
        }
        long sum = 0;
        long sumOfSquares = 0;
        for (int score : sortedScores) {
            sum += score;
            sumOfSquares += (long) score * score;
        }
        int middle = n / 2;
        double median = n % 2 == 1
                ? sortedScores[middle]
                : OneDecimal.quotient((long) sortedScores[middle - 1] + sortedScores[middle], 2);
        // Population variance = (n·Σx² − (Σx)²) / n², so the standard deviation is sqrt(n·Σx² − (Σx)²) / n;
        // keeping it as integers lets the rounding be exact.
        double stdDev = OneDecimal.squareRootQuotient(n * sumOfSquares - sum * sum, n);
        return new Statistics(sortedScores[0], sortedScores[n - 1], OneDecimal.quotient(sum, n), median, stdDev);
    }
}
