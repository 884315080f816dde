package dev.debrief.batch;

import static dev.debrief.testsupport.Api.anonymous;
import static dev.debrief.testsupport.Api.asSchool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrDocumentFactory.Layout;
import dev.debrief.testsupport.AktrSample;
import dev.debrief.testsupport.BatchEventStreams;
import dev.debrief.testsupport.BatchEventStreams.Event;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The ways the service refuses work instead of drowning in it, on the real API: a school past its rate gets 429,
 * while too many files wait to be read every new batch gets 503, and so does an event stream past the replica's
 * number of them; all say when to come back.
 */
@QuarkusTest
@TestProfile(LoadLimitsTest.Tight.class)
class LoadLimitsTest {

    /** Three batches at once per school, then one every 20 s (slow enough for a loaded machine); two unread files at most; one event stream; one extractor thread whose OCR takes 2 s a page. */
    public static class Tight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // %test: the test profile's own (generous) rate in application.properties would win over plain names
            return Map.of("%test.debrief.access.batch-burst", "3",
                    "%test.debrief.access.batches-per-minute", "3",
                    "debrief.batch.max-unread-files", "2",
                    "debrief.batch.busy-retry-after", "3s",
                    "debrief.batch.events-max-streams", "1",
                    "debrief.extraction.threads", "1",
                    "debrief.extraction.ocr-engine", "cli", // the stand-in is an executable
                    "debrief.extraction.tesseract-path", slowTesseract().toString());
        }
    }

    private final AktrDocumentFactory factory = new AktrDocumentFactory();

    @Test
    void aSchoolPastItsRateIsToldWhenToComeBack() {
        for (int i = 0; i < 3; i++) {
            post("rate-a", pdf(i)).then().statusCode(201);
        }
        Response refused = post("rate-a", pdf(9));
        refused.then().statusCode(429).contentType("application/problem+json").body("code", equalTo("RATE_LIMIT_EXCEEDED"));
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1, 20);

        // another school is not held back by the first one's rate
        post("rate-b", pdf(10)).then().statusCode(201);
        // and after the time it was told, the first school is served again
        await().pollDelay(Duration.ofSeconds(retryAfter)).atMost(Duration.ofSeconds(retryAfter + 10L))
                .until(() -> post("rate-a", pdf(11)).statusCode() == 201);
    }

    @Test
    void aFullBacklogShedsNewBatchesUntilItDrains() {
        // two photos, each read for 2 s by the one extractor: the backlog is full while they wait
        String slow = asSchool("busy-a").header("Prefer", "respond-async")
                .multiPart("files", "p1.png", png(1), "image/png").multiPart("files", "p2.png", png(2), "image/png")
                .when().post("/v1/batches").then().statusCode(202).extract().path("batch_id");

        Response shed = post("busy-b", pdf(20));
        shed.then().statusCode(503).contentType("application/problem+json").body("code", equalTo("SERVICE_BUSY"));
        assertThat(shed.header("Retry-After")).isEqualTo("3");
        anonymous().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        await().atMost(Duration.ofSeconds(30)).until(() -> !"processing".equals(
                asSchool("busy-a").when().get("/v1/batches/" + slow).then().extract().path("status")));
        post("busy-b", pdf(21)).then().statusCode(201);
    }

    @Test
    void anEventStreamPastTheReplicasNumberIsToldWhenToComeBack() throws Exception {
        String slow = asSchool("streams-a").header("Prefer", "respond-async")
                .multiPart("files", "p1.png", png(3), "image/png").multiPart("files", "p2.png", png(4), "image/png")
                .when().post("/v1/batches").then().statusCode(202).extract().path("batch_id");
        List<Event> followed = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
            try {
                BatchEventStreams.follow("streams-a", slow, null, followed);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            await("the first stream's first event").atMost(Duration.ofSeconds(30)).until(() -> !followed.isEmpty());

            Response refused = asSchool("streams-a").accept("text/event-stream").when().get("/v1/batches/" + slow + "/events");
            refused.then().statusCode(503).contentType("application/problem+json").body("code", equalTo("SERVICE_BUSY"));
            assertThat(refused.header("Retry-After")).isEqualTo("3");

            first.get(1, TimeUnit.MINUTES);
            assertThat(followed.get(followed.size() - 1).name()).isEqualTo("end");
            // the place is given back when the stream ends: the whole log of the ended batch, then the stream closes
            assertThat(BatchEventStreams.follow("streams-a", slow, null)).extracting(Event::id).containsExactlyElementsOf(
                    followed.stream().map(Event::id).toList());
        } finally {
            first.cancel(true);
        }
    }

    @Test
    void aStreamWhoseClientLeftGivesItsPlaceBack() throws Exception {
        // three photos, each read for 2 s: the batch is still being read for the whole test
        String slow = asSchool("streams-b").header("Prefer", "respond-async")
                .multiPart("files", "p1.png", png(5), "image/png").multiPart("files", "p2.png", png(6), "image/png")
                .multiPart("files", "p3.png", png(7), "image/png")
                .when().post("/v1/batches").then().statusCode(202).extract().path("batch_id");

        BatchEventStreams.firstEventThenLeave("streams-b", slow);

        await("the place of the stream whose client left").atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> BatchEventStreams.firstEventThenLeave("streams-b", slow));
        asSchool("streams-b").when().get("/v1/batches/" + slow).then().statusCode(200).body("status", equalTo("processing"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !"processing".equals(
                asSchool("streams-b").when().get("/v1/batches/" + slow).then().extract().path("status")));
    }

    private Response post(String school, byte[] pdf) {
        return asSchool(school).multiPart("files", "report.pdf", pdf, "application/pdf").when().post("/v1/batches");
    }

    private byte[] pdf(int seed) {
        return factory.pdf(AktrSample.random(new Random(seed)), Layout.STANDARD);
    }

    private byte[] png(int seed) {
        return factory.png(AktrSample.random(new Random(seed)), 100);
    }

    /** A stand-in for tesseract that takes 2 s a page whatever the machine's load, and finds no text. */
    static Path slowTesseract() {
        try {
            Path script = Files.createDirectories(Path.of("target", "test-tools")).resolve("tesseract-two-seconds");
            Files.writeString(script, """
                    #!/bin/sh
                    if [ "$1" = "--list-langs" ]; then echo "List of available languages (1):"; echo eng; exit 0; fi
                    sleep 2
                    : > "$2.tsv"
                    """);
            if (!script.toFile().setExecutable(true)) {
                throw new IOException("cannot make " + script + " executable");
            }
            return script.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
