package dev.debrief.batch;

import dev.debrief.common.ApiProblem;
import dev.debrief.common.ErrorCode;
import dev.debrief.upload.UploadConfig;
import dev.debrief.upload.UploadIntake;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Deletes batches with everything stored for them: reports, file rows, Drive bookkeeping (by cascade) and the
 * staged bytes. Expired batches go in bounded chunks; replicas purging at the same time skip each other's rows
 * (FOR UPDATE SKIP LOCKED). Copies archived in Google Drive are never touched: they belong to the school.
 */
@ApplicationScoped
class BatchRemoval {

    private static final Logger LOG = Logger.getLogger(BatchRemoval.class);
    private static final String LOCK_EXPIRED = """
            SELECT id FROM batch_reports WHERE expires_at <= now()
            ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED""";
    private static final String LOCK_OWNED = "SELECT id FROM batch_reports WHERE id = $1 AND school_id = $2 FOR UPDATE";

    private final Pool pool;
    private final UploadIntake intake;
    private final BatchConfig config;
    private final BatchService batches;
    private final UploadConfig uploads;
    private final Clock clock;

    BatchRemoval(Pool pool, UploadIntake intake, BatchConfig config, BatchService batches, UploadConfig uploads, Clock clock) {
        this.pool = pool;
        this.intake = intake;
        this.config = config;
        this.batches = batches;
        this.uploads = uploads;
        this.clock = clock;
    }

    @Scheduled(every = "${debrief.batch.purge-every:10m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeOnSchedule() {
        return purgeExpired().replaceWithVoid();
    }

    /**
     * Staged bytes whose batch row does not exist (a crash or a database error between staging and commit),
     * untouched for the grace period, are removed: students' files never outlive their batch. Answers how many
     * batches' bytes went.
     */
    @Scheduled(every = "${debrief.batch.purge-every:10m}", delayed = "45s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweepOrphansOnSchedule() {
        return sweepOrphans().replaceWithVoid();
    }

    Uni<Integer> sweepOrphans() {
        return Uni.createFrom().item(() -> intake.stagedUntouchedSince(Instant.now(clock).minus(uploads.orphanGrace())))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(staged -> staged.isEmpty() ? Uni.createFrom().item(List.<UUID>of()) : pool
                        .preparedQuery("SELECT id FROM batch_reports WHERE id = ANY($1)")
                        .execute(Tuple.of(staged.toArray(UUID[]::new)))
                        .map(rows -> {
                            Set<UUID> known = new HashSet<>();
                            rows.forEach(row -> known.add(row.getUUID("id")));
                            return staged.stream().filter(id -> !known.contains(id)).toList();
                        }))
                .call(orphans -> intake.discardInBackground(orphans))
                .invoke(orphans -> {
                    if (!orphans.isEmpty()) {
                        LOG.infof("Removed the staged files of %d uploads that never became a batch", orphans.size());
                    }
                })
                .map(List::size);
    }

    /** Removes every expired batch, a chunk at a time; answers how many batches went. */
    Uni<Integer> purgeExpired() {
        return purgeChunk().chain(removed -> removed.batches() < config.purgeChunk()
                ? Uni.createFrom().item(removed.batches())
                : purgeExpired().map(more -> more + removed.batches()));
    }

    /**
     * Deletes the school's batch: 404 for another school's (or an unknown) id, 410 once expired, 409 while it is
     * being read (deleting under the pipeline would lose track of work in flight).
     */
    Uni<Void> delete(String school, UUID batchId) {
        return batches.live(school, batchId).chain(batch -> {
            if (batch.processing()) {
                throw new ApiProblem(ErrorCode.BATCH_STILL_PROCESSING, "Batch " + batchId + " is still being processed; "
                        + "delete it once it has settled", Map.of(ApiProblem.RETRY_AFTER_SECONDS, 2));
            }
            return deleteOwned(school, batchId);
        });
    }

    private Uni<Void> deleteOwned(String school, UUID batchId) {
        return pool.withTransaction(connection -> lockedIds(connection, LOCK_OWNED, Tuple.of(batchId, school))
                        .chain(ids -> deleteRows(connection, ids)))
                .call(removed -> intake.discardInBackground(List.of(batchId)))
                .invoke(removed -> LOG.infof("Batch %s deleted with %d reports", batchId, removed.reports()))
                .replaceWithVoid();
    }

    private Uni<Removed> purgeChunk() {
        return pool.withTransaction(connection -> lockedIds(connection, LOCK_EXPIRED, Tuple.of(config.purgeChunk()))
                        .chain(ids -> deleteRows(connection, ids)))
                .call(removed -> intake.discardInBackground(removed.ids()))
                .invoke(removed -> {
                    if (removed.batches() > 0) {
                        LOG.infof("Purged %d expired batches with %d reports", removed.batches(), removed.reports());
                    }
                });
    }

    private static Uni<List<UUID>> lockedIds(SqlClient connection, String sql, Tuple arguments) {
        return connection.preparedQuery(sql).execute(arguments).map(rows -> {
            List<UUID> ids = new ArrayList<>();
            for (Row row : rows) {
                ids.add(row.getUUID("id"));
            }
            return ids;
        });
    }

    /** Reports first: their batch link is ON DELETE SET NULL (seed 000), so the batch's cascade would orphan them. */
    private static Uni<Removed> deleteRows(SqlClient connection, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(new Removed(ids, 0));
        }
        Tuple batchIds = Tuple.of(ids.toArray(UUID[]::new));
        return connection.preparedQuery("DELETE FROM reports WHERE batch_id = ANY($1)").execute(batchIds)
                .chain(reports -> connection.preparedQuery("DELETE FROM batch_reports WHERE id = ANY($1)").execute(batchIds)
                        .map(batches -> new Removed(ids, reports.rowCount())));
    }

    private record Removed(List<UUID> ids, int reports) {
        int batches() {
            return ids.size();
        }
    }
}
