package dev.debrief.bench;

import static dev.debrief.testsupport.Api.given;

import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrSample;
import dev.debrief.testsupport.FakeDriveResource;
import dev.debrief.testsupport.FakeDriveServer;
import dev.debrief.testsupport.FakeDriveServer.Call;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * bench/drive-upload: one batch of 30 PDFs archived against the fake Drive with a fixed latency per call, at the
 * configured bound. Drive's wall time runs from the first call the fake received to the last answer it gave;
 * ideal = calls × latency / bound, what a perfectly packed bound would take. Each run appends a row to
 * target/bench/drive-upload.md and prints it.
 */
final class DriveUploadBench {

    static final int FILES = 30;
    static final Duration LATENCY = Duration.ofMillis(100);
    static final int BOUND = 4;
    private static final Path TABLE = Path.of("target/bench/drive-upload.md");

    private DriveUploadBench() {
    }

    /**
     * @param freshFolders whether every run starts from an empty Drive (the day's first batch: the whole folder
     *                     path is made) or finds Debrief-Batches/{date} already there (every later batch)
     */
    static void run(String label, int warmUps, int runs, boolean freshFolders) throws IOException {
        FakeDriveServer fake = FakeDriveResource.fake();
        AktrDocumentFactory factory = new AktrDocumentFactory();
        Random random = new Random(42);
        List<byte[]> pdfs = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            pdfs.add(factory.pdf(AktrSample.random(random), AktrDocumentFactory.Layout.STANDARD));
        }
        for (int i = 0; i < warmUps; i++) {
            fake.reset();
            archive(pdfs);
        }
        List<Row> rows = new ArrayList<>();
        fake.reset();
        for (int i = 0; i < runs; i++) {
            if (freshFolders) {
                fake.reset();
            } else {
                fake.clearCalls();
            }
            fake.latency(LATENCY);
            archive(pdfs);
            rows.add(measure(fake.calls()));
            timeline(label, fake.calls());
        }
        rows.sort((a, b) -> Long.compare(a.wallMs, b.wallMs));
        Row median = rows.get(rows.size() / 2);
        Files.createDirectories(TABLE.getParent());
        if (!Files.exists(TABLE)) {
            Files.writeString(TABLE, header());
        }
        String line = median.format(label);
        Files.writeString(TABLE, line, StandardOpenOption.APPEND);
        System.out.print(header() + line);
    }

    private static String header() {
        return "| run | files | latency/call | bound | Drive calls | wall (median) | ideal = calls×latency/bound | ratio | uploads phase | uploads ideal | uploads ratio |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n";
    }

    private static void archive(List<byte[]> pdfs) {
        RequestSpecification request = given().multiPart("drive_upload", "true")
                .multiPart("options", "{\"processing_mode\": \"parallel\"}");
        for (int i = 0; i < pdfs.size(); i++) {
            request = request.multiPart("files", "aktr-" + i + ".pdf", pdfs.get(i), "application/pdf");
        }
        String batchId = request.header("Prefer", "respond-async").when().post("/v1/batches")
                .then().statusCode(202).extract().path("batch_id");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath batch = given().when().get("/v1/batches/" + batchId).then().statusCode(200).extract().jsonPath();
            String drive = batch.getString("drive_integration.status");
            if (!"pending".equals(drive) && !"uploading".equals(drive)) {
                if (!"completed".equals(drive)) {
                    throw new IllegalStateException("archive ended " + drive);
                }
                return;
            }
            sleep(20);
        }
        throw new IllegalStateException("archive did not settle");
    }

    /** The last run's calls, one a line (ms from the first call, endpoint, status), to see where time goes. */
    private static void timeline(String label, List<Call> calls) throws IOException {
        Instant first = calls.stream().map(Call::at).min(Instant::compareTo).orElseThrow();
        StringBuilder out = new StringBuilder("# " + label + "\n");
        calls.stream().sorted((a, b) -> a.at().compareTo(b.at())).forEach(c -> out.append(String.format(Locale.ROOT,
                "%5d ms %-14s %s %d%n", Duration.between(first, c.at()).toMillis(), c.endpoint(), c.name(), c.status())));
        Files.createDirectories(TABLE.getParent());
        Files.writeString(TABLE.resolveSibling("drive-upload-calls.txt"), out.toString(), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static Row measure(List<Call> calls) {
        Instant first = calls.stream().map(Call::at).min(Instant::compareTo).orElseThrow();
        Instant last = calls.stream().map(Call::at).max(Instant::compareTo).orElseThrow();
        long wall = Duration.between(first, last).plus(LATENCY).toMillis();
        List<Call> uploads = calls.stream().filter(c -> c.endpoint() == FakeDriveServer.Endpoint.UPLOAD).toList();
        Instant firstUpload = uploads.stream().map(Call::at).min(Instant::compareTo).orElseThrow();
        Instant lastUpload = uploads.stream().map(Call::at).max(Instant::compareTo).orElseThrow();
        long uploadWall = Duration.between(firstUpload, lastUpload).plus(LATENCY).toMillis();
        return new Row(calls.size(), wall, uploads.size(), uploadWall);
    }

    private record Row(int calls, long wallMs, int uploads, long uploadWallMs) {
        String format(String label) {
            double ideal = calls * (double) LATENCY.toMillis() / BOUND;
            double uploadIdeal = uploads * (double) LATENCY.toMillis() / BOUND;
            return String.format(Locale.ROOT, "| %s | %d | %d ms | %d | %d | %d ms | %.0f ms | %.2f | %d ms (%d calls) | %.0f ms | %.2f |%n",
                    label, FILES, LATENCY.toMillis(), BOUND, calls, wallMs, ideal, wallMs / ideal, uploadWallMs, uploads,
                    uploadIdeal, uploadWallMs / uploadIdeal);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
