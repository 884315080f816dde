package dev.debrief.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** GET /v1/batches/{id}/events, read as a browser's EventSource reads it: lines of id, event and data. */
public final class BatchEventStreams {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Event(int id, String name, JsonNode data) {
    }

    private BatchEventStreams() {
    }

    /** Every event of the batch after {@code lastEventId} (null: from the start), once the server has closed the stream. */
    public static List<Event> follow(String school, String batchId, String lastEventId) throws IOException, InterruptedException {
        List<Event> events = new ArrayList<>();
        follow(school, batchId, lastEventId, events);
        return events;
    }

    /** Reads the stream into {@code events} as they come, until the server closes it (within a minute). */
    public static void follow(String school, String batchId, String lastEventId, List<Event> events) throws IOException, InterruptedException {
        follow(school, batchId, lastEventId, events, () -> false);
    }

    /** Reads the first event of the stream, then goes away as a closed browser tab does: the connection is closed. */
    public static Event firstEventThenLeave(String school, String batchId) throws IOException, InterruptedException {
        List<Event> events = new ArrayList<>();
        follow(school, batchId, null, events, () -> !events.isEmpty());
        assertThat(events).as("an event before the stream ended").isNotEmpty();
        return events.get(0);
    }

    private static void follow(String school, String batchId, String lastEventId, List<Event> events, BooleanSupplier enough)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/v1/batches/" + batchId + "/events"))
                .header("Authorization", "Bearer " + Api.token(school)).header("Accept", "text/event-stream").timeout(Duration.ofMinutes(1));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        Integer id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (id != null) {
                        events.add(new Event(id, name, JSON.readTree(data.toString())));
                        if (enough.getAsBoolean()) {
                            return;
                        }
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
                } else {
                    assertThat(line).as("an SSE comment (any other field is not one EventSource knows)").startsWith(":");
                }
            }
        }
    }
}
