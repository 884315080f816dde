package dev.debrief.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.debrief.summary.TestReports.report;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records are the JSON contract of API.md once the service's SNAKE_CASE naming applies; this pins the field
 * names (and the order of the distribution keys) with a mapper configured the way the service configures its own.
 */
class SummaryJsonShapeTest {

    private final ObjectMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final BatchSummary summary = new SummaryCalculator().summarise(List.of(
            report(1).name("DOE, JANE").exam("PAR").date("2024-01-10").score(64).grade("Fail").take(1)
                    .codes("PA.I.B.K1", "PA.I.A.K1").build(),
            report(2).name("Jane Doe").exam("PAR").date("2024-03-02").score(86).grade("Pass").take(2)
                    .codes("PA.I.B.K1").build(),
            report(3).exam("IRA").score(91).codes("IR.I.B.K1").build()), 4);

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theSummarySerialisesToTheDocumentedFieldNames() throws Exception {
        JsonNode json = mapper.readTree(mapper.writeValueAsString(summary));

        assertThat(fieldNames(json)).containsExactly("total_files", "successful_files", "common_weak_areas",
                "weak_areas_by_area", "score_analysis", "aggregated_codes", "exam_distribution", "trends",
                "study_recommendations");
        assertThat(fieldNames(json.get("common_weak_areas").get(0)))
                .containsExactly("code", "area", "task", "description", "frequency", "percentage");
        assertThat(fieldNames(json.get("weak_areas_by_area").get(0))).containsExactly("area", "frequency", "percentage");
        assertThat(fieldNames(json.get("score_analysis"))).containsExactly("distribution", "statistics", "pass_rate");
        assertThat(fieldNames(json.get("score_analysis").get("distribution")))
                .containsExactly("<70", "70-79", "80-89", "90-100");
        assertThat(fieldNames(json.get("score_analysis").get("statistics")))
                .containsExactly("min", "max", "mean", "median", "std_dev");
        assertThat(fieldNames(json.get("aggregated_codes").get(0))).containsExactly("code", "count", "reports");
        assertThat(fieldNames(json.get("exam_distribution"))).containsExactly("PAR", "IRA");
        JsonNode trend = json.get("trends").get(0);
        assertThat(fieldNames(trend)).containsExactly("ftn", "name", "attempts", "score_change", "resolved_codes",
                "persistent_codes");
        assertThat(fieldNames(trend.get("attempts").get(0))).containsExactly("report_id", "exam_date", "score", "take");
        assertThat(trend.get("attempts").get(0).get("exam_date").asText()).isEqualTo("2024-01-10");
        assertThat(trend.get("attempts").get(0).get("report_id").asText())
                .isEqualTo("00000000-0000-0000-0000-000000000001");
        assertThat(fieldNames(json.get("study_recommendations"))).containsExactly("priority_areas", "study_plan");
        assertThat(json.get("common_weak_areas").get(0).get("percentage").asText()).isEqualTo("66.7");
    }

    @Test
    void theEmptySummaryHasEveryFieldWithNullStatistics() throws Exception {
        JsonNode json = mapper.readTree(mapper.writeValueAsString(BatchSummary.empty(2)));

        assertThat(json.get("successful_files").asInt()).isZero();
        assertThat(json.get("common_weak_areas").isArray()).isTrue();
        assertThat(json.get("score_analysis").get("pass_rate").isNull()).isTrue();
        assertThat(json.get("score_analysis").get("statistics").get("std_dev").isNull()).isTrue();
        assertThat(fieldNames(json.get("score_analysis").get("distribution")))
                .containsExactly("<70", "70-79", "80-89", "90-100");
        assertThat(json.get("exam_distribution").isObject()).isTrue();
    }

    @Test
    void theShortFormSerialisesToThePostAnswersSummary() throws Exception {
        JsonNode json = mapper.readTree(mapper.writeValueAsString(summary.shortForm("/v1/batches/b/summary")));

        assertThat(fieldNames(json)).containsExactly("url", "common_weak_areas", "score_distribution", "study_plan");
        assertThat(fieldNames(json.get("score_distribution"))).containsExactly("<70", "70-79", "80-89", "90-100");
    }

    @Test
    void aStoredSummaryReadsBackEqual() throws Exception {
        // summary_data is stored as JSONB and served from there, so the records must survive the round trip.
        String json = mapper.writeValueAsString(summary);

        BatchSummary read = mapper.readValue(json, BatchSummary.class);

        assertThat(read).isEqualTo(summary);
        assertThat(List.copyOf(read.scoreAnalysis().distribution().keySet()))
                .containsExactly("<70", "70-79", "80-89", "90-100");
    }
}
