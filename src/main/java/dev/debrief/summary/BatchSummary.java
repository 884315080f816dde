package dev.debrief.summary;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The combined summary of a batch, shaped like {@code GET /v1/batches/{id}/summary}.
 *
 * <p>The service serialises with Jackson's SNAKE_CASE strategy, so component names here are the JSON field names
 * in camelCase. Map keys are not renamed by that strategy, which is why the two distributions are ordered maps
 * with their JSON keys spelled out. No accessor-like instance methods ({@code getX}, {@code isX}) may be added:
 * Jackson would serialise them as extra fields.
 */
public record BatchSummary(int totalFiles,
                           int successfulFiles,
                           List<WeakCode> commonWeakAreas,
                           List<WeakArea> weakAreasByArea,
                           ScoreAnalysis scoreAnalysis,
                           List<AggregatedCode> aggregatedCodes,
                           Map<String, Integer> examDistribution,
                           List<Trend> trends,
                           StudyRecommendations studyRecommendations) {

    public BatchSummary {
        commonWeakAreas = List.copyOf(commonWeakAreas);
        weakAreasByArea = List.copyOf(weakAreasByArea);
        aggregatedCodes = List.copyOf(aggregatedCodes);
        examDistribution = orderedCopy(examDistribution);
        trends = List.copyOf(trends);
    }

    /** The summary of a batch in which no file produced a report: nothing to count, nothing divided. */
    public static BatchSummary empty(int totalFiles) {
        return new BatchSummary(totalFiles, 0, List.of(), List.of(), ScoreAnalysis.none(), List.of(), Map.of(),
                List.of(), StudyRecommendations.none());
    }

    /** The excerpt embedded in the POST answer; {@code url} points at the full summary. */
    public ShortSummary shortForm(String url) {
        return new ShortSummary(url, commonWeakAreas, scoreAnalysis.distribution(), studyRecommendations.studyPlan());
    }

    /** A code missed by more than 30 % of the successful reports. */
    public record WeakCode(String code, String area, String task, String description, int frequency,
                           double percentage) {
    }

    /**
     * An Area of Operation in which more than 30 % of the successful reports missed something.
     *
     * @param frequency  code occurrences in the area, summed over reports
     * @param percentage share of successful reports with at least one code in the area
     */
    public record WeakArea(String area, int frequency, double percentage) {
    }

    /**
     * @param distribution report counts per score bucket: {@code <70}, {@code 70-79}, {@code 80-89}, {@code 90-100},
     *                     always all four, in that order
     * @param passRate     null only when there are no reports
     */
    public record ScoreAnalysis(Map<String, Integer> distribution, Statistics statistics, Double passRate) {

        public ScoreAnalysis {
            distribution = orderedCopy(distribution);
        }

        static ScoreAnalysis none() {
            return new ScoreAnalysis(ScoreBuckets.emptyDistribution(), Statistics.none(), null);
        }
    }

    /** Over the reports that printed a score; every field is null when none did. Serialised as {@code std_dev}. */
    public record Statistics(Integer min, Integer max, Double mean, Double median, Double stdDev) {

        static Statistics none() {
            return new Statistics(null, null, null, null, null);
        }
    }

    /** @param reports ids of the reports that contain the code, in batch order */
    public record AggregatedCode(String code, int count, List<UUID> reports) {

        public AggregatedCode {
            reports = List.copyOf(reports);
        }
    }

    /**
     * A person who sat the test more than once in this batch.
     *
     * @param scoreChange     last score minus first score; null when either attempt has no score
     * @param resolvedCodes   missed on the first attempt but not on the last, in first-attempt order
     * @param persistentCodes missed on both the first and the last attempt, in first-attempt order
     */
    public record Trend(String ftn, String name, List<Attempt> attempts, Integer scoreChange,
                        List<String> resolvedCodes, List<String> persistentCodes) {

        public Trend {
            attempts = List.copyOf(attempts);
            resolvedCodes = List.copyOf(resolvedCodes);
            persistentCodes = List.copyOf(persistentCodes);
        }
    }

    public record Attempt(UUID reportId, LocalDate examDate, Integer score, Integer take) {
    }

    /**
     * @param priorityAreas areas of the common weak codes, most missed first
     * @param studyPlan     one sentence per priority area, in the same order
     */
    public record StudyRecommendations(List<String> priorityAreas, List<String> studyPlan) {

        public StudyRecommendations {
            priorityAreas = List.copyOf(priorityAreas);
            studyPlan = List.copyOf(studyPlan);
        }

        static StudyRecommendations none() {
            return new StudyRecommendations(List.of(), List.of());
        }
    }

    /** The {@code summary} object of the POST answer. */
    public record ShortSummary(String url, List<WeakCode> commonWeakAreas, Map<String, Integer> scoreDistribution,
                               List<String> studyPlan) {

        public ShortSummary {
            commonWeakAreas = List.copyOf(commonWeakAreas);
            scoreDistribution = orderedCopy(scoreDistribution);
            studyPlan = List.copyOf(studyPlan);
        }
    }

    // Map.copyOf would lose the key order the JSON relies on.
    private static Map<String, Integer> orderedCopy(Map<String, Integer> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
