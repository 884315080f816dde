package dev.debrief.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrDocumentFactory.Layout;
import dev.debrief.testsupport.AktrSample;
import io.restassured.path.json.JsonPath;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file that kills the process reading it, for real: the packaged service runs as separate processes sharing one
 * PostgreSQL and one staging folder, and the OCR step is a stand-in that kills the JVM that started it (as an
 * out-of-memory exit would). The first process dies on the file, the one that takes the batch over reads it once
 * more and dies too, the third fails that file alone (QUARANTINED) and reads the rest: no process dies twice and
 * the batch settles.
 */
class PoisonFileIT {

    private static final Path APP = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    private EmbeddedPostgres database;
    private final List<Process> started = new ArrayList<>();
    private final Map<Process, Integer> portOf = new HashMap<>();

    @BeforeEach
    void startDatabase() throws IOException {
        database = EmbeddedPostgres.builder().start();
    }

    @AfterEach
    void stopEverything() throws IOException {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        database.close();
    }

    @Test
    void aFileThatKillsItsReaderFailsAloneAfterOneRetry() throws Exception {
        assertThat(APP).as("the packaged service (mvn verify packages it before this test)").exists();
        Path killer = readerThatKillsItsProcess();
        AktrDocumentFactory factory = new AktrDocumentFactory();
        AktrSample first = AktrSample.random(new Random(1));
        AktrSample last = AktrSample.random(new Random(3));

        Process one = start(killer);
        String batchId = post(one, Map.of(
                "a.pdf", factory.pdf(first, Layout.STANDARD),
                "poison.png", factory.png(AktrSample.random(new Random(2)), 100),
                "b.pdf", factory.pdf(last, Layout.STANDARD)));
        assertDiesOnThePoison(one);

        Process two = start(killer);
        assertDiesOnThePoison(two);

        Process three = start(killer);
        JsonPath batch = await("the third process settles the batch").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> get(three, "/v1/batches/" + batchId), found -> found != null && !"processing".equals(found.getString("status")));

        assertThat(batch.getString("status")).isEqualTo("partial");
        assertThat(batch.getList("files.processing_status", String.class)).as(batch.prettify()).containsExactly("success", "failed", "success");
        assertThat(batch.getString("files[1].error.type")).isEqualTo("QUARANTINED");
        assertThat(three.isAlive()).as("the third process did not read the poison").isTrue();
    }

    private void assertDiesOnThePoison(Process process) throws InterruptedException {
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("killed by the file it read").isTrue();
        assertThat(process.exitValue()).isEqualTo(137);
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    /** The packaged service with short leases, one extractor thread, files read in order, no access control. */
    private Process start(Path tesseract) throws IOException {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-Xmx256m", "-jar", APP.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(logs().resolve("process-" + (started.size() + 1) + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("PORT", String.valueOf(port));
        env.put("DB_URL", "postgresql://localhost:" + database.getPort() + "/postgres");
        env.put("DB_USERNAME", "postgres");
        env.put("DB_PASSWORD", "postgres");
        env.put("AUTH_ENABLED", "false");
        env.put("STAGING_DIRECTORY", work.resolve("staging").toString());
        // the poison is an executable that kills the JVM, so the CLI engine runs it: it stands for a native crash
        // of the in-process engine, which takes the JVM down the same way (what this test survives is the death)
        env.put("OCR_ENGINE", "cli");
        env.put("TESSERACT_PATH", tesseract.toString());
        env.put("EXTRACTION_THREADS", "1");
        env.put("BATCH_LEASE", "5s");
        env.put("BATCH_LEASE_RENEW_EVERY", "1s");
        env.put("BATCH_TAKEOVER_EVERY", "1s");
        Process process = builder.start();
        started.add(process);
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        await("process " + started.size() + " is ready").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> status(ready) == 200);
        portOf.put(process, port);
        return process;
    }

    private String post(Process process, Map<String, byte[]> files) throws IOException, InterruptedException {
        String boundary = "poison-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"options\"\r\n\r\n"
                + "{\"processing_mode\": \"sequential\"}\r\n").getBytes(StandardCharsets.UTF_8));
        for (String name : List.of("a.pdf", "poison.png", "b.pdf")) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(files.get(name));
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portOf.get(process) + "/v1/batches"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Prefer", "respond-async")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return new JsonPath(answer.body()).getString("batch_id");
    }

    private JsonPath get(Process process, String path) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portOf.get(process) + path))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? new JsonPath(answer.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static int status(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Answers the start-up probe like tesseract; asked to read a page, kills the JVM it was started by (its nearest java ancestor). */
    private Path readerThatKillsItsProcess() throws IOException {
        Path script = work.resolve("tesseract-that-kills");
        Files.writeString(script, """
                #!/bin/sh
                if [ "$1" = "--list-langs" ]; then echo "List of available languages (1):"; echo eng; exit 0; fi
                p=$$
                while [ "$p" -gt 1 ]; do
                  if [ "$(cat /proc/$p/comm)" = "java" ]; then kill -9 "$p"; exit 1; fi
                  p=$(awk '{print $4}' /proc/$p/stat)
                done
                exit 1
                """);
        assertThat(script.toFile().setExecutable(true)).isTrue();
        return script;
    }

    /** Kept after the run (unlike the temporary folder), for whoever reads why it failed. */
    private static Path logs() throws IOException {
        return Files.createDirectories(Path.of("target", "poison-file-it"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
