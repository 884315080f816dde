package dev.debrief.testsupport;

import static dev.debrief.testsupport.Api.given;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/** Batch requests of AKTR PDFs for Drive, and waiting, through the API, for a batch that runs in the background. */
public final class Batches {

    private static final Set<String> UNSETTLED = Set.of("pending", "uploading");
    private static final AktrDocumentFactory FACTORY = new AktrDocumentFactory();

    private Batches() {
    }

    /** GET /v1/batches/{id} until extraction and Drive have both settled. */
    public static JsonPath settled(String batchId, Duration timeout) {
        return await("batch " + batchId + " settles (extraction and Drive)").atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> given().when().get("/v1/batches/" + batchId).then().statusCode(200).extract().jsonPath(),
                        batch -> !"processing".equals(batch.getString("status"))
                                && !UNSETTLED.contains(batch.getString("drive_integration.status")));
    }

    /** {@code count} AKTR PDFs named {@code prefix-0.pdf}, … with drive_upload=true. */
    public static RequestSpecification withPdfsToDrive(String prefix, int count, long seed) {
        Random random = new Random(seed);
        RequestSpecification request = given().multiPart("drive_upload", "true");
        for (int i = 0; i < count; i++) {
            request = request.multiPart("files", prefix + "-" + i + ".pdf",
                    FACTORY.pdf(AktrSample.random(random), AktrDocumentFactory.Layout.STANDARD), "application/pdf");
        }
        return request;
    }

    public static List<String> driveStatuses(JsonPath batch) {
        return batch.getList("files.drive.status", String.class);
    }

    /**
     * What a process stopped mid-archive leaves behind: the batch and every one of its file rows saying
     * "uploading", those whose upload had already landed in Drive included (the answer came, the process
     * stopped before writing it down), last moved at {@code movedAt} (an SQL expression).
     */
    public static void leaveArchiveUploading(Pool pool, UUID batchId, String movedAt) {
        for (String sql : List.of(
                "UPDATE batch_reports SET drive_upload_status = 'uploading' WHERE id = $1",
                "UPDATE batch_file_drive_metadata SET upload_status = 'uploading', updated_at = " + movedAt + " WHERE batch_id = $1",
                "UPDATE batch_drive_metadata SET updated_at = " + movedAt + " WHERE batch_id = $1")) {
            pool.preparedQuery(sql).execute(Tuple.of(batchId)).await().atMost(Duration.ofSeconds(10));
        }
    }

    /**
     * A batch of {@code count} 300 dpi photos sent with Prefer: respond-async: OCR keeps it being read for
     * seconds, long enough for a test to look at a batch in the middle of its reading. Answers its id.
     */
    public static String photosBeingRead(int count, long seed) {
        RequestSpecification request = given().header("Prefer", "respond-async");
        for (int i = 0; i < count; i++) {
            request = request.multiPart("files", "photo-" + i + ".png", FACTORY.png(AktrSample.random(new Random(seed + i)), 300), "image/png");
        }
        return request.when().post("/v1/batches").then().statusCode(202).extract().path("batch_id");
    }

    /** {@code count} made-up students, from seeds {@code seed}, {@code seed + 1}, … */
    public static List<AktrSample> students(int count, long seed) {
        return java.util.stream.LongStream.range(seed, seed + count).mapToObj(n -> AktrSample.random(new Random(n))).toList();
    }

    /** The request with one standard-layout PDF report per student, named student0.pdf, student1.pdf, … in order. */
    public static RequestSpecification withPdfsOf(RequestSpecification request, List<AktrSample> students) {
        for (int i = 0; i < students.size(); i++) {
            request = request.multiPart("files", "student" + i + ".pdf", FACTORY.pdf(students.get(i), AktrDocumentFactory.Layout.STANDARD),
                    "application/pdf");
        }
        return request;
    }
}
