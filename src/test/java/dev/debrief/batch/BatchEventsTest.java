package dev.debrief.batch;

import static dev.debrief.testsupport.Api.SCHOOL_A;
import static dev.debrief.testsupport.Api.asSchool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.debrief.testsupport.BatchEventStreams;
import dev.debrief.testsupport.BatchEventStreams.Event;
import dev.debrief.testsupport.Batches;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GET /v1/batches/{id}/events, followed to its end as a browser's EventSource would. */
@QuarkusTest
class BatchEventsTest {

    private String batchId;

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void deleteBatch() {
        if (batchId != null) {
            asSchool(SCHOOL_A).when().delete("/v1/batches/" + batchId);
        }
    }

    @Test
    void aClassOfThirtyArrivesFileByFileInOrderAndTheStreamCloses() throws Exception {
        batchId = Batches.withPdfsOf(asSchool(SCHOOL_A).header("Prefer", "respond-async"), Batches.students(30, 60))
                .when().post("/v1/batches").then().statusCode(202).extract().path("batch_id");

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
        batchId = Batches.withPdfsOf(asSchool(SCHOOL_A), Batches.students(4, 90))
                .when().post("/v1/batches").then().statusCode(201).extract().path("batch_id");

        List<Event> all = follow(null);
        List<Event> resumed = follow("5");

        assertThat(all).hasSizeGreaterThan(6);
        assertThat(resumed).extracting(Event::id).containsExactlyElementsOf(all.stream().map(Event::id).filter(id -> id > 5).toList());
        assertThat(resumed.get(resumed.size() - 1).name()).isEqualTo("end");
    }

    /**
     * The stream is read from the database, not from this process's memory: an event another replica commits (here a
     * second connection, writing the way the service does) reaches a client of this one, in its place in the order.
     */
    @Test
    void anEventCommittedElsewhereReachesTheStream() throws Exception {
        batchId = Batches.photosBeingRead(2, 120);
        List<Event> received = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> following = CompletableFuture.runAsync(() -> {
            try {
                follow(null, received);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await("the first event").atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))");
                 PreparedStatement insert = connection.prepareStatement("""
                         INSERT INTO batch_events (batch_id, seq, kind, data)
                         SELECT CAST(? AS uuid), COALESCE(MAX(seq), 0) + 1, 'drive', CAST('{"status": "from-another-replica"}' AS jsonb)
                         FROM batch_events WHERE batch_id = CAST(? AS uuid)""")) {
                lock.setString(1, batchId);
                lock.execute();
                insert.setString(1, batchId);
                insert.setString(2, batchId);
                insert.executeUpdate();
            }
            connection.commit();
        }

        following.get(2, TimeUnit.MINUTES);
        assertThat(received).extracting(Event::id).containsExactlyElementsOf(Stream.iterate(1, n -> n + 1).limit(received.size()).toList());
        assertThat(received).anySatisfy(e -> assertThat(e.data().path("status").asText()).isEqualTo("from-another-replica"));
        assertThat(received.get(received.size() - 1).name()).isEqualTo("end");
    }

    private List<Event> follow(String lastEventId) throws IOException, InterruptedException {
        return BatchEventStreams.follow(SCHOOL_A, batchId, lastEventId);
    }

    private void follow(String lastEventId, List<Event> events) throws IOException, InterruptedException {
        BatchEventStreams.follow(SCHOOL_A, batchId, lastEventId, events);
    }
}
