package dev.debrief.batch;

import static dev.debrief.testsupport.Api.asSchool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrDocumentFactory.Layout;
import dev.debrief.testsupport.AktrSample;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two schools on one service: what one school made, the other cannot see, change or even detect. */
@QuarkusTest
class SchoolIsolationTest {

    private static final String SCHOOL_A = "isolation-a";
    private static final String SCHOOL_B = "isolation-b";
    private final AktrDocumentFactory factory = new AktrDocumentFactory();
    private final List<UUID> created = new ArrayList<>();

    @Inject
    Pool pool;

    @AfterEach
    void removeBatches() {
        for (UUID id : created) {
            pool.preparedQuery("DELETE FROM reports WHERE batch_id = $1").execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10));
            pool.preparedQuery("DELETE FROM batch_reports WHERE id = $1").execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10));
        }
    }

    @Test
    void anotherSchoolsBatchAnswersExactlyLikeAnUnknownOne() {
        JsonPath batch = create(SCHOOL_A, null, pdf(1)).then().statusCode(201).extract().jsonPath();
        String batchId = batch.getString("batch_id");
        String reportId = batch.getString("reports[0].report_id");
        String unknownId = UUID.randomUUID().toString();

        // each read as its clients ask for it: the documents and the event stream refuse in problem+json all the same
        Map<String, String> acceptByPath = new LinkedHashMap<>();
        for (String path : new String[] {"/v1/batches/%s", "/v1/batches/%s/summary", "/v1/batches/%s/reports",
                "/v1/extractor/batch/%s/summary", "/v1/extractor/batch/%s/reports"}) {
            acceptByPath.put(path, "application/json");
        }
        acceptByPath.put("/v1/batches/%s/report.pdf", "application/pdf");
        acceptByPath.put("/v1/batches/%s/reports.csv", "text/csv");
        acceptByPath.put("/v1/batches/%s/events", "text/event-stream");
        for (Map.Entry<String, String> read : acceptByPath.entrySet()) {
            String path = read.getKey();
            JsonPath foreign = asSchool(SCHOOL_B).accept(read.getValue()).when().get(path.formatted(batchId)).then().statusCode(404)
                    .contentType("application/problem+json").extract().jsonPath();
            JsonPath unknown = asSchool(SCHOOL_B).accept(read.getValue()).when().get(path.formatted(unknownId)).then().statusCode(404)
                    .extract().jsonPath();
            assertThat(foreign.getString("code")).isEqualTo(unknown.getString("code")).isEqualTo("BATCH_NOT_FOUND");
            assertThat(foreign.getString("title")).isEqualTo(unknown.getString("title"));
            assertThat(foreign.getString("detail")).isEqualTo(unknown.getString("detail").replace(unknownId, batchId));
        }
        for (String path : new String[] {"/v1/reports/%s", "/v1/extractor/results/%s"}) {
            asSchool(SCHOOL_B).when().get(path.formatted(reportId)).then().statusCode(404).body("code", equalTo("REPORT_NOT_FOUND"));
        }
        asSchool(SCHOOL_B).when().delete("/v1/batches/" + batchId).then().statusCode(404).body("code", equalTo("BATCH_NOT_FOUND"));
        asSchool(SCHOOL_B).when().post("/v1/batches/" + batchId + "/drive/retry").then().statusCode(404)
                .body("code", equalTo("BATCH_NOT_FOUND"));

        // and school A still has all of it
        asSchool(SCHOOL_A).when().get("/v1/batches/" + batchId).then().statusCode(200).body("successful_files", equalTo(1));
        asSchool(SCHOOL_A).when().get("/v1/batches/" + batchId + "/summary").then().statusCode(200)
                .body("successful_files", equalTo(1));
        asSchool(SCHOOL_A).when().get("/v1/batches/" + batchId + "/reports").then().statusCode(200).body("total", equalTo(1));
        asSchool(SCHOOL_A).when().get("/v1/reports/" + reportId).then().statusCode(200).body("report_id", equalTo(reportId));
        Row owner = row("SELECT school_id, created_by FROM batch_reports WHERE id = $1", UUID.fromString(batchId));
        assertThat(owner.getString("school_id")).isEqualTo(SCHOOL_A);
        assertThat(owner.getString("created_by")).isNotBlank();
        asSchool(SCHOOL_A).when().delete("/v1/batches/" + batchId).then().statusCode(204);
    }

    @Test
    void theSameIdempotencyKeyInTwoSchoolsMakesTwoBatches() {
        String key = "class-of-" + UUID.randomUUID();
        byte[] pdf = pdf(2);
        String a = create(SCHOOL_A, key, pdf).then().statusCode(201).extract().path("batch_id");
        String b = create(SCHOOL_B, key, pdf).then().statusCode(201).extract().path("batch_id");
        assertThat(a).isNotEqualTo(b);

        create(SCHOOL_A, key, pdf).then().statusCode(200).header("Idempotent-Replayed", "true").body("batch_id", equalTo(a));
        create(SCHOOL_B, key, pdf).then().statusCode(200).header("Idempotent-Replayed", "true").body("batch_id", equalTo(b));
    }

    @Test
    void aKeyReusedForADifferentRequestIsRefused() {
        String key = "reused-" + UUID.randomUUID();
        String first = create(SCHOOL_A, key, pdf(3)).then().statusCode(201).extract().path("batch_id");

        create(SCHOOL_A, key, pdf(4)).then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        asSchool(SCHOOL_A).header("Idempotency-Key", key).multiPart("files", "report.pdf", pdf(3), "application/pdf")
                .multiPart("options", "{\"processing_mode\": \"sequential\"}")
                .when().post("/v1/batches").then().statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        create(SCHOOL_A, key, pdf(3)).then().statusCode(200).body("batch_id", equalTo(first));
    }

    @Test
    void requestsRacingWithTheSameKeyMakeOneBatchAndAllGetIt() throws Exception {
        String key = "race-" + UUID.randomUUID();
        byte[] pdf = pdf(5);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> create(SCHOOL_A, key, pdf), clients));
            }
            Set<String> batchIds = answers.stream().map(CompletableFuture::join).map(response -> {
                assertThat(response.statusCode()).as(response.asString()).isIn(200, 201);
                return response.jsonPath().getString("batch_id");
            }).collect(Collectors.toSet());
            assertThat(batchIds).hasSize(1);
            assertThat(row("SELECT count(*) FROM batch_reports WHERE school_id = $1 AND idempotency_key = $2", SCHOOL_A, key)
                    .getLong(0)).isEqualTo(1);
        } finally {
            clients.shutdownNow();
            assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private Response create(String school, String key, byte[] pdf) {
        var request = asSchool(school).multiPart("files", "report.pdf", pdf, "application/pdf");
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        Response response = request.when().post("/v1/batches");
        if (response.statusCode() == 201) {
            synchronized (created) {
                created.add(UUID.fromString(response.jsonPath().getString("batch_id")));
            }
        }
        return response;
    }

    private Row row(String sql, Object... parameters) {
        return pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().atMost(Duration.ofSeconds(10)).iterator().next();
    }

    private byte[] pdf(int seed) {
        return factory.pdf(AktrSample.random(new Random(seed)), Layout.STANDARD);
    }
}
