package dev.debrief.batch;

import static dev.debrief.testsupport.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import dev.debrief.testsupport.Batches;
import dev.debrief.testsupport.FakeDriveResource;
import dev.debrief.testsupport.FakeDriveServer;
import dev.debrief.testsupport.FakeDriveServer.Endpoint;
import dev.debrief.testsupport.FakeDriveServer.Fault;
import dev.debrief.testsupport.FakeDriveStore.Item;
import dev.debrief.testsupport.FakeDriveStore.Snapshot;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drive archives whose process stopped, or whose round ran out of attempts on answers worth retrying, are resumed
 * by the scheduled job, without anyone calling retry; archives still moving, or not yet idle long enough, are left
 * alone. Real client, fake Drive server, real PostgreSQL.
 */
@QuarkusTest
@WithTestResource(FakeDriveResource.class)
class ArchiveResumeTest {

    private static final Duration SETTLE = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @Inject
    BatchDrive drive;

    @ConfigProperty(name = "debrief.drive.max-attempts")
    int maxAttempts;

    private FakeDriveServer fake;

    @BeforeEach
    void resetFake() {
        fake = FakeDriveResource.fake();
        fake.reset();
    }

    @Test
    void anArchiveWhoseProcessStoppedIsResumedWithoutAsking() {
        UUID id = archivedWithOneFailure("stopped", 11);
        Batches.leaveArchiveUploading(pool, id, "now() - interval '1 hour'");

        assertThat(resumeStale()).contains(id);

        JsonPath after = Batches.settled(id.toString(), SETTLE);
        assertThat(after.getString("drive_integration.status")).isEqualTo("completed");
        assertThat(Batches.driveStatuses(after)).containsOnly("completed");
        // three reports, summary.json and class-report.pdf, each exactly once: two were in Drive already under rows saying "uploading"
        assertThat(fake.snapshot().files()).filteredOn(item -> id.toString().equals(item.appProperties().get("debrief_batch_id")))
                .extracting(item -> item.name())
                .containsExactlyInAnyOrder("stopped-0.pdf", "stopped-1.pdf", "stopped-2.pdf", "summary.json", "class-report.pdf");
        assertThat(resumeStale()).as("a completed archive is not resumed again").doesNotContain(id);
    }

    @Test
    void anArchiveStillMovingIsLeftToItsProcess() {
        UUID id = archivedWithOneFailure("moving", 12);
        Batches.leaveArchiveUploading(pool, id, "now()");

        assertThat(resumeStale()).doesNotContain(id);
        given().when().get("/v1/batches/" + id).then().statusCode(200).body("drive_integration.status", equalTo("uploading"));
        execute("UPDATE batch_reports SET drive_upload_status = 'partial' WHERE id = $1", id);
    }

    @Test
    void anArchiveWhoseFolderRanOutOfAttemptsWaitsAndIsResumedLater() {
        // Every attempt of the first folder create fails, amid a third of all calls failing: the first round
        // cannot make the folder, though nothing it met was more than transient.
        fake.enqueue(Endpoint.CREATE_FOLDER, Collections.nCopies(maxAttempts, Fault.serverError(503)).toArray(Fault[]::new));
        storm(31);
        String batchId = Batches.withPdfsToDrive("storm", 6, 31)
                .queryParam("wait_for_drive", "true")
                .when().post("/v1/batches")
                .then().statusCode(201)
                .body("drive_integration.status", equalTo("pending"))
                .extract().path("batch_id");
        UUID id = UUID.fromString(batchId);

        JsonPath waiting = batch(id);
        assertThat(waiting.getInt("drive_integration.upload_progress.uploaded")).isZero();
        assertThat(waiting.getInt("drive_integration.upload_progress.failed")).as("nothing failed for good").isZero();
        assertThat(waiting.getString("drive_integration.error")).contains("backendError").contains("resumes on its own");
        assertThat(Batches.driveStatuses(waiting)).hasSize(6).containsOnly("pending");
        assertThat(waiting.getList("files.drive.error", String.class)).allSatisfy(error -> assertThat(error).contains("backendError"));
        assertThat(fake.snapshot().files()).isEmpty();

        // A retry asked for now is told the truth: nothing is running, the archive waits, and from when a retry goes.
        given().when().post("/v1/batches/" + id + "/drive/retry")
                .then().statusCode(409)
                .body("code", equalTo("DRIVE_UPLOAD_IN_PROGRESS"))
                .body("detail", containsString("waiting"))
                .body("retry_after_seconds", greaterThan(60));
        assertThat(resumeStale()).as("not resumed before it has waited").doesNotContain(id);

        idleSince(id, "now() - interval '1 hour'");
        assertThat(resumeStale()).contains(id);

        JsonPath after = Batches.settled(batchId, SETTLE);
        assertThat(after.getString("drive_integration.status")).isEqualTo("completed");
        assertThat(Batches.driveStatuses(after)).containsOnly("completed");
        assertThat(after.getString("drive_integration.error")).isNull();
        assertInDriveOnce(id, "storm", 6);
        Snapshot drive = fake.snapshot();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(Stream.of("Debrief-Batches", today, "batch-" + id)).allSatisfy(name -> assertThat(drive.named(name)).hasSize(1));
    }

    @Test
    void anUploadThatRanOutOfAttemptsWaitsWhileTheRestGoIn() {
        // Before the storm, so that it counts every upload of gust-3.pdf: the whole of its first round fails.
        AtomicInteger refused = new AtomicInteger();
        fake.failWhen(Endpoint.UPLOAD, call -> "gust-3.pdf".equals(call.name()) && refused.getAndIncrement() < maxAttempts,
                Fault.serverError(500));
        storm(32);
        String batchId = Batches.withPdfsToDrive("gust", 6, 32)
                .queryParam("wait_for_drive", "true")
                .when().post("/v1/batches")
                .then().statusCode(201)
                .body("drive_integration.status", equalTo("pending"))
                .extract().path("batch_id");
        UUID id = UUID.fromString(batchId);

        JsonPath waiting = batch(id);
        assertThat(waiting.getInt("drive_integration.upload_progress.uploaded")).isEqualTo(5);
        assertThat(waiting.getInt("drive_integration.upload_progress.failed")).isZero();
        assertThat(waiting.getString("drive_integration.error")).contains("backendError").contains("resumes on its own");
        assertThat(waiting.getString("files.find { it.file_name == 'gust-3.pdf' }.drive.status")).isEqualTo("pending");
        assertThat(waiting.getString("files.find { it.file_name == 'gust-3.pdf' }.drive.error")).contains("backendError");
        assertThat(waiting.getInt("files.find { it.file_name == 'gust-3.pdf' }.drive.attempts")).isEqualTo(maxAttempts);

        idleSince(id, "now() - interval '1 hour'");
        assertThat(resumeStale()).contains(id);

        JsonPath after = Batches.settled(batchId, SETTLE);
        assertThat(after.getString("drive_integration.status")).isEqualTo("completed");
        assertThat(Batches.driveStatuses(after)).containsOnly("completed");
        assertInDriveOnce(id, "gust", 6);
    }

    @Test
    void aFatalAnswerAmidTheStormStillFailsTheRestWithItsReason() {
        fake.failWhen(Endpoint.UPLOAD, call -> "squall-2.pdf".equals(call.name()), Fault.forbidden("dailyLimitExceeded"));
        storm(33);
        String batchId = Batches.withPdfsToDrive("squall", 6, 33)
                .queryParam("wait_for_drive", "true")
                .when().post("/v1/batches")
                .then().statusCode(201)
                .extract().path("batch_id");
        UUID id = UUID.fromString(batchId);

        JsonPath batch = batch(id);
        assertThat(batch.getString("drive_integration.status")).isIn("partial", "failed");
        assertThat(batch.getString("drive_integration.error")).contains("dailyLimitExceeded");
        assertThat(Batches.driveStatuses(batch)).doesNotContain("pending", "uploading").contains("failed");
        assertThat(batch.getString("files.find { it.file_name == 'squall-2.pdf' }.drive.status")).isEqualTo("failed");
        assertThat(batch.getList("files.findAll { it.drive.status == 'failed' }.drive.error", String.class))
                .allSatisfy(error -> assertThat(error).contains("dailyLimitExceeded"));
        assertThat(resumeStale()).as("a stopped archive waits for a retry, not for the resume job").doesNotContain(id);
    }

    /** A third of the listing, folder and upload calls fail in ways worth retrying; seeded, so each run draws alike. */
    private void storm(long seed) {
        fake.failRandomly(Endpoint.LIST, 1.0 / 3, seed, Fault.RETRYABLE_MIX.toArray(Fault[]::new));
        fake.failRandomly(Endpoint.CREATE_FOLDER, 1.0 / 3, seed + 1, Fault.RETRYABLE_MIX_WITH_LOST_RESPONSES.toArray(Fault[]::new));
        fake.failRandomly(Endpoint.UPLOAD, 1.0 / 3, seed + 2, Fault.RETRYABLE_MIX_WITH_LOST_RESPONSES.toArray(Fault[]::new));
    }

    private static JsonPath batch(UUID id) {
        return given().when().get("/v1/batches/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** Every report of the batch, its summary.json and class report, each exactly once. */
    private void assertInDriveOnce(UUID id, String prefix, int count) {
        List<String> expected = new ArrayList<>(IntStream.range(0, count).mapToObj(i -> prefix + "-" + i + ".pdf").toList());
        expected.add("summary.json");
        expected.add("class-report.pdf");
        assertThat(fake.snapshot().files()).filteredOn(item -> id.toString().equals(item.appProperties().get("debrief_batch_id")))
                .extracting(Item::name)
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    /** The archive's bookkeeping last moved at {@code movedAt} (an SQL expression), statuses untouched. */
    private void idleSince(UUID id, String movedAt) {
        execute("UPDATE batch_file_drive_metadata SET updated_at = " + movedAt + " WHERE batch_id = $1", id);
        execute("UPDATE batch_drive_metadata SET updated_at = " + movedAt + " WHERE batch_id = $1", id);
    }

    /** A batch of 3 PDFs whose archive settled with one upload refused (so its staged bytes are kept). */
    private UUID archivedWithOneFailure(String prefix, long seed) {
        fake.enqueue(Endpoint.UPLOAD, Fault.unauthorized());
        String batchId = Batches.withPdfsToDrive(prefix, 3, seed)
                .queryParam("wait_for_drive", "true")
                .when().post("/v1/batches")
                .then().statusCode(201).extract().path("batch_id");
        return UUID.fromString(batchId);
    }

    /** Every archive resumed, round after round, until a round resumes none (other tests' archives may come first). */
    private List<UUID> resumeStale() {
        List<UUID> resumed = new ArrayList<>();
        List<UUID> round;
        do {
            round = drive.resumeStale().await().atMost(Duration.ofSeconds(20));
            resumed.addAll(round);
        } while (!round.isEmpty());
        return resumed;
    }

    private void execute(String sql, UUID id) {
        pool.preparedQuery(sql).execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10));
    }
}
