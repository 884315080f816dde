package dev.debrief.batch;

import static dev.debrief.testsupport.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrDocumentFactory.Layout;
import dev.debrief.testsupport.AktrSample;
import dev.debrief.testsupport.Batches;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Batches through the real HTTP API, the real pipeline and the embedded PostgreSQL. */
@QuarkusTest
class BatchProcessingTest {

    private static final Path STAGING = Path.of("target/test-staging");
    private final AktrDocumentFactory factory = new AktrDocumentFactory();

    @Inject
    Pool pool;

    @Inject
    BatchRemoval removal;

    @Test
    void aMixedBatchOfThirtyComesBackFileByFile() {
        Random random = new Random(30);
        Layout[] layouts = Layout.values();
        List<AktrSample> samples = new ArrayList<>();
        RequestSpecification request = given();
        for (int i = 0; i < 23; i++) {
            AktrSample sample = AktrSample.random(random);
            samples.add(sample);
            request = request.multiPart("files", "student-" + i + ".pdf", factory.pdf(sample, layouts[i % layouts.length]), "application/pdf");
        }
        request = request
                .multiPart("files", "broken.pdf", factory.truncatedPdf(), "application/pdf")
                .multiPart("files", "locked.pdf", factory.encryptedPdf(), "application/pdf")
                .multiPart("files", "empty.pdf", factory.emptyFile(), "application/pdf")
                .multiPart("files", "letter.pdf", factory.notAnAktrPdf(), "application/pdf")
                .multiPart("files", "garbage.pdf", factory.garbageWithPdfHeader(), "application/pdf")
                .multiPart("files", "notes.txt", "no report here".getBytes(StandardCharsets.UTF_8), "text/plain")
                .multiPart("files", "../../etc/evil\u0007name.pdf", factory.pdf(samples.get(0), Layout.STANDARD), "application/pdf");

        JsonPath body = request.when().post("/v1/batches")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/v1/batches/"))
                .body("status", equalTo("partial"))
                .body("total_files", equalTo(30))
                .body("successful_files", equalTo(24))
                .body("failed_files", equalTo(6))
                .body("reports", hasSize(30))
                .body("summary.url", notNullValue())
                .body("drive_integration.status", equalTo("not_requested"))
                .extract().jsonPath();

        for (int i = 0; i < 23; i++) {
            assertReportMatches(body.getMap("reports[" + i + "]"), samples.get(i), "student-" + i + ".pdf");
        }
        Map<String, String> errors = new java.util.HashMap<>();
        for (int i = 23; i < 29; i++) {
            assertThat(body.getString("reports[" + i + "].status")).isEqualTo("failed");
            assertThat(body.getString("reports[" + i + "].report_id")).isNull();
            errors.put(body.getString("reports[" + i + "].file_name"), body.getString("reports[" + i + "].error.type"));
        }
        assertThat(errors).isEqualTo(Map.of("broken.pdf", "INVALID_PDF", "locked.pdf", "ENCRYPTED_PDF",
                "empty.pdf", "EMPTY_FILE", "letter.pdf", "NOT_AN_AKTR", "garbage.pdf", "INVALID_PDF",
                "notes.txt", "UNSUPPORTED_FILE_TYPE"));
        assertThat(body.getString("reports[29].file_name")).isEqualTo("../../etc/evil\u0007name.pdf");
        assertThat(body.getString("reports[29].status")).isEqualTo("success");

        String batchId = body.getString("batch_id");
        given().when().get("/v1/batches/" + batchId)
                .then().statusCode(200)
                .body("files", hasSize(30))
                .body("files[29].safe_file_name", equalTo("evil_name.pdf"))
                .body("files[29].processing_order", equalTo(30))
                .body("files[23].error.type", equalTo("INVALID_PDF"))
                .body("files[24].file_type", equalTo("pdf"))
                .body("files[25].file_type", nullValue())
                .body("files[28].file_type", nullValue())
                .body("processing_time_ms", notNullValue());
        assertThat(STAGING.resolve(batchId)).as("staged bytes are removed once extraction is done").doesNotExist();
    }

    private static void assertReportMatches(Map<String, Object> report, AktrSample sample, String fileName) {
        assertThat(report.get("file_name")).isEqualTo(fileName);
        assertThat(report.get("status")).as("status of %s", fileName).isEqualTo("success");
        assertThat(report.get("extraction_method")).isEqualTo("pdf_text");
        assertThat((Float) report.get("confidence")).isGreaterThan(0.8f);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) report.get("metadata");
        assertThat(metadata.get("name")).isEqualTo(sample.name());
        assertThat(metadata.get("ftn")).isEqualTo(sample.ftn());
        assertThat(metadata.get("exam_id")).isEqualTo(sample.examId());
        assertThat(metadata.get("exam")).isEqualTo(sample.examTitle());
        assertThat(metadata.get("exam_code")).isEqualTo(sample.examCode());
        assertThat(metadata.get("exam_date")).isEqualTo(sample.examDate().toString());
        assertThat(metadata.get("exam_site")).isEqualTo(sample.examSite());
        assertThat(metadata.get("score")).isEqualTo(sample.score());
        assertThat(metadata.get("grade")).isEqualTo(sample.grade());
        assertThat(metadata.get("take")).isEqualTo(sample.take());
        assertThat(metadata.get("expiration_date")).isEqualTo(sample.expirationDate().toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> codes = (List<Map<String, Object>>) report.get("codes");
        assertThat(codes).extracting(c -> c.get("code")).containsExactlyElementsOf(new LinkedHashSet<>(sample.codes()));
        for (Map<String, Object> code : codes) {
            String value = (String) code.get("code");
            String numeral = value.split("\\.")[1];
            // Tests run with the bundled catalog alone: it covers the private and commercial ACS (PA, CA); of the
            // instrument codes (IR) it knows only the archived ones, by their former text
            if (value.startsWith("PA.") || value.startsWith("CA.")) {
                assertThat(code.get("known")).as("%s in the catalog", value).isEqualTo(true);
                assertThat((String) code.get("area_of_operation")).startsWith(numeral + ". ");
                assertThat((String) code.get("task")).matches("[A-Z]\\. .+");
            } else {
                assertThat(code.get("known")).as("%s in the catalog", value).isEqualTo(code.get("archived"));
                assertThat((String) code.get("area_of_operation")).startsWith(numeral);
            }
            if (Boolean.TRUE.equals(code.get("known"))) {
                assertThat((String) code.get("description")).isNotBlank();
            }
        }
    }

    @Test
    void catalogTextIsAttachedToEveryKnownCode() {
        AktrSample sample = AktrSample.random(new Random(7)).withCodes(List.of("PA.I.B.K1", "PA.I.B.K1", "PA.IX.Z.K9", "PA.III.A.R3"));
        given().multiPart("files[]", "one.pdf", factory.pdf(sample, Layout.STANDARD), "application/pdf")
                .when().post("/v1/batches")
                .then().statusCode(201)
                .body("reports[0].codes", hasSize(3))
                .body("reports[0].codes[0].code", equalTo("PA.I.B.K1"))
                .body("reports[0].codes[0].area_of_operation", equalTo("I. Preflight Preparation"))
                .body("reports[0].codes[0].task", equalTo("B. Airworthiness Requirements"))
                .body("reports[0].codes[0].type", equalTo("knowledge"))
                .body("reports[0].codes[0].known", equalTo(true))
                .body("reports[0].codes[1].code", equalTo("PA.IX.Z.K9"))
                .body("reports[0].codes[1].known", equalTo(false))
                .body("reports[0].codes[1].area_of_operation", equalTo("IX"))
                .body("reports[0].codes[1].task", equalTo("Z"))
                .body("reports[0].codes[1].description", nullValue())
                .body("reports[0].codes[0].archived", equalTo(false))
                .body("reports[0].codes[2].code", equalTo("PA.III.A.R3"))
                .body("reports[0].codes[2].known", equalTo(true))
                .body("reports[0].codes[2].archived", equalTo(true))
                .body("reports[0].codes[2].description", equalTo("Confirmation or expectation bias."));
    }

    @Test
    void respondAsyncAnswersAtOnceAndTheBatchCanBePolled() throws InterruptedException {
        Random random = new Random(11);
        RequestSpecification request = given().header("Prefer", "respond-async");
        for (int i = 0; i < 5; i++) {
            request = request.multiPart("files", "s" + i + ".pdf", factory.pdf(AktrSample.random(random), Layout.TWO_COLUMN));
        }
        Response accepted = request.when().post("/v1/extractor/batch/extract");
        accepted.then().statusCode(202)
                .header("Preference-Applied", "respond-async")
                .body("status", equalTo("processing"))
                .body("files", hasSize(5));
        String location = accepted.header("Location");

        String status = await("the accepted batch settles").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().when().get(location).then().statusCode(200).extract().<String>path("status"),
                        current -> !"processing".equals(current));
        assertThat(status).isEqualTo("completed");
        given().when().get(location).then().body("successful_files", equalTo(5)).body("files.processing_status", org.hamcrest.Matchers.everyItem(equalTo("success")));
    }

    @Test
    void theSameIdempotencyKeyNeverMakesASecondBatch() {
        byte[] pdf = factory.pdf(AktrSample.random(new Random(3)), Layout.STANDARD);
        String key = "upload-" + UUID.randomUUID();
        String first = given().header("Idempotency-Key", key).multiPart("files", "a.pdf", pdf)
                .when().post("/v1/batches").then().statusCode(201).extract().path("batch_id");
        given().header("Idempotency-Key", key).multiPart("files", "a.pdf", pdf)
                .when().post("/v1/batches")
                .then().statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("batch_id", equalTo(first));
        Long batches = pool.preparedQuery("SELECT count(*) FROM batch_reports WHERE idempotency_key = $1")
                .execute(Tuple.of(key)).await().indefinitely().iterator().next().getLong(0);
        assertThat(batches).isEqualTo(1);
    }

    @Test
    void reportsArePagedInUploadOrder() {
        Random random = new Random(5);
        RequestSpecification request = given().multiPart("options", "{\"processing_mode\": \"parallel\", \"include_individual_reports\": false}");
        for (int i = 0; i < 7; i++) {
            request = request.multiPart("files", "p" + i + ".pdf", factory.pdf(AktrSample.random(random), Layout.STANDARD));
        }
        request = request.multiPart("files", "bad.pdf", factory.truncatedPdf());
        JsonPath created = request.when().post("/v1/batches").then().statusCode(201)
                .body("reports", nullValue())
                .body("files", hasSize(8))
                .extract().jsonPath();
        String id = created.getString("batch_id");
        String reports = "/v1/batches/" + id + "/reports";

        given().queryParam("limit", 3).when().get(reports)
                .then().statusCode(200)
                .body("total", equalTo(8)).body("page", equalTo(1)).body("limit", equalTo(3))
                .body("reports.file_name", equalTo(List.of("p0.pdf", "p1.pdf", "p2.pdf")))
                .body("next", equalTo(reports + "?limit=3&page=2"))
                .body("previous", nullValue());
        given().queryParam("limit", 3).queryParam("page", 3).when().get(reports)
                .then().body("reports.file_name", equalTo(List.of("p6.pdf", "bad.pdf")))
                .body("next", nullValue())
                .body("previous", equalTo(reports + "?limit=3&page=2"));
        given().queryParam("page", 9).when().get(reports)
                .then().statusCode(200).body("reports", hasSize(0)).body("previous", equalTo(reports + "?limit=10&page=1"));
        // a page far past the end is an empty page, not an overflowing offset (it was a 500)
        given().queryParam("page", Integer.MAX_VALUE).queryParam("limit", 50).when().get(reports)
                .then().statusCode(200).body("reports", hasSize(0)).body("total", equalTo(8));
        given().queryParam("status", "failed").when().get("/v1/extractor/batch/" + id + "/reports")
                .then().body("total", equalTo(1)).body("reports[0].error.type", equalTo("INVALID_PDF"));
        for (String[] bad : new String[][] {{"page", "0"}, {"limit", "51"}, {"limit", "0"}, {"limit", "ten"}, {"status", "pending"}}) {
            given().queryParam(bad[0], bad[1]).when().get(reports)
                    .then().statusCode(400).body("code", equalTo("INVALID_PAGINATION"));
        }

        String reportId = given().queryParam("status", "success").queryParam("limit", 1).when().get(reports)
                .then().extract().path("reports[0].report_id");
        given().when().get("/v1/reports/" + reportId)
                .then().statusCode(200).body("report_id", equalTo(reportId)).body("file_name", equalTo("p0.pdf"))
                .body("batch_id", equalTo(id)).body("metadata.score", notNullValue());
        given().when().get("/v1/extractor/results/" + reportId).then().statusCode(200).body("report_id", equalTo(reportId));
    }

    @Test
    void theSummaryMatchesAnIndependentCount() {
        Random random = new Random(2026);
        List<AktrSample> samples = new ArrayList<>();
        RequestSpecification request = given();
        for (int i = 0; i < 30; i++) {
            AktrSample sample = AktrSample.random(random);
            samples.add(sample);
            request = request.multiPart("files", "c" + i + ".pdf", factory.pdf(sample, Layout.STANDARD));
        }
        String id = request.when().post("/v1/batches").then().statusCode(201)
                .body("summary.score_distribution", notNullValue())
                .extract().path("batch_id");

        JsonPath summary = given().when().get("/v1/batches/" + id + "/summary").then().statusCode(200)
                .body("batch_id", equalTo(id))
                .body("total_files", equalTo(30)).body("successful_files", equalTo(30))
                .extract().jsonPath();

        long passed = samples.stream().filter(s -> s.grade().equals("Pass")).count();
        assertThat(summary.getDouble("score_analysis.pass_rate")).isEqualTo(oneDecimal(passed * 100.0 / 30));
        assertThat(summary.getDouble("score_analysis.statistics.mean"))
                .isEqualTo(oneDecimal(samples.stream().mapToInt(AktrSample::score).average().orElseThrow()));
        assertThat(summary.getInt("score_analysis.statistics.min")).isEqualTo(samples.stream().mapToInt(AktrSample::score).min().orElseThrow());
        assertThat(summary.getInt("score_analysis.statistics.max")).isEqualTo(samples.stream().mapToInt(AktrSample::score).max().orElseThrow());
        Map<String, Long> perCode = samples.stream().flatMap(s -> new LinkedHashSet<>(s.codes()).stream())
                .collect(Collectors.groupingBy(c -> c, Collectors.counting()));
        Set<String> weak = perCode.entrySet().stream().filter(e -> e.getValue() * 10 > 30 * 3).map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(summary.getList("common_weak_areas.code")).containsExactlyInAnyOrderElementsOf(weak);
        for (int i = 0; i < summary.getList("aggregated_codes").size(); i++) {
            String code = summary.getString("aggregated_codes[" + i + "].code");
            assertThat(summary.getLong("aggregated_codes[" + i + "].count")).as(code).isEqualTo(perCode.get(code));
        }
        Map<String, Long> exams = samples.stream().collect(Collectors.groupingBy(AktrSample::examCode, Collectors.counting()));
        exams.forEach((exam, count) -> assertThat(summary.getLong("exam_distribution." + exam)).isEqualTo(count));
        given().when().get("/v1/extractor/batch/" + id + "/summary").then().statusCode(200).body("batch_id", equalTo(id));
    }

    /** Areas the catalog does not name are told apart by their code's family: IR's area I is not FI's. */
    @Test
    void uncataloguedAreasOfTwoFamiliesAreNotOneArea() {
        Random random = new Random(31);
        List<List<String>> codes = List.of(List.of("IR.I.A.K1", "IR.I.B.K2"), List.of("FI.I.A.K1"), List.of("PA.I.A.K1"));
        RequestSpecification request = given();
        for (int i = 0; i < codes.size(); i++) {
            request = request.multiPart("files", "area" + i + ".pdf", factory.pdf(AktrSample.random(random).withCodes(codes.get(i)), Layout.STANDARD));
        }
        String id = request.when().post("/v1/batches").then().statusCode(201).extract().path("batch_id");

        JsonPath summary = given().when().get("/v1/batches/" + id + "/summary").then().statusCode(200).extract().jsonPath();

        assertThat(summary.getList("weak_areas_by_area.area", String.class))
                .containsExactlyInAnyOrder("IR.I", "FI.I", "I. Preflight Preparation");
        assertThat(summary.getInt("weak_areas_by_area.find { it.area == 'IR.I' }.frequency")).isEqualTo(2);
    }

    @Test
    void aSummaryNotGeneratedUpFrontIsComputedOnRequest() {
        AktrSample sample = AktrSample.random(new Random(9));
        String id = given().multiPart("options", "{\"generate_summary\": false}")
                .multiPart("files", "x.pdf", factory.pdf(sample, Layout.STANDARD))
                .when().post("/v1/batches").then().statusCode(201).body("summary", nullValue())
                .extract().path("batch_id");
        given().when().get("/v1/batches/" + id + "/summary").then().statusCode(200)
                .body("successful_files", equalTo(1))
                .body("score_analysis.statistics.mean", equalTo((float) sample.score()))
                .body("score_analysis.pass_rate", equalTo("Pass".equals(sample.grade()) ? 100.0f : 0.0f))
                .body("exam_distribution." + sample.examCode(), equalTo(1))
                .body("aggregated_codes.code", org.hamcrest.Matchers.containsInAnyOrder(sample.codes().toArray()));
        // computed once, then kept: the stored summary answers the next request
        assertThat(pool.preparedQuery("SELECT summary_data IS NOT NULL FROM batch_reports WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().indefinitely().iterator().next().getBoolean(0)).isTrue();
    }

    @Test
    void aBatchStillBeingReadHasNoSummaryYetAndCannotBeDeleted() {
        String id = Batches.photosBeingRead(3, 60);
        try {
            // three photos take seconds of OCR: the batch is still being read while these are asked
            given().when().get("/v1/batches/" + id + "/summary").then().statusCode(409)
                    .contentType("application/problem+json").body("code", equalTo("SUMMARY_NOT_READY")).header("Retry-After", "2");
            given().when().delete("/v1/batches/" + id).then().statusCode(409)
                    .body("code", equalTo("BATCH_STILL_PROCESSING")).header("Retry-After", "2");
        } finally {
            Batches.settled(id, Duration.ofSeconds(60));
            given().when().delete("/v1/batches/" + id).then().statusCode(204);
        }
    }

    @Test
    void anIdempotencyKeyLongerThan255CharactersIsRefused() {
        given().header("Idempotency-Key", "k".repeat(256))
                .multiPart("files", "x.pdf", factory.pdf(AktrSample.random(new Random(9)), Layout.STANDARD))
                .when().post("/v1/batches").then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_REQUEST"))
                .body("errors[0].field", equalTo("idempotency_key"));
    }

    @Test
    void anExpiredBatchAnswersGoneEverywhereUntilThePurgeRemovesIt() {
        String id = given().multiPart("files", "e.pdf", factory.pdf(AktrSample.random(new Random(8)), Layout.STANDARD))
                .multiPart("files", "e2.pdf", factory.pdf(AktrSample.random(new Random(18)), Layout.STANDARD))
                .when().post("/v1/batches").then().statusCode(201).extract().path("batch_id");
        String reportId = given().when().get("/v1/batches/" + id + "/reports").then().extract().path("reports[0].report_id");
        // Staged bytes of an expired batch that never got cleaned up (e.g. a crash) must go with it.
        writeStrayStagedFile(id);
        pool.preparedQuery("UPDATE batch_reports SET expires_at = now() - interval '1 minute' WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().indefinitely();

        for (String path : List.of("/v1/batches/" + id, "/v1/batches/" + id + "/summary", "/v1/batches/" + id + "/reports",
                "/v1/reports/" + reportId, "/v1/extractor/batch/" + id + "/summary")) {
            given().when().get(path).then().statusCode(410).body("code", equalTo("BATCH_EXPIRED"));
        }
        given().when().delete("/v1/batches/" + id).then().statusCode(410);

        assertThat(removal.purgeExpired().await().indefinitely()).isGreaterThanOrEqualTo(1);
        assertThat(count("SELECT count(*) FROM batch_reports WHERE id = $1", id)).isZero();
        assertThat(count("SELECT count(*) FROM batch_report_files WHERE batch_id = $1", id)).isZero();
        assertThat(count("SELECT count(*) FROM reports WHERE batch_id = $1 OR id = '" + reportId + "'", id)).isZero();
        assertThat(STAGING.resolve(id)).doesNotExist();
        given().when().get("/v1/batches/" + id).then().statusCode(404).body("code", equalTo("BATCH_NOT_FOUND"));
    }

    @Test
    void deleteRemovesTheBatchAtOnce() {
        String id = given().multiPart("files", "d.pdf", factory.pdf(AktrSample.random(new Random(4)), Layout.STANDARD))
                .when().post("/v1/batches").then().statusCode(201).extract().path("batch_id");
        given().when().delete("/v1/batches/" + id).then().statusCode(204);
        assertThat(count("SELECT count(*) FROM reports WHERE batch_id = $1", id)).isZero();
        assertThat(count("SELECT count(*) FROM batch_report_files WHERE batch_id = $1", id)).isZero();
        given().when().get("/v1/batches/" + id).then().statusCode(404);
        given().when().delete("/v1/batches/" + id).then().statusCode(404);
    }

    private static void writeStrayStagedFile(String batchId) {
        try {
            Files.createDirectories(STAGING.resolve(batchId));
            Files.write(STAGING.resolve(batchId).resolve("1.bin"), new byte[] {1, 2, 3});
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long count(String sql, String batchId) {
        return pool.preparedQuery(sql).execute(Tuple.of(UUID.fromString(batchId))).await().indefinitely()
                .iterator().next().getLong(0);
    }

    private static double oneDecimal(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }
}
