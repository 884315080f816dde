package dev.debrief.batch;

import static dev.debrief.testsupport.Api.SCHOOL_A;
import static dev.debrief.testsupport.Api.asSchool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrDocumentFactory.Layout;
import dev.debrief.testsupport.AktrSample;
import dev.debrief.testsupport.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GET /v1/batches/{id}/events, read as a browser's EventSource reads it: lines of id, event and data. */
@QuarkusTest
class BatchEventsTest {

    private static final AktrDocumentFactory FACTORY = new AktrDocumentFactory();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String batchId;

    record Event(int id, String name, JsonNode data) {
    }

    @AfterEach
    void deleteBatch() {
        if (batchId != null) {
            asSchool(SCHOOL_A).when().delete("/v1/batches/" + batchId);
        }
    }

    @Test
    void aClassOfThirtyArrivesFileByFileInOrderAndTheStreamCloses() throws Exception {
        RequestSpecification upload = asSchool(SCHOOL_A).header("Prefer", "respond-async");
        for (int i = 0; i < 30; i++) {
            upload = upload.multiPart("files", "student" + i + ".pdf", FACTORY.pdf(AktrSample.random(new Random(60 + i)), Layout.STANDARD),
                    "application/pdf");
        }
        batchId = upload.when().post("/v1/batches").then().statusCode(202).extract().path("batch_id");

        List<Event> events = follow(null);

        assertThat(events).extracting(Event::id).as("ids without gaps or repeats")
                .containsExactlyElementsOf(Stream.iterate(1, n -> n + 1).limit(events.size()).toList());
        Map<String, List<String>> perFile = new LinkedHashMap<>();
        events.stream().filter(e -> e.name().equals("file"))
                .forEach(e -> perFile.computeIfAbsent(e.data().get("file_name").asText(), k -> new ArrayList<>()).add(e.data().get("status").asText()));
        assertThat(perFile).hasSize(30).allSatisfy((file, statuses) -> assertThat(statuses).as(file).containsExactly("processing", "success"));
        assertThat(events.stream().filter(e -> e.name().equals("file") && e.data().get("status").asText().equals("success")))
                .allSatisfy(e -> assertThat(e.data().get("score").asInt()).isBetween(0, 100))
                .allSatisfy(e -> assertThat(e.data().get("exam_code").asText()).isNotBlank());
        Event summary = events.stream().filter(e -> e.name().equals("summary")).findFirst().orElseThrow();
        Event end = events.get(events.size() - 1);
        assertThat(end.name()).isEqualTo("end");
        assertThat(end.data().get("status").asText()).isEqualTo("completed");
        assertThat(end.data().get("successful_files").asInt()).isEqualTo(30);
        assertThat(summary.id()).isLessThan(end.id());
    }

    @Test
    void aReconnectWithLastEventIdResumesRightAfterIt() throws Exception {
        RequestSpecification upload = asSchool(SCHOOL_A);
        for (int i = 0; i < 4; i++) {
            upload = upload.multiPart("files", "s" + i + ".pdf", FACTORY.pdf(AktrSample.random(new Random(90 + i)), Layout.STANDARD),
                    "application/pdf");
        }
        batchId = upload.when().post("/v1/batches").then().statusCode(201).extract().path("batch_id");

        List<Event> all = follow(null);
        List<Event> resumed = follow("5");

        assertThat(all).hasSizeGreaterThan(6);
        assertThat(resumed).extracting(Event::id).containsExactlyElementsOf(all.stream().map(Event::id).filter(id -> id > 5).toList());
        assertThat(resumed.get(resumed.size() - 1).name()).isEqualTo("end");
    }

    @Test
    void anotherSchoolsBatchIsNotFound() {
        batchId = asSchool(SCHOOL_A)
                .multiPart("files", "one.pdf", FACTORY.pdf(AktrSample.random(new Random(99)), Layout.STANDARD), "application/pdf")
                .when().post("/v1/batches").then().statusCode(201).extract().path("batch_id");
        asSchool("school-b").accept("text/event-stream").when().get("/v1/batches/" + batchId + "/events")
                .then().statusCode(404).body("code", equalTo("BATCH_NOT_FOUND"));
    }

    /** Reads the stream until the server closes it (within a minute), as EventSource parses it. */
    private List<Event> follow(String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/v1/batches/" + batchId + "/events"))
                .header("Authorization", "Bearer " + Api.token(SCHOOL_A)).header("Accept", "text/event-stream").timeout(Duration.ofMinutes(1));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<Event> events = new ArrayList<>();
        Integer id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String line : (Iterable<String>) response.body()::iterator) {
            if (line.isEmpty()) {
                if (id != null) {
                    events.add(new Event(id, name, JSON.readTree(data.toString())));
                }
                id = null;
                name = null;
                data.setLength(0);
            } else if (line.startsWith("id:")) {
                id = Integer.parseInt(line.substring(3).strip());
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).strip());
            }
        }
        return events;
    }
}
