package dev.debrief.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.debrief.sdk.ApiClient;
import dev.debrief.sdk.ApiException;
import dev.debrief.sdk.api.AcsCodesApi;
import dev.debrief.sdk.api.BatchesApi;
import dev.debrief.sdk.api.ReportsApi;
import dev.debrief.sdk.model.AcsCodeEntry;
import dev.debrief.sdk.model.Batch;
import dev.debrief.sdk.model.BatchOptions;
import dev.debrief.sdk.model.BatchSummary;
import dev.debrief.sdk.model.CreatedBatch;
import dev.debrief.sdk.model.FileReport;
import dev.debrief.sdk.model.Problem;
import dev.debrief.sdk.model.ReportPage;
import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrDocumentFactory.Layout;
import dev.debrief.testsupport.AktrSample;
import dev.debrief.testsupport.TestIssuer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract as a client developer meets it: clients generated from the OpenAPI document this build wrote, with the
 * generator's defaults (see the sdk-round-trip profile), drive the packaged service through one whole round trip with
 * bearer tokens. Nothing here talks to the service except through the generated code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdkRoundTripIT {

    private static final Path APP = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Path DOCUMENT = Path.of("target", "openapi", "openapi.json");
    private static final Path TYPESCRIPT_CLIENT = Path.of("target", "generated-sdk", "typescript");
    private static final Path TYPESCRIPT_ROUND_TRIP = Path.of("src", "it", "typescript");
    private static final List<AktrSample> CLASS = List.of(AktrSample.random(new Random(11)), AktrSample.random(new Random(12)),
            AktrSample.random(new Random(13)));

    @TempDir
    static Path work;

    private EmbeddedPostgres database;
    private TestIssuer issuer;
    private Process service;
    private String baseUrl;
    private final List<Path> reports = new ArrayList<>();

    @BeforeAll
    void startService() throws IOException {
        assertThat(APP).as("the packaged service (mvn verify packages it before this test)").exists();
        database = EmbeddedPostgres.builder().start();
        issuer = new TestIssuer().start();
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-Xmx384m", "-jar", APP.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("service.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("PORT", String.valueOf(port));
        env.put("DB_URL", "postgresql://localhost:" + database.getPort() + "/postgres");
        env.put("DB_USERNAME", "postgres");
        env.put("DB_PASSWORD", "postgres");
        env.put("AUTH_SERVER_URL", issuer.issuerUrl());
        env.put("STAGING_DIRECTORY", work.resolve("staging").toString());
        service = builder.start();
        baseUrl = "http://127.0.0.1:" + port;
        URI ready = URI.create(baseUrl + "/q/health/ready");
        await("the service is ready").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> status(ready) == 200);

        AktrDocumentFactory factory = new AktrDocumentFactory();
        for (int i = 0; i < CLASS.size(); i++) {
            Path pdf = work.resolve("report" + (i + 1) + ".pdf");
            Files.write(pdf, factory.pdf(CLASS.get(i), Layout.STANDARD));
            reports.add(pdf);
        }
    }

    @AfterAll
    void stopService() throws IOException {
        try {
            if (service != null) {
                service.destroy();
                if (!service.waitFor(30, TimeUnit.SECONDS)) {
                    service.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            service.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            if (issuer != null) {
                issuer.close();
            }
            if (database != null) {
                database.close();
            }
        }
    }

    @Test
    void theGeneratedJavaClientMakesTheWholeRoundTrip() throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUrl);
        String token = issuer.token().sign();
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        BatchesApi batches = new BatchesApi(client);

        List<File> files = reports.stream().map(Path::toFile).toList();
        // The options part is JSON text (see BatchUploadForm): written from the generated BatchOptions model
        String options = client.getObjectMapper().writeValueAsString(
                new BatchOptions().processingMode(BatchOptions.ProcessingModeEnum.PARALLEL).generateSummary(true));
        CreatedBatch created = batches.createBatch(files, null, null, null, options, false, null);
        assertThat(created.getStatus()).isEqualTo(CreatedBatch.StatusEnum.COMPLETED);
        assertThat(created.getReports()).extracting(report -> report.getMetadata().getName())
                .containsExactlyElementsOf(CLASS.stream().map(AktrSample::name).toList());
        UUID batchId = created.getBatchId();

        Batch read = batches.getBatch(batchId);
        assertThat(read.getFiles()).hasSize(3).allSatisfy(file -> assertThat(file.getReportId()).isNotNull());

        ReportPage first = batches.listBatchReports(batchId, 2, 1, null);
        ReportPage second = batches.listBatchReports(batchId, 2, 2, null);
        assertThat(first.getTotal()).isEqualTo(3L);
        assertThat(first.getReports()).hasSize(2);
        assertThat(second.getReports()).hasSize(1);

        BatchSummary summary = batches.getBatchSummary(batchId);
        assertThat(summary.getSuccessfulFiles()).isEqualTo(3);
        assertThat(summary.getScoreAnalysis().getStatistics().getMax())
                .isEqualTo(CLASS.stream().mapToInt(AktrSample::score).max().orElseThrow());

        FileReport report = new ReportsApi(client).getReport(first.getReports().get(0).getReportId());
        assertThat(report.getMetadata().getScore()).isEqualTo(CLASS.get(0).score());
        assertThat(report.getMetadata().getExamDate()).isEqualTo(CLASS.get(0).examDate());

        AcsCodeEntry code = new AcsCodesApi(client).getAcsCode("PA.I.B.K1", null, null);
        assertThat(code.getDescription()).isNotBlank();
        assertThat(code.getSource()).isEqualTo(AcsCodeEntry.SourceEnum.BUNDLED);

        batches.deleteBatch(batchId);

        ApiException gone = catchThrowableOfType(ApiException.class, () -> batches.getBatch(batchId));
        assertThat(gone.getCode()).isEqualTo(404);
        Problem problem = client.getObjectMapper().readValue(gone.getResponseBody(), Problem.class);
        assertThat(problem.getCode()).isEqualTo(Problem.CodeEnum.BATCH_NOT_FOUND);
        assertThat(problem.getRequestId()).isNotBlank();
    }

    @Test
    void theGeneratedTypeScriptClientCompilesStrictlyAndMakesTheWholeRoundTrip() throws Exception {
        Path project = nodeProject();
        copyTree(TYPESCRIPT_CLIENT, project.resolve("client"));
        run(project, Map.of(), "npx", "--no-install", "tsc", "-p", ".");
        String output = run(project, Map.of("DEBRIEF_URL", baseUrl, "DEBRIEF_TOKEN", issuer.token().sign(),
                "DEBRIEF_REPORTS", String.join(File.pathSeparator, reports.stream().map(Path::toString).toList()),
                "DEBRIEF_NAMES", String.join("|", CLASS.stream().map(AktrSample::name).toList())),
                "node", "dist/round-trip.js");
        assertThat(output).contains("round trip complete");
    }

    @Test
    void theDocumentLintsWithoutErrors() throws Exception {
        String output = run(nodeProject(), Map.of(), "npx", "--no-install", "redocly", "lint", DOCUMENT.toAbsolutePath().toString());
        assertThat(output).contains("Your API description is valid");
    }

    /** The pinned npm tools (package-lock.json), installed once for the tests that need them. */
    private synchronized Path nodeProject() throws IOException, InterruptedException {
        Path project = work.resolve("typescript");
        if (Files.isDirectory(project.resolve("node_modules"))) {
            return project;
        }
        Files.createDirectories(project);
        for (String name : List.of("package.json", "package-lock.json", "tsconfig.json", "round-trip.ts")) {
            Files.copy(TYPESCRIPT_ROUND_TRIP.resolve(name), project.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        run(project, Map.of(), "npm", "ci", "--no-audit", "--no-fund");
        return project;
    }

    private static String run(Path directory, Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(String.join(" ", command) + " finishes").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + " exits 0; it printed:\n" + output).isZero();
        return output;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static int status(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
