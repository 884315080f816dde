package dev.debrief.batch;

import dev.debrief.common.ApiProblem;
import dev.debrief.common.ErrorCode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A batch's event log as Server-Sent Events. The log in PostgreSQL is the only source, read every
 * {@link BatchConfig#eventsPoll()}, so a client connected to any replica sees the progress of a batch read by
 * another, and a reconnect with Last-Event-ID resumes right after the last event it got: ids are the log's per-batch
 * numbers, handed out in commit order (V11), so reading "after n" never skips one. The stream ends after the
 * {@code end} event; a batch that had ended answers its whole log at once. A replica follows at most
 * {@link BatchConfig#eventsMaxStreams()} streams at once.
 */
@ApplicationScoped
class BatchEventStream {

    private static final String AFTER = "SELECT seq, kind, data::text AS data FROM batch_events WHERE batch_id = $1 AND seq > $2 ORDER BY seq";

    private final Pool pool;
    private final BatchConfig config;
    private final Semaphore streams;

    BatchEventStream(Pool pool, BatchConfig config) {
        this.pool = pool;
        this.config = config;
        this.streams = new Semaphore(config.eventsMaxStreams());
    }

    /** The stream, holding one of the replica's places until it ends or its client goes; 503 when there is none. */
    Multi<OutboundSseEvent> follow(UUID batchId, int after, Sse sse) {
        if (!streams.tryAcquire()) {
            long seconds = config.busyRetryAfter().toSeconds();
            throw new ApiProblem(ErrorCode.SERVICE_BUSY, "This replica follows " + config.eventsMaxStreams()
                    + " event streams already; try again in " + seconds + " s", Map.of(ApiProblem.RETRY_AFTER_SECONDS, seconds));
        }
        return events(batchId, after, sse).onTermination().invoke(streams::release);
    }

    private Multi<OutboundSseEvent> events(UUID batchId, int after, Sse sse) {
        AtomicInteger last = new AtomicInteger(after);
        AtomicBoolean ended = new AtomicBoolean();
        AtomicLong lastSent = new AtomicLong(System.nanoTime());
        long heartbeat = config.eventsHeartbeat().toNanos();
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(config.eventsPoll())
                .onOverflow().drop()
                // the tick after the end event closes the stream
                .select().first(tick -> !ended.get())
                .onItem().transformToUniAndConcatenate(tick -> eventsAfter(batchId, last.get()))
                .onItem().transformToIterable(rows -> {
                    List<OutboundSseEvent> out = new ArrayList<>(rows.size() + 1);
                    for (Row row : rows) {
                        int seq = row.getInteger("seq");
                        String kind = row.getString("kind");
                        // JSON already, and sent as it is: a String with no element type is written as text, and an
                        // event with a media type of its own would carry a non-standard content-type field
                        out.add(sse.newEventBuilder().id(String.valueOf(seq)).name(kind).data(row.getString("data")).build());
                        last.set(seq);
                        if (BatchEvents.END.equals(kind)) {
                            ended.set(true);
                        }
                    }
                    long now = System.nanoTime();
                    if (!out.isEmpty()) {
                        lastSent.set(now);
                    } else if (now - lastSent.get() >= heartbeat) {
                        out.add(sse.newEventBuilder().comment("waiting for batch " + batchId).build());
                        lastSent.set(now);
                    }
                    return out;
                });
    }

    private Uni<List<Row>> eventsAfter(UUID batchId, int after) {
        return pool.preparedQuery(AFTER).execute(Tuple.of(batchId, after)).map(rows -> {
            List<Row> list = new ArrayList<>();
            rows.forEach(list::add);
            return list;
        });
    }
}
