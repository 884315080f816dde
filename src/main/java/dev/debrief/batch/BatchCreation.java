package dev.debrief.batch;

import dev.debrief.access.Caller;
import dev.debrief.access.SchoolRateLimits;
import dev.debrief.common.ApiProblem;
import dev.debrief.common.ErrorCode;
import dev.debrief.common.FreshContexts;
import dev.debrief.upload.UploadIntake;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

/**
 * Creates a batch from an upload: the school's rate and the service's backlog are asked first, the files are
 * staged, the batch and its files are written in one transaction, and reading and archiving start. A repeated
 * Idempotency-Key answers the school's first batch instead, also when two requests with the same key race.
 */
@ApplicationScoped
class BatchCreation {

    private static final Logger LOG = Logger.getLogger(BatchCreation.class);
    private static final int MAX_FILES_WAITING_FOR_DRIVE = 10;

    /** What became of the request: a new batch (read, or accepted for reading) or the first one of its key. */
    enum Kind { CREATED, ACCEPTED, REPLAYED }

    record Outcome(Kind kind, BatchView view) {
    }

    private final UploadIntake intake;
    private final BatchService batches;
    private final BatchPipeline pipeline;
    private final BatchDrive drive;
    private final FreshContexts contexts;
    private final SchoolRateLimits rateLimits;
    private final ExtractionBacklog backlog;
    private final BatchConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    BatchCreation(UploadIntake intake, BatchService batches, BatchPipeline pipeline, BatchDrive drive, FreshContexts contexts,
                  SchoolRateLimits rateLimits, ExtractionBacklog backlog, BatchConfig config, ObjectMapper json, Clock clock) {
        this.intake = intake;
        this.batches = batches;
        this.pipeline = pipeline;
        this.drive = drive;
        this.contexts = contexts;
        this.rateLimits = rateLimits;
        this.backlog = backlog;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    Uni<Outcome> create(Caller caller, BatchRequest request, String requestId) {
        intake.checkLimits(request.files());
        if (request.waitForDrive() && request.files().size() > MAX_FILES_WAITING_FOR_DRIVE) {
            throw new ApiProblem(ErrorCode.TOO_MANY_FILES_FOR_SYNC_DRIVE,
                    "wait_for_drive=true is allowed for at most " + MAX_FILES_WAITING_FOR_DRIVE + " files; "
                            + request.files().size() + " were sent. Poll GET /v1/batches/{id} instead.",
                    Map.of("max_files", MAX_FILES_WAITING_FOR_DRIVE, "provided_count", request.files().size()));
        }
        if (request.driveUpload() && !drive.configured()) {
            throw new ApiProblem(ErrorCode.DRIVE_NOT_CONFIGURED, "This service has no Google Drive credentials configured");
        }
        if (request.idempotencyKey() == null) {
            return createNew(caller, request, null, requestId);
        }
        return Uni.createFrom().item(() -> RequestFingerprint.of(request, json))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(fingerprint -> contexts.run(requestId, () -> batches.findByIdempotencyKey(caller.school(), request.idempotencyKey()))
                        .chain(earlier -> earlier.isPresent()
                                ? replay(caller, earlier.get(), fingerprint, requestId)
                                : createNew(caller, request, fingerprint, requestId)));
    }

    private Uni<Outcome> createNew(Caller caller, BatchRequest request, String fingerprint, String requestId) {
        rateLimits.admitBatch(caller.school());
        ExtractionBacklog.Reservation reservation = backlog.reserve(request.files().size());
        UUID batchId = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock);
        Batch batch = Batch.create(batchId, caller, request, request.options().toJson(json), drive.folderPattern(), fingerprint, now, config);
        return Uni.createFrom().item(() -> intake.stage(batchId, request.files()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(staged -> staged.stream().map(file -> BatchFile.of(batchId, file, now)).toList())
                .call(files -> contexts.run(requestId, () -> batches.register(batch, files,
                                drive.plan(batch, files, request.options().generateSummary())))
                        .onFailure(BatchCreation::isUniqueViolation).recoverWithUni(conflict -> sameKeyRace(caller, batch, requestId)))
                .onFailure().invoke(reservation::releaseRest)
                .chain(files -> start(batch, files, request, reservation, requestId))
                .onFailure(SameKeyRace.class).recoverWithUni(race -> replay(caller, ((SameKeyRace) race).winner, fingerprint, requestId));
    }

    /** Reading (and archiving) go on by themselves: a client that hangs up never stops the files in hand. */
    private Uni<Outcome> start(Batch batch, List<BatchFile> files, BatchRequest request, ExtractionBacklog.Reservation reservation,
                               String requestId) {
        UUID batchId = batch.id;
        Uni<Batch> processing = pipeline.run(batchId, batch.processingAttempts, files, request.options(), reservation, requestId)
                .memoize().indefinitely();
        processing.subscribe().with(done -> { }, failure -> LOG.errorf(failure, "Batch %s did not finish", batchId));
        // Drive starts now, beside extraction: the files are staged and that is all it needs.
        Uni<String> archiving = request.driveUpload()
                ? drive.archiveNew(batch, files, processing, request.options().generateSummary(), requestId).memoize().indefinitely()
                : Uni.createFrom().item(batch.driveUploadStatus);
        if (request.driveUpload()) {
            archiving.subscribe().with(done -> { }, failure -> LOG.errorf(failure, "Drive archive of batch %s did not finish", batchId));
        }
        if (request.respondAsync()) {
            return contexts.run(requestId, () -> batches.view(batch.schoolId, batchId, false)).map(view -> new Outcome(Kind.ACCEPTED, view));
        }
        Uni<?> done = request.waitForDrive() && request.driveUpload()
                ? Uni.combine().all().unis(processing, archiving).discardItems()
                : processing;
        return done.chain(() -> contexts.run(requestId, () -> batches.view(batch.schoolId, batchId, request.options().includeIndividualReports())))
                .map(view -> new Outcome(Kind.CREATED, view));
    }

    /** The first batch of the key, unless the key now comes with another request: that is the client's mistake. */
    private Uni<Outcome> replay(Caller caller, Batch earlier, String fingerprint, String requestId) {
        if (earlier.requestFingerprint != null && !earlier.requestFingerprint.equals(fingerprint)) {
            throw new ApiProblem(ErrorCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used for a different request "
                    + "(other files or options); use a new key for a new batch", Map.of("batch_id", earlier.id.toString()));
        }
        return contexts.run(requestId, () -> batches.view(caller.school(), earlier.id, false)).map(view -> new Outcome(Kind.REPLAYED, view));
    }

    /** Another request with the same key committed first: this one's staged bytes go, and its answer is the winner's. */
    private Uni<Void> sameKeyRace(Caller caller, Batch loser, String requestId) {
        return intake.discardInBackground(List.of(loser.id))
                .chain(() -> contexts.run(requestId, () -> batches.findByIdempotencyKey(caller.school(), loser.idempotencyKey)))
                .map(winner -> {
                    throw new SameKeyRace(winner.orElseThrow(() -> new IllegalStateException(
                            "Idempotency key conflict without a stored batch for " + loser.idempotencyKey)));
                });
    }

    /** The unique index on (school, idempotency key) refused the row: PostgreSQL's 23505, however it is wrapped. */
    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
            if (cause instanceof org.hibernate.exception.ConstraintViolationException violation
                    && violation.getKind() == org.hibernate.exception.ConstraintViolationException.ConstraintKind.UNIQUE) {
                return true;
            }
        }
        return false;
    }

    private static final class SameKeyRace extends RuntimeException {
        private final Batch winner;

        SameKeyRace(Batch winner) {
            super(null, null, false, false);
            this.winner = winner;
        }
    }
}
