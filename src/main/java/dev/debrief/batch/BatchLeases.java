package dev.debrief.batch;

import io.quarkus.scheduler.Scheduled;
import io.vertx.pgclient.data.Interval;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
    private static final String RENEW = """
            UPDATE batch_reports SET processing_lease_until = now() + $1
            WHERE id = ANY($2) AND status = 'processing'""";
    private static final String CLAIM_EXPIRED = """
            UPDATE batch_reports SET processing_lease_until = now() + $1,
                                     processing_attempts = processing_attempts + 1
            WHERE id IN (SELECT id FROM batch_reports
                         WHERE status = 'processing' AND processing_lease_until < now()
                         ORDER BY processing_lease_until LIMIT $2 FOR UPDATE SKIP LOCKED)
            RETURNING id, processing_attempts""";

    /** A batch this process has taken over, and how many processes (this one included) have started it. */
    record Claim(UUID batchId, int attempts) {
    }

    private final Set<UUID> held = ConcurrentHashMap.newKeySet();
    private final Pool pool;
    private final BatchConfig config;

    BatchLeases(Pool pool, BatchConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** Keeps the batch's lease renewed while {@code reading} runs. */
    <T> Uni<T> holding(UUID batchId, Uni<T> reading) {
        return Uni.createFrom().voidItem()
                .invoke(() -> held.add(batchId))
                .chain(() -> reading)
                .onTermination().invoke(() -> held.remove(batchId));
    }

    @Scheduled(every = "${debrief.batch.lease-renew-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> renew() {
        if (held.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(RENEW).execute(Tuple.of(interval(), held.toArray(UUID[]::new)))
                .onFailure().invoke(failure -> LOG.warnf("Batch leases not renewed (%s); they are tried again in %s",
                        failure.getMessage(), config.leaseRenewEvery()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Claims up to {@code limit} batches whose lease ran out. */
    Uni<List<Claim>> claimExpired(int limit) {
        return pool.preparedQuery(CLAIM_EXPIRED).execute(Tuple.of(interval(), limit)).map(rows -> {
            List<Claim> claims = new ArrayList<>();
            for (Row row : rows) {
                claims.add(new Claim(row.getUUID("id"), row.getInteger("processing_attempts")));
            }
            return claims;
        });
    }

    private Interval interval() {
        return Interval.of(config.lease());
    }
}
