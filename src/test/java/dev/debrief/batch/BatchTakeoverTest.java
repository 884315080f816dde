package dev.debrief.batch;

import static dev.debrief.testsupport.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.debrief.common.FreshContexts;
import dev.debrief.extraction.FailureType;
import dev.debrief.report.Report;
import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrDocumentFactory.Layout;
import dev.debrief.testsupport.AktrSample;
import dev.debrief.testsupport.Api;
import dev.debrief.testsupport.Batches;
import dev.debrief.upload.StagingStore;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Batches left "processing" by a process that stopped (its lease ran out) are read on by another one. The
 * stopped process is played by rows written straight into PostgreSQL and bytes put in the staging store, as
 * that process would have left them; everything after that is the real takeover, pipeline and API.
 */
@QuarkusTest
class BatchTakeoverTest {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final AktrDocumentFactory FACTORY = new AktrDocumentFactory();

    @Inject
    Pool pool;

    @Inject
    StagingStore staging;

    @Inject
    BatchTakeover takeover;

    @Inject
    BatchLeases leases;

    @Inject
    BatchPipeline pipeline;

    @Inject
    BatchService service;

    @Inject
    ExtractionBacklog backlog;

    @Inject
    FreshContexts contexts;

    @Test
    void aBatchLeftByAStoppedProcessIsReadOnAndSettles() throws Exception {
        Random random = new Random(7);
        List<AktrSample> samples = List.of(AktrSample.random(random), AktrSample.random(random), AktrSample.random(random));
        // Two processes stopped already: the third, the last one allowed, still reads.
        UUID batchId = leftBehind(2, "now() - interval '1 minute'");
        addFile(batchId, 1, "in-hand.pdf", "pdf", "processing", FACTORY.pdf(samples.get(0), Layout.STANDARD));
        readBefore(batchId, 1, 1);
        addFile(batchId, 2, "second.pdf", "pdf", "pending", FACTORY.pdf(samples.get(1), Layout.STANDARD));
        addFile(batchId, 3, "third.pdf", "pdf", "pending", FACTORY.pdf(samples.get(2), Layout.TWO_COLUMN));

        assertThat(takeOver()).contains(batchId);

        JsonPath batch = Batches.settled(batchId.toString(), SETTLE);
        assertThat(batch.getString("status")).as("the file in hand is read again, the pending ones too").isEqualTo("completed");
        assertThat(batch.getInt("successful_files")).isEqualTo(3);
        assertThat(given().when().get("/v1/batches/" + batchId + "/reports")
                .then().statusCode(200).extract().jsonPath().getList("reports.metadata.score", Integer.class))
                .containsExactlyElementsOf(samples.stream().map(AktrSample::score).toList());
        assertThat(batch.getMap("summary")).isNotEmpty();
        assertThat(attempts(batchId)).isEqualTo(3);

        // A late outcome from a stopped process never overwrites a file's outcome nor adds a report.
        UUID inHand = UUID.fromString(batch.getString("files[0].file_id"));
        contexts.run(null, () -> service.recordFailure(inHand, FailureType.OCR_FAILED, "late", 1)).await().atMost(Duration.ofSeconds(10));
        contexts.run(null, () -> service.recordSuccess(inHand, lateReport(batchId))).await().atMost(Duration.ofSeconds(10));
        JsonPath after = given().when().get("/v1/batches/" + batchId).then().statusCode(200).extract().jsonPath();
        assertThat(after.getString("files[0].processing_status")).isEqualTo("success");
        assertThat(after.getString("files[0].report_id")).isEqualTo(batch.getString("files[0].report_id"));
        assertThat(one("SELECT count(*) FROM reports WHERE batch_id = $1", batchId).getLong(0)).isEqualTo(3);

        assertThat(takeOver()).as("a settled batch is not taken again").doesNotContain(batchId);
        given().when().delete("/v1/batches/" + batchId).then().statusCode(204);
    }

    @Test
    void aFileInHandEachTimeItsProcessStoppedFailsAloneAndTheRestIsRead() throws Exception {
        // Process 1 stopped reading the photo, process 2 read it again and stopped too: process 3 must not read it.
        UUID batchId = leftBehind(2, "now() - interval '1 second'");
        addFile(batchId, 1, "kills-its-reader.png", "png", "processing", FACTORY.png(AktrSample.random(new Random(40)), 100));
        readBefore(batchId, 1, 2);
        AktrSample innocent = AktrSample.random(new Random(41));
        addFile(batchId, 2, "innocent.pdf", "pdf", "pending", FACTORY.pdf(innocent, Layout.STANDARD));

        assertThat(takeOver()).contains(batchId);

        JsonPath batch = Batches.settled(batchId.toString(), SETTLE);
        assertThat(batch.getString("status")).isEqualTo("partial");
        assertThat(batch.getString("files[0].error.type")).isEqualTo("QUARANTINED");
        assertThat(batch.getString("files[1].processing_status")).isEqualTo("success");
        assertThat(one("SELECT read_attempts FROM batch_report_files WHERE batch_id = $1 AND processing_order = 1", batchId)
                .getInteger(0)).as("not read a third time").isEqualTo(2);
        given().when().delete("/v1/batches/" + batchId).then().statusCode(204);
    }

    @Test
    void aGracefulShutdownHandsItsBatchesBackWithoutCountingACrash() throws Exception {
        UUID batchId = UUID.fromString(Batches.photosBeingRead(3, 50));
        await().atMost(SETTLE).until(() -> one("SELECT count(*) FROM batch_report_files WHERE batch_id = $1 AND processing_status = 'processing'",
                batchId).getLong(0) > 0);

        assertThat(leases.handBack().await().atMost(Duration.ofSeconds(10))).isGreaterThanOrEqualTo(1);

        Row handedBack = one("SELECT processing_lease_until <= now() AS ended, processing_handbacks FROM batch_reports WHERE id = $1", batchId);
        assertThat(handedBack.getBoolean("ended")).as("the lease ends at once").isTrue();
        assertThat(handedBack.getInteger("processing_handbacks")).isEqualTo(1);
        assertThat(one("SELECT count(*) FROM batch_report_files WHERE batch_id = $1 AND processing_status = 'processing'", batchId)
                .getLong(0)).as("no file is left in the hands of the process going away").isZero();

        assertThat(takeOver()).contains(batchId);
        JsonPath batch = Batches.settled(batchId.toString(), SETTLE);
        assertThat(batch.getString("status")).as("nothing failed for the handback").isEqualTo("completed");
        assertThat(batch.getList("files.error.type", String.class)).doesNotContain("INTERNAL_ERROR", "QUARANTINED", "OCR_FAILED");
        assertThat(one("SELECT max(read_attempts) FROM batch_report_files WHERE batch_id = $1", batchId).getInteger(0))
                .as("the handed-back reading is not counted").isEqualTo(1);
        given().when().delete("/v1/batches/" + batchId).then().statusCode(204);
    }

    @Test
    void aBatchWhoseLeaseIsCurrentIsLeftToItsProcess() throws Exception {
        UUID batchId = leftBehind(1, "now() + interval '1 minute'");
        addFile(batchId, 1, "a.pdf", "pdf", "pending", FACTORY.pdf(AktrSample.random(new Random(8)), Layout.STANDARD));

        assertThat(takeOver()).doesNotContain(batchId);
        assertThat(status(batchId)).isEqualTo("processing");
        assertThat(attempts(batchId)).isEqualTo(1);
        removeRows(batchId);
    }

    @Test
    void aBatchThatStoppedEveryProcessReadingItIsSettledWithoutReadingItAgain() throws Exception {
        UUID batchId = leftBehind(3, "now() - interval '1 second'");
        addFile(batchId, 1, "crashes.jpg", "jpeg", "processing", null);
        addFile(batchId, 2, "waiting.pdf", "pdf", "pending", FACTORY.pdf(AktrSample.random(new Random(9)), Layout.STANDARD));

        assertThat(takeOver()).contains(batchId);

        JsonPath batch = Batches.settled(batchId.toString(), SETTLE);
        assertThat(batch.getString("status")).isEqualTo("failed");
        assertThat(batch.getList("files.error.type", String.class)).containsExactly("INTERNAL_ERROR", "INTERNAL_ERROR");
        assertThat(batch.getString("files[1].error.message")).contains("stopped each time");
        assertThat(batch.getInt("successful_files")).isZero();
        given().when().delete("/v1/batches/" + batchId).then().statusCode(204);
    }

    @Test
    void theLeaseOfABatchBeingReadIsRenewedSoNobodyTakesItOver() throws Exception {
        UUID batchId = leftBehind(1, "now() - interval '1 second'");
        addFile(batchId, 1, "a.pdf", "pdf", "pending", FACTORY.pdf(AktrSample.random(new Random(10)), Layout.STANDARD));
        // This process reads the batch (a read that does not end while the test looks), then renews its leases.
        Cancellable reading = leases.holding(batchId, 1, Uni.createFrom().nothing()).subscribe().with(ignored -> { });
        try {
            leases.renew().await().atMost(Duration.ofSeconds(10));

            assertThat(leaseUntil(batchId)).isAfter(OffsetDateTime.now().plusSeconds(30));
            assertThat(takeOver()).doesNotContain(batchId);
            assertThat(attempts(batchId)).isEqualTo(1);
        } finally {
            reading.cancel();
        }
        removeRows(batchId);
    }

    /**
     * Every batch taken over, round after round until a round finds none: batches left processing by other test
     * classes' stopped applications may come first in a round.
     */
    @Test
    void aBatchSentThroughTheApiIsLeasedAndItsLeaseRenewedWhileItIsRead() throws Exception {
        UUID batchId = UUID.fromString(Batches.photosBeingRead(3, 30));
        OffsetDateTime leased = leaseUntil(batchId);
        assertThat(leased).as("leased from the start").isAfter(OffsetDateTime.now().plusSeconds(30));

        leases.renew().await().atMost(Duration.ofSeconds(10));

        // three photos take seconds of OCR: the batch is still being read, and its lease moved on
        assertThat(status(batchId)).isEqualTo("processing");
        assertThat(leaseUntil(batchId)).isAfter(leased);
        assertThat(Batches.settled(batchId.toString(), SETTLE).getString("status")).isEqualTo("completed");
        given().when().delete("/v1/batches/" + batchId).then().statusCode(204);
    }

    @Test
    void aProcessWhoseBatchWasTakenOverLeavesItToTheNewOne() throws Exception {
        // The batch is now read by process 2; this process, the first, still finishes its own reading.
        UUID batchId = leftBehind(2, "now() + interval '1 minute'");
        addFile(batchId, 1, "read-by-both.pdf", "pdf", "pending", FACTORY.pdf(AktrSample.random(new Random(11)), Layout.STANDARD));
        addFile(batchId, 2, "in-the-new-hands.pdf", "pdf", "processing", FACTORY.pdf(AktrSample.random(new Random(12)), Layout.STANDARD));
        List<BatchFile> files = contexts.run(null, () -> service.files(batchId)).await().atMost(Duration.ofSeconds(10));

        Batch batch = pipeline.run(batchId, 1, files, BatchOptions.fromJson(null), backlog.admit(files.size()), null).await().atMost(SETTLE);

        assertThat(batch.status).as("not settled by the process that lost it").isEqualTo("processing");
        assertThat(status(batchId)).isEqualTo("processing");
        assertThat(one("SELECT processing_status FROM batch_report_files WHERE batch_id = $1 AND processing_order = 2", batchId)
                .getString(0)).as("the new process's file is not failed under it").isEqualTo("processing");
        assertThat(staging.open(files.get(1).storageKey)).as("nor are its bytes removed").exists();
        removeRows(batchId);
    }

    private static Report lateReport(UUID batchId) {
        Report report = new Report();
        report.id = UUID.randomUUID();
        report.batchId = batchId;
        report.confidence = BigDecimal.ONE;
        report.extractionMethod = "pdf_text";
        report.createdAt = OffsetDateTime.now();
        return report;
    }

    private List<UUID> takeOver() {
        List<UUID> claimed = new ArrayList<>();
        List<UUID> round;
        do {
            round = takeover.takeOver().await().atMost(Duration.ofSeconds(10));
            claimed.addAll(round);
        } while (!round.isEmpty());
        return claimed;
    }

    /** A batch row as a process reading it leaves it: processing, with its lease and attempt count. */
    private UUID leftBehind(int attempts, String leaseUntil) {
        UUID batchId = UUID.randomUUID();
        execute("""
                INSERT INTO batch_reports (id, school_id, total_files, status, created_at, expires_at, options,
                                           processing_lease_until, processing_attempts)
                VALUES ($1, '%s', 0, 'processing', now() - interval '5 minutes', now() + interval '1 day',
                        '{"processing_mode": "auto", "generate_summary": true, "include_individual_reports": true}'::jsonb,
                        %s, $2)""".formatted(Api.SCHOOL_A, leaseUntil), Tuple.of(batchId, attempts));
        return batchId;
    }

    /** How many processes had started reading the file before this test's process. */
    private void readBefore(UUID batchId, int order, int reads) {
        execute("UPDATE batch_report_files SET read_attempts = $3 WHERE batch_id = $1 AND processing_order = $2",
                Tuple.of(batchId, order, reads));
    }

    /** A file row, with its bytes in the staging store when it has any left to read. */
    private void addFile(UUID batchId, int order, String name, String type, String status, byte[] content) throws Exception {
        String key = null;
        if (content != null) {
            Path upload = Files.createTempFile("takeover-", "." + type);
            Files.write(upload, content);
            key = staging.keep(batchId, order, upload);
        }
        execute("""
                INSERT INTO batch_report_files (id, batch_id, file_name, original_file_name, file_size, file_type,
                                                processing_status, processing_order, storage_key)
                VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8)""",
                Tuple.tuple(List.of(UUID.randomUUID(), batchId, name, content == null ? 1000 : content.length, type, status,
                        order, key == null ? "" : key)));
        execute("UPDATE batch_reports SET total_files = total_files + 1 WHERE id = $1", Tuple.of(batchId));
    }

    private void removeRows(UUID batchId) throws Exception {
        execute("DELETE FROM batch_reports WHERE id = $1", Tuple.of(batchId));
        staging.discard(batchId);
    }

    private String status(UUID batchId) {
        return one("SELECT status FROM batch_reports WHERE id = $1", batchId).getString(0);
    }

    private int attempts(UUID batchId) {
        return one("SELECT processing_attempts FROM batch_reports WHERE id = $1", batchId).getInteger(0);
    }

    private OffsetDateTime leaseUntil(UUID batchId) {
        return one("SELECT processing_lease_until FROM batch_reports WHERE id = $1", batchId).getOffsetDateTime(0);
    }

    private Row one(String sql, UUID batchId) {
        return pool.preparedQuery(sql).execute(Tuple.of(batchId)).await().atMost(Duration.ofSeconds(10)).iterator().next();
    }

    private void execute(String sql, Tuple arguments) {
        pool.preparedQuery(sql).execute(arguments).await().atMost(Duration.ofSeconds(10));
    }
}
