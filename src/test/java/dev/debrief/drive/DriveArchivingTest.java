package dev.debrief.drive;

import static dev.debrief.testsupport.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrSample;
import dev.debrief.testsupport.Api;
import dev.debrief.testsupport.BatchEventStreams;
import dev.debrief.testsupport.BatchEventStreams.Event;
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
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drive archiving through the real HTTP API, pipeline, PostgreSQL and Google client, against the fake Drive. */
@QuarkusTest
@WithTestResource(FakeDriveResource.class)
class DriveArchivingTest {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Path STAGING = Path.of("target/test-staging");

    private FakeDriveServer fake;

    @Inject
    Pool pool;

    @ConfigProperty(name = "debrief.drive.max-attempts")
    int maxAttempts;

    @BeforeEach
    void resetFake() {
        fake = FakeDriveResource.fake();
        fake.reset();
    }

    @Test
    void aSmallBatchWaitsForItsArchiveAndShowsLinks() {
        JsonPath created = Batches.withPdfsToDrive("cadet", 3, 1)
                .multiPart("drive_folder_name", "Spring class / group A")
                .queryParam("wait_for_drive", "true")
                .when().post("/v1/batches")
                .then().statusCode(201)
                .body("status", equalTo("completed"))
                .body("drive_integration.enabled", equalTo(true))
                .body("drive_integration.status", equalTo("completed"))
                .body("drive_integration.upload_progress.total", equalTo(3))
                .body("drive_integration.upload_progress.uploaded", equalTo(3))
                .body("drive_integration.upload_progress.failed", equalTo(0))
                .extract().jsonPath();
        String batchId = created.getString("batch_id");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(created.getString("drive_integration.folder_path")).isEqualTo("Debrief-Batches/" + today + "/Spring class - group A");

        JsonPath batch = given().when().get("/v1/batches/" + batchId).then().statusCode(200).extract().jsonPath();
        Snapshot drive = fake.snapshot();
        String folderId = batch.getString("drive_integration.folder_id");
        assertThat(drive.pathOf(folderId)).containsExactly("Debrief-Batches", today, "Spring class - group A");
        assertThat(batch.getString("drive_integration.folder_url")).isEqualTo("https://drive.google.com/drive/folders/" + folderId);
        for (int i = 0; i < 3; i++) {
            Map<String, Object> file = batch.getMap("files[" + i + "].drive");
            assertThat(file.get("status")).isEqualTo("completed");
            assertThat(file.get("attempts")).isEqualTo(1);
            assertThat(file.get("error")).isNull();
            String id = (String) file.get("file_id");
            Item stored = drive.byId(id).orElseThrow();
            assertThat(stored.name()).isEqualTo("cadet-" + i + ".pdf");
            assertThat(stored.parents()).containsExactly(folderId);
            assertThat(stored.mimeType()).isEqualTo("application/pdf");
            assertThat(stored.appProperties()).containsEntry("debrief_batch_id", batchId)
                    .containsEntry("debrief_file_id", batch.getString("files[" + i + "].file_id"));
            assertThat(file.get("file_url")).isEqualTo("https://drive.google.com/file/d/" + id + "/view");
            assertThat(file.get("preview_url")).isEqualTo("https://drive.google.com/thumbnail?id=" + id);
            assertThat(stored.permissions()).as("not shared publicly by default").isEmpty();
        }
        Item summary = drive.named("summary.json").get(0);
        assertThat(summary.parents()).containsExactly(folderId);
        assertThat(new String(summary.content(), StandardCharsets.UTF_8)).contains("\"batch_id\" : \"" + batchId + "\"")
                .contains("\"score_analysis\"");
        assertThat(batch.getString("drive_integration.summary_file_url")).isEqualTo(summary.webViewLink());
        Item classReport = drive.named("class-report.pdf").get(0);
        assertThat(classReport.parents()).as("the class report lies next to summary.json").containsExactly(folderId);
        assertThat(classReport.mimeType()).isEqualTo("application/pdf");
        assertThat(classReport.appProperties()).containsEntry("debrief_batch_id", batchId).containsEntry("debrief_kind", "class-report");
        assertThat(new String(classReport.content(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(batch.getString("drive_integration.class_report_file_url")).isEqualTo(classReport.webViewLink());
        assertThat(drive.files()).hasSize(5);
        assertThat(STAGING.resolve(batchId)).as("staged bytes go once the archive is complete").doesNotExist();
    }

    @Test
    void twoConcurrentBatchesShareOneDateFolder() {
        // Slow folder calls widen the window in which both batches look for the same folders.
        fake.latency(Endpoint.LIST, Duration.ofMillis(40));
        fake.latency(Endpoint.CREATE_FOLDER, Duration.ofMillis(40));
        List<CompletableFuture<String>> posts = List.of("alpha", "bravo").stream()
                .map(prefix -> CompletableFuture.supplyAsync(() -> Batches.withPdfsToDrive(prefix, 2, prefix.hashCode())
                        .queryParam("wait_for_drive", "true")
                        .when().post("/v1/batches")
                        .then().statusCode(201).body("drive_integration.status", equalTo("completed"))
                        .extract().path("batch_id").toString()))
                .toList();
        List<String> batchIds = posts.stream().map(CompletableFuture::join).toList();

        Snapshot drive = fake.snapshot();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(drive.named("Debrief-Batches")).hasSize(1);
        assertThat(drive.named(today)).hasSize(1);
        String dateFolder = drive.named(today).get(0).id();
        assertThat(drive.childrenOf(dateFolder)).extracting(Item::name)
                .containsExactlyInAnyOrder("batch-" + batchIds.get(0), "batch-" + batchIds.get(1));
        assertThat(drive.files()).as("2 reports, summary.json and class-report.pdf each").hasSize(8);
    }

    @Test
    void aChosenFolderNameOnlyEverLeadsToTheBatchsOwnFolder() {
        // Someone made the whole path by hand, an hour ago: older than anything the service will make.
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        String handRoot = fake.seedFolder("root", "Debrief-Batches", anHourAgo);
        String handDay = fake.seedFolder(handRoot, today, anHourAgo);
        String handClass = fake.seedFolder(handDay, "Spring class", anHourAgo);

        List<JsonPath> batches = List.of("first", "second").stream().map(prefix -> {
            String batchId = Batches.withPdfsToDrive(prefix, 1, prefix.hashCode())
                    .multiPart("drive_folder_name", "Spring class")
                    .queryParam("wait_for_drive", "true")
                    .when().post("/v1/batches")
                    .then().statusCode(201).body("drive_integration.status", equalTo("completed"))
                    .extract().path("batch_id");
            return given().when().get("/v1/batches/" + batchId).then().statusCode(200).extract().jsonPath();
        }).toList();

        Snapshot drive = fake.snapshot();
        List<String> folders = batches.stream().map(b -> b.getString("drive_integration.folder_id")).toList();
        assertThat(folders).doesNotHaveDuplicates().doesNotContain(handClass, handDay, handRoot);
        for (int i = 0; i < 2; i++) {
            JsonPath batch = batches.get(i);
            String folderId = folders.get(i);
            Item folder = drive.byId(folderId).orElseThrow();
            assertThat(drive.pathOf(folderId)).containsExactly("Debrief-Batches", today, "Spring class");
            assertThat(folder.appProperties()).containsEntry("debrief_batch_id", batch.getString("batch_id"));
            assertThat(batch.getString("drive_integration.folder_url")).isEqualTo(folder.webViewLink());
            assertThat(drive.byId(batch.getString("files[0].drive.file_id")).orElseThrow().parents()).containsExactly(folderId);
        }
        assertThat(drive.byId(folders.get(0)).orElseThrow().parents()).as("the day's folder is shared")
                .isEqualTo(drive.byId(folders.get(1)).orElseThrow().parents());
        assertThat(drive.childrenOf(handClass)).as("nothing lands in a folder made by hand").isEmpty();
        assertThat(drive.childrenOf(handDay)).extracting(Item::id).containsExactly(handClass);
        assertThat(drive.childrenOf(handRoot)).extracting(Item::id).containsExactly(handDay);
    }

    @Test
    void anArchiveNeedsNoMoreThanDriveFile() {
        fake.driveFileToken(FakeDriveResource.TOKEN);
        fake.enqueue(Endpoint.CREATE_FOLDER, Fault.lostAfterSuccess());
        fake.enqueue(Endpoint.UPLOAD, Fault.lostAfterSuccess());

        String batchId = Batches.withPdfsToDrive("scoped", 2, 41)
                .queryParam("wait_for_drive", "true")
                .when().post("/v1/batches")
                .then().statusCode(201).body("drive_integration.status", equalTo("completed"))
                .extract().path("batch_id");

        Snapshot drive = fake.snapshot();
        assertThat(drive.folders()).hasSize(3);
        assertThat(drive.files()).filteredOn(item -> batchId.equals(item.appProperties().get("debrief_batch_id")))
                .extracting(Item::name).containsExactlyInAnyOrder("scoped-0.pdf", "scoped-1.pdf", "summary.json", "class-report.pdf");
    }

    @Test
    void thirtyFilesSurviveThirtyPercentFaultsWithOneCopyEach() {
        fake.failRandomly(Endpoint.UPLOAD, 0.3, 30, Fault.RETRYABLE_MIX_WITH_LOST_RESPONSES.toArray(Fault[]::new));
        String batchId = Batches.withPdfsToDrive("student", 30, 30)
                .when().post("/v1/batches")
                .then().statusCode(201).body("successful_files", equalTo(30))
                .extract().path("batch_id");

        JsonPath batch = Batches.settled(batchId, SETTLE);
        assertThat(batch.getString("drive_integration.status")).isEqualTo("completed");
        assertThat(Batches.driveStatuses(batch)).hasSize(30).containsOnly("completed");
        assertThat(batch.getInt("drive_integration.upload_progress.uploaded")).isEqualTo(30);

        Snapshot drive = fake.snapshot();
        Map<String, Long> copies = drive.fileCountByName();
        assertThat(copies).hasSize(32).containsEntry("summary.json", 1L).containsEntry("class-report.pdf", 1L);
        assertThat(copies.values()).as("exactly one copy of every file").containsOnly(1L);
        List<String> faults = fake.calls(Endpoint.UPLOAD).stream().map(FakeDriveServer.Call::fault)
                .filter(f -> f != null).toList();
        assertThat(faults).as("faults were injected, lost responses among them").hasSizeGreaterThan(5)
                .anyMatch(f -> f.startsWith("lostAfterSuccess"));
        List<Integer> attempts = batch.getList("files.drive.attempts", Integer.class);
        assertThat(attempts).anyMatch(a -> a > 1);
    }

    @Test
    void quotaExhaustionFailsTheRestAndLeavesReportsAlone() throws Exception {
        // The first upload to arrive is refused at once; the others take 300 ms, so while the quota answer comes
        // back the pool's other 3 workers are busy and the rest of the batch is still waiting behind them.
        Fault slowSuccess = Fault.delay(Duration.ofMillis(300));
        fake.enqueue(Endpoint.UPLOAD, Fault.forbidden("storageQuotaExceeded"),
                slowSuccess, slowSuccess, slowSuccess, slowSuccess, slowSuccess, slowSuccess, slowSuccess);
        String batchId = Batches.withPdfsToDrive("quota", 8, 8)
                .when().post("/v1/batches")
                .then().statusCode(201).body("status", equalTo("completed")).body("successful_files", equalTo(8))
                .extract().path("batch_id");

        JsonPath batch = Batches.settled(batchId, SETTLE);
        int uploaded = batch.getInt("drive_integration.upload_progress.uploaded");
        int failed = batch.getInt("drive_integration.upload_progress.failed");
        assertThat(uploaded + failed).isEqualTo(8);
        assertThat(uploaded).as("only the uploads in flight on the other workers when the quota ran out").isLessThanOrEqualTo(3);
        assertThat(failed).as("the failing file and those still waiting").isGreaterThanOrEqualTo(5);
        assertThat(batch.getString("drive_integration.status")).isEqualTo("partial");
        assertThat(batch.getString("drive_integration.error")).contains("storageQuotaExceeded");
        List<Map<String, Object>> drives = batch.getList("files.drive");
        assertThat(drives.stream().filter(d -> "failed".equals(d.get("status"))).map(d -> (String) d.get("error")))
                .allMatch(error -> error.contains("storageQuotaExceeded"))
                .anyMatch(error -> error.startsWith("Not uploaded"));
        // summary.json and the class report may have been in flight when the quota ran out; the batch's files were
        // not, beyond those counted.
        assertThat(fake.snapshot().files()).filteredOn(item -> !item.name().equals("summary.json") && !item.name().equals("class-report.pdf"))
                .hasSize(uploaded);
        assertThat(fake.calls(Endpoint.UPLOAD)).as("no upload after the stop but those in flight").hasSizeLessThanOrEqualTo(4 + uploaded);

        // Those watching the batch were told of each file as its outcome was booked, the stopped ones too.
        Map<String, String> toldByFile = BatchEventStreams.follow(Api.SCHOOL_A, batchId, null).stream()
                .filter(e -> e.name().equals("drive_upload") && e.data().has("file_id"))
                .collect(Collectors.toMap(e -> e.data().get("file_id").asText(), e -> e.data().get("status").asText()));
        assertThat(toldByFile).hasSize(8);
        for (int i = 0; i < 8; i++) {
            assertThat(toldByFile).containsEntry(batch.getString("files[" + i + "].file_id"), batch.getString("files[" + i + "].drive.status"));
        }

        // Extraction is untouched by Drive's failure.
        assertThat(batch.getString("status")).isEqualTo("completed");
        given().when().get("/v1/batches/" + batchId + "/summary").then().statusCode(200).body("successful_files", equalTo(8));
        assertThat(STAGING.resolve(batchId)).as("kept for a retry").exists();
    }

    /** A client following the batch's events sees each upload land, with its link, before the stream ends. */
    @Test
    void everyUploadIsAnEventBeforeTheEnd() throws Exception {
        String batchId = Batches.withPdfsToDrive("watched", 3, 5).queryParam("wait_for_drive", "true")
                .when().post("/v1/batches").then().statusCode(201).body("drive_integration.status", equalTo("completed"))
                .extract().path("batch_id");
        JsonPath batch = given().when().get("/v1/batches/" + batchId).then().statusCode(200).extract().jsonPath();

        List<Event> events = BatchEventStreams.follow(Api.SCHOOL_A, batchId, null);

        List<Event> uploads = events.stream().filter(e -> e.name().equals("drive_upload")).toList();
        Map<String, String> linkByFile = uploads.stream().filter(e -> e.data().has("file_id"))
                .collect(Collectors.toMap(e -> e.data().get("file_id").asText(), e -> e.data().get("file_url").asText()));
        for (int i = 0; i < 3; i++) {
            assertThat(linkByFile).containsEntry(batch.getString("files[" + i + "].file_id"), batch.getString("files[" + i + "].drive.file_url"));
        }
        assertThat(uploads).filteredOn(e -> e.data().has("document")).extracting(e -> e.data().get("document").asText())
                .containsExactly("summary.json", "class-report.pdf");
        assertThat(uploads).hasSize(5).allSatisfy(e -> {
            assertThat(e.data().get("status").asText()).isEqualTo("completed");
            assertThat(e.data().get("error").isNull()).isTrue();
        });
        Event classReport = uploads.get(uploads.size() - 1);
        assertThat(classReport.data().get("file_url").asText()).isEqualTo(batch.getString("drive_integration.class_report_file_url"));
        Event end = events.get(events.size() - 1);
        assertThat(end.name()).isEqualTo("end");
        assertThat(end.data().get("drive_upload_status").asText()).isEqualTo("completed");
        assertThat(uploads).allSatisfy(e -> assertThat(e.id()).isLessThan(end.id()));
    }

    @Test
    void googlesOwnWordsGoToTheLogAndCallersGetOurs() {
        String googleWords = "Storage of teacher.jones@school-b.example is full (project debrief-prod-4711)";
        fake.enqueue(Endpoint.UPLOAD, Fault.googleError(403, "storageQuotaExceeded", googleWords));
        List<String> logged;
        String batchId;
        try (DriveLog log = DriveLog.capture()) {
            batchId = Batches.withPdfsToDrive("words", 3, 43)
                    .queryParam("wait_for_drive", "true")
                    .when().post("/v1/batches")
                    .then().statusCode(201)
                    .extract().path("batch_id");
            logged = log.warnings();
        }

        JsonPath batch = given().when().get("/v1/batches/" + batchId).then().statusCode(200).extract().jsonPath();
        String told = "storageQuotaExceeded: Google Drive refused the upload: the storage quota is exceeded (HTTP 403)";
        assertThat(batch.getString("drive_integration.error")).isEqualTo(told);
        List<String> fileErrors = batch.getList("files.drive.error", String.class).stream().filter(e -> e != null).toList();
        assertThat(fileErrors).isNotEmpty().allSatisfy(error -> assertThat(error)
                .isIn(told, "Not uploaded: the batch's uploads stopped on " + told));
        assertThat(batch.prettify()).doesNotContain("teacher.jones").doesNotContain("debrief-prod-4711");
        assertThat(logged).as("operators still read Google's words, with the batch")
                .anyMatch(line -> line.contains(googleWords) && line.contains(batchId));
    }

    @Test
    void aCallThatKeptFailingSaysSoInOurWords() {
        String googleWords = "Backend Error at dc-internal-7 for teacher.jones@school-b.example";
        AtomicInteger refused = new AtomicInteger();
        fake.failWhen(Endpoint.UPLOAD, call -> "gusty-1.pdf".equals(call.name()) && refused.getAndIncrement() < maxAttempts,
                Fault.googleError(503, "backendError", googleWords));
        List<String> logged;
        String batchId;
        try (DriveLog log = DriveLog.capture()) {
            batchId = Batches.withPdfsToDrive("gusty", 2, 44)
                    .queryParam("wait_for_drive", "true")
                    .when().post("/v1/batches")
                    .then().statusCode(201).body("drive_integration.status", equalTo("pending"))
                    .extract().path("batch_id");
            logged = log.warnings();
        }

        JsonPath batch = given().when().get("/v1/batches/" + batchId).then().statusCode(200).extract().jsonPath();
        String told = "backendError: Drive kept answering 503; tried " + maxAttempts + " times";
        assertThat(batch.getString("files.find { it.file_name == 'gusty-1.pdf' }.drive.error"))
                .isEqualTo(told + "; tried again when the archive resumes");
        assertThat(batch.getString("drive_integration.error")).startsWith(told + "; the archive resumes on its own after ");
        assertThat(batch.prettify()).doesNotContain("teacher.jones").doesNotContain("dc-internal-7");
        assertThat(logged).anyMatch(line -> line.contains(googleWords) && line.contains(batchId));
    }

    @Test
    void retryUploadsWhatFailedAndNothingTwice() {
        fake.enqueue(Endpoint.UPLOAD, Fault.unauthorized());
        String batchId = Batches.withPdfsToDrive("again", 4, 4)
                .queryParam("wait_for_drive", "true")
                .when().post("/v1/batches")
                .then().statusCode(201)
                .extract().path("batch_id");
        JsonPath before = Batches.settled(batchId, SETTLE);
        int failed = before.getInt("drive_integration.upload_progress.failed");
        assertThat(failed).isPositive();
        assertThat(before.getString("drive_integration.error")).contains("401");

        given().when().post("/v1/batches/" + batchId + "/drive/retry")
                .then().statusCode(202)
                .body("requeued_files", equalTo(failed))
                .body("drive_status", equalTo("pending"));
        JsonPath after = Batches.settled(batchId, SETTLE);
        assertThat(after.getString("drive_integration.status")).isEqualTo("completed");
        assertThat(Batches.driveStatuses(after)).containsOnly("completed");
        assertThat(after.getString("drive_integration.error")).isNull();
        assertThat(fake.snapshot().fileCountByName()).as("4 reports, summary.json, class-report.pdf").hasSize(6)
                .allSatisfy((name, count) -> assertThat(count).isEqualTo(1L));

        // Once complete there is nothing left to do; the answer says so.
        given().when().post("/v1/batches/" + batchId + "/drive/retry")
                .then().statusCode(202).body("requeued_files", equalTo(0)).body("drive_status", equalTo("completed"));
        assertThat(STAGING.resolve(batchId)).doesNotExist();
    }

    @Test
    void anArchiveLeftUploadingByAStoppedProcessCanBeRetried() {
        fake.enqueue(Endpoint.UPLOAD, Fault.unauthorized());
        String batchId = Batches.withPdfsToDrive("stale", 3, 3)
                .queryParam("wait_for_drive", "true")
                .when().post("/v1/batches")
                .then().statusCode(201).extract().path("batch_id");
        // Two of the three files are in Drive already, but their rows say "uploading": the retry must find them.
        Batches.leaveArchiveUploading(pool, UUID.fromString(batchId), "now() - interval '1 hour'");

        given().when().post("/v1/batches/" + batchId + "/drive/retry").then().statusCode(202).body("requeued_files", equalTo(3));
        JsonPath after = Batches.settled(batchId, SETTLE);
        assertThat(after.getString("drive_integration.status")).isEqualTo("completed");
        assertThat(fake.snapshot().fileCountByName()).as("3 reports, summary.json, class-report.pdf").hasSize(5)
                .allSatisfy((name, count) -> assertThat(count).isEqualTo(1L));
    }

    @Test
    void retryIsRefusedWhereItMeansNothing() {
        String withoutDrive = given().multiPart("files", "one.pdf", new AktrDocumentFactory()
                        .pdf(AktrSample.random(new Random(1)),
                                AktrDocumentFactory.Layout.STANDARD), "application/pdf")
                .when().post("/v1/batches").then().statusCode(201).extract().path("batch_id");
        given().when().post("/v1/batches/" + withoutDrive + "/drive/retry")
                .then().statusCode(409).body("code", equalTo("DRIVE_NOT_REQUESTED"));

        fake.latency(Endpoint.UPLOAD, Duration.ofMillis(1500));
        String uploading = Batches.withPdfsToDrive("slow", 1, 9).header("Prefer", "respond-async")
                .when().post("/v1/batches").then().statusCode(202).extract().path("batch_id");
        given().when().post("/v1/batches/" + uploading + "/drive/retry")
                .then().statusCode(409).body("code", equalTo("DRIVE_UPLOAD_IN_PROGRESS"));
        Batches.settled(uploading, SETTLE);

        given().when().post("/v1/batches/" + UUID.randomUUID() + "/drive/retry")
                .then().statusCode(404).body("code", equalTo("BATCH_NOT_FOUND"));
    }

    @Test
    void waitingForDriveIsForTenFilesAtMost() {
        Batches.withPdfsToDrive("many", 11, 11)
                .queryParam("wait_for_drive", "true")
                .when().post("/v1/batches")
                .then().statusCode(400)
                .body("code", equalTo("TOO_MANY_FILES_FOR_SYNC_DRIVE"))
                .body("max_files", equalTo(10))
                .body("provided_count", equalTo(11));
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void readinessSaysDriveIsConfigured() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'google-drive' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'google-drive' }.data.configured", equalTo(true));
    }

    /** The Drive archiver's warnings while open, as formatted lines. */
    private static final class DriveLog extends Handler implements AutoCloseable {
        private final Logger logger = Logger.getLogger(DriveArchiver.class.getName());
        private final List<String> lines = new CopyOnWriteArrayList<>();

        static DriveLog capture() {
            DriveLog log = new DriveLog();
            log.logger.addHandler(log);
            return log;
        }

        List<String> warnings() {
            return List.copyOf(lines);
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                lines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
