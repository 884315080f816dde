package dev.debrief.batch;

import dev.debrief.common.FreshContexts;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Reads on the batches whose process stopped before settling them (their lease ran out): without this, a
 * restart in the middle of a batch would leave it "processing" for good. Every file without an outcome is
 * read (again, for those the stopped process had in hand), and the batch settles as usual. A batch that stopped
 * every process reading it, {@code max-processing-attempts} times, is settled with its remaining files failed
 * instead: one of its files may be what stops them.
 */
@ApplicationScoped
class BatchTakeover {

    private static final Logger LOG = Logger.getLogger(BatchTakeover.class);
    /** Batches claimed per round: each is then read on the shared extractor pool, which bounds the work. */
    private static final int CLAIMS_PER_ROUND = 5;

    private final BatchLeases leases;
    private final BatchService batches;
    private final BatchPipeline pipeline;
    private final FreshContexts contexts;
    private final BatchConfig config;
    private final ExtractionBacklog backlog;

    BatchTakeover(BatchLeases leases, BatchService batches, BatchPipeline pipeline, FreshContexts contexts, BatchConfig config,
                  ExtractionBacklog backlog) {
        this.leases = leases;
        this.batches = batches;
        this.pipeline = pipeline;
        this.contexts = contexts;
        this.config = config;
        this.backlog = backlog;
    }

    @Scheduled(every = "${debrief.batch.takeover-every}", delayed = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> takeOverOnSchedule() {
        return takeOver().replaceWithVoid();
    }

    /** Claims the batches whose lease ran out and starts reading them on; answers the batches claimed. */
    Uni<List<UUID>> takeOver() {
        return leases.claimExpired(CLAIMS_PER_ROUND)
                .invoke(claims -> claims.forEach(this::readOn))
                .map(claims -> claims.stream().map(BatchLeases.Claim::batchId).toList());
    }

    private void readOn(BatchLeases.Claim claim) {
        UUID batchId = claim.batchId();
        String requestId = UUID.randomUUID().toString();
        // Processes that gave the batch back at a graceful shutdown do not count: only crashes do.
        boolean givingUp = claim.crashes() >= config.maxProcessingAttempts();
        LOG.warnf("Batch %s: its process stopped or handed it back before settling it; taken over (process %d, %d crashes of "
                + "at most %d)%s", batchId, claim.attempts(), claim.crashes(), config.maxProcessingAttempts(),
                givingUp ? ", its remaining files fail" : "");
        contexts.run(requestId, () -> batches.prepareTakeover(batchId, givingUp, config.maxFileReads()))
                // no batch: deleted (or purged) since the claim; nothing left to read
                .onItem().ifNotNull().transformToUni(batch -> contexts.run(requestId, () -> batches.files(batchId))
                        .chain(files -> pipeline.run(batchId, claim.attempts(), files, BatchOptions.fromJson(batch.options),
                                backlog.admit((int) files.stream().filter(f -> !f.settled()).count()), requestId)))
                .subscribe().with(
                        settled -> { },
                        failure -> LOG.errorf(failure, "Batch %s could not be read on; it is taken over again once its lease runs out",
                                batchId));
    }
}
