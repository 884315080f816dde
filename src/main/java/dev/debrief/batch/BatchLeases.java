package dev.debrief.batch;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import io.vertx.pgclient.data.Interval;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The leases of the batches this process is reading. A new batch starts with one; while the pipeline works on
 * it the lease is renewed on a schedule, so a batch whose lease ran out has lost its process (a restart, a
 * crash, a scale-down) and may be claimed by another one. Claims are one UPDATE each: of the replicas looking
 * at the same time, one wins a batch.
 */
@ApplicationScoped
class BatchLeases {

    private static final Logger LOG = Logger.getLogger(BatchLeases.class);
    /** Renews only what is still this process's: the batch's attempt is the one this process was given. */
    private static final String RENEW = """
            UPDATE batch_reports b SET processing_lease_until = now() + $1
            FROM unnest($2::uuid[], $3::int[]) AS held(id, attempt)
            WHERE b.id = held.id AND b.processing_attempts = held.attempt AND b.status = 'processing'""";
    private static final String CLAIM_EXPIRED = """
            UPDATE batch_reports SET processing_lease_until = now() + $1,
                                     processing_attempts = processing_attempts + 1
            WHERE id IN (SELECT id FROM batch_reports
                         WHERE status = 'processing' AND processing_lease_until <= now() AND NOT (id = ANY($3))
                         ORDER BY processing_lease_until LIMIT $2 FOR UPDATE SKIP LOCKED)
            RETURNING id, processing_attempts, processing_handbacks""";
    /** The files in hand go back unread and uncounted; then the lease ends now, so another process takes over at once. */
    private static final String HAND_BACK_FILES = """
            UPDATE batch_report_files f SET processing_status = 'pending', read_attempts = greatest(f.read_attempts - 1, 0)
            FROM unnest($1::uuid[], $2::int[]) AS held(id, attempt), batch_reports b
            WHERE f.batch_id = held.id AND b.id = held.id AND b.processing_attempts = held.attempt
              AND b.status = 'processing' AND f.processing_status = 'processing'""";
    private static final String HAND_BACK = """
            UPDATE batch_reports b SET processing_lease_until = now(), processing_handbacks = processing_handbacks + 1
            FROM unnest($1::uuid[], $2::int[]) AS held(id, attempt)
            WHERE b.id = held.id AND b.processing_attempts = held.attempt AND b.status = 'processing'""";
    private static final Duration HAND_BACK_TIME = Duration.ofSeconds(5);

    /**
     * A batch this process has taken over: how many processes (this one included) have started it, and how many
     * of those gave it back on a graceful shutdown rather than stopping in the middle.
     */
    record Claim(UUID batchId, int attempts, int handbacks) {

        int crashes() {
            return attempts - 1 - handbacks;
        }
    }

    /** The batches this process reads, with the attempt it reads each under. */
    private final Map<UUID, Integer> held = new ConcurrentHashMap<>();
    private final Pool pool;
    private final BatchConfig config;

    BatchLeases(Pool pool, BatchConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** Keeps the batch's lease renewed, for as long as it is still the given attempt's, while {@code reading} runs. */
    <T> Uni<T> holding(UUID batchId, int attempt, Uni<T> reading) {
        return Uni.createFrom().voidItem()
                .invoke(() -> held.put(batchId, attempt))
                .chain(() -> reading)
                .onTermination().invoke(() -> held.remove(batchId, attempt));
    }

    /** Whether this process still reads the batch under the given attempt (not handed back, not taken over). */
    boolean holds(UUID batchId, int attempt) {
        return Integer.valueOf(attempt).equals(held.get(batchId));
    }

    /**
     * A graceful shutdown (a rollout, a scale-down) gives the batches being read back before the extractor stops:
     * their files in hand return to pending without counting as a read, the leases end now, and this process
     * records nothing more for them. Another replica takes them over at once, and it does not count as a crash.
     */
    void handBackOnShutdown(@Observes @Priority(100) ShutdownEvent event) {
        try {
            handBack().await().atMost(HAND_BACK_TIME);
        } catch (RuntimeException e) {
            LOG.warnf("Batches not handed back at shutdown (%s); they are taken over once their lease runs out", e.getMessage());
        }
    }

    Uni<Integer> handBack() {
        Held batches = Held.of(held);
        batches.forEach(held::remove);
        if (batches.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Tuple arguments = Tuple.of(batches.ids(), batches.attempts());
        return pool.withTransaction(connection -> connection.preparedQuery(HAND_BACK_FILES).execute(arguments)
                        .chain(() -> connection.preparedQuery(HAND_BACK).execute(arguments)))
                .map(rows -> rows.rowCount())
                .invoke(count -> LOG.infof("Shutting down: %d batches handed back for another process to read on", count));
    }

    @Scheduled(every = "${debrief.batch.lease-renew-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> renew() {
        Held batches = Held.of(held);
        if (batches.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(RENEW).execute(Tuple.of(interval(), batches.ids(), batches.attempts()))
                .onFailure().invoke(failure -> LOG.warnf("Batch leases not renewed (%s); they are tried again in %s",
                        failure.getMessage(), config.leaseRenewEvery()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Claims up to {@code limit} batches whose lease ran out, never one this process is reading itself: a renewal
     * that came late (a long pause, a busy machine) must not make a process take over, and count as a crash, its own
     * batch.
     */
    Uni<List<Claim>> claimExpired(int limit) {
        UUID[] reading = held.keySet().toArray(UUID[]::new);
        return pool.preparedQuery(CLAIM_EXPIRED).execute(Tuple.of(interval(), limit, reading)).map(rows -> {
            List<Claim> claims = new ArrayList<>();
            for (Row row : rows) {
                claims.add(new Claim(row.getUUID("id"), row.getInteger("processing_attempts"), row.getInteger("processing_handbacks")));
            }
            return claims;
        });
    }

    /** A snapshot of the batches held and their attempts, as the parallel arrays the statements unnest. */
    private record Held(UUID[] ids, Integer[] attempts) {

        static Held of(Map<UUID, Integer> held) {
            List<Map.Entry<UUID, Integer>> entries = List.copyOf(held.entrySet());
            return new Held(entries.stream().map(Map.Entry::getKey).toArray(UUID[]::new),
                    entries.stream().map(Map.Entry::getValue).toArray(Integer[]::new));
        }

        boolean isEmpty() {
            return ids.length == 0;
        }

        void forEach(java.util.function.BiConsumer<UUID, Integer> action) {
            for (int i = 0; i < ids.length; i++) {
                action.accept(ids[i], attempts[i]);
            }
        }
    }

    private Interval interval() {
        return Interval.of(config.lease());
    }
}
