package dev.debrief.batch;

import static dev.debrief.testsupport.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.debrief.testsupport.Batches;
import dev.debrief.testsupport.FakeDriveResource;
import dev.debrief.testsupport.FakeDriveServer;
import dev.debrief.testsupport.FakeDriveServer.Endpoint;
import dev.debrief.testsupport.FakeDriveServer.Fault;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drive archives whose process stopped are resumed by the scheduled job, without anyone calling retry; archives
 * still moving are left to their process. Real client, fake Drive server, real PostgreSQL.
 */
@QuarkusTest
@WithTestResource(FakeDriveResource.class)
class ArchiveResumeTest {

    private static final Duration SETTLE = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @Inject
    BatchDrive drive;

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
        // three reports and summary.json, each exactly once: two were in Drive already under rows saying "uploading"
        assertThat(fake.snapshot().files()).filteredOn(item -> id.toString().equals(item.appProperties().get("debrief_batch_id")))
                .extracting(item -> item.name())
                .containsExactlyInAnyOrder("stopped-0.pdf", "stopped-1.pdf", "stopped-2.pdf", "summary.json");
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
