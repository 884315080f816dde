package dev.debrief.batch;

import dev.debrief.common.ApiProblem;
import dev.debrief.common.ErrorCode;
import dev.debrief.common.FreshContexts;
import dev.debrief.drive.DriveAccess;
import dev.debrief.drive.DriveArchiver;
import dev.debrief.drive.DriveFileRecord;
import dev.debrief.drive.DriveFolderRecord;
import dev.debrief.drive.DrivePlan;
import dev.debrief.drive.DriveProgress;
import dev.debrief.drive.FolderPattern;
import dev.debrief.extraction.FileType;
import dev.debrief.upload.StagingStore;
import dev.debrief.upload.UploadIntake;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The batch side of Drive archiving: plans a batch's folder and rows when it is created, starts the archive
 * beside extraction, re-queues failed uploads, resumes archives whose process stopped, and discards the staged
 * bytes once nothing needs them.
 */
@ApplicationScoped
class BatchDrive {

    private static final Logger LOG = Logger.getLogger(BatchDrive.class);
    /** Archives resumed per round, oldest first. */
    private static final int RESUMES_PER_ROUND = 10;
    /**
     * Archives under way looked at per round: more than are resumed, so that the oldest ones, still in their wait,
     * do not hide younger ones that are due.
     */
    private static final int RESUME_CANDIDATES = 100;

    private final DriveAccess access;
    private final DriveArchiver archiver;
    private final BatchService batches;
    private final BatchExports exports;
    private final UploadIntake intake;
    private final StagingStore staging;
    private final FreshContexts contexts;
    private final Clock clock;

    BatchDrive(DriveAccess access, DriveArchiver archiver, BatchService batches, BatchExports exports, UploadIntake intake,
               StagingStore staging, FreshContexts contexts, Clock clock) {
        this.access = access;
        this.archiver = archiver;
        this.batches = batches;
        this.exports = exports;
        this.intake = intake;
        this.staging = staging;
        this.contexts = contexts;
        this.clock = clock;
    }

    boolean configured() {
        return access.configured();
    }

    String folderPattern() {
        return access.folderPattern().pattern();
    }

    /**
     * The Drive side of a new batch, planned in the batch's transaction: the folder row (its path is known before
     * the folder exists) and one pending row per accepted file (refused files are not archived). Nothing without
     * drive_upload.
     */
    Uni<Void> plan(Batch batch, List<BatchFile> files, boolean summaryWanted) {
        if (!batch.driveIntegrationEnabled) {
            return Uni.createFrom().voidItem();
        }
        DriveFolderRecord folder = DriveFolderRecord.planned(batch.id, String.join("/", segments(batch)), batch.createdAt);
        folder.summaryStatus = summaryWanted ? DriveFileRecord.PENDING : null;
        return archiver.plan(folder, files.stream().filter(f -> f.fileType != null)
                .map(f -> DriveFileRecord.pending(f.batchId, f.id, f.fileName, f.createdAt))
                .toList());
    }

    /**
     * Archives a new batch side by side with its extraction; summary.json and the class report follow once the
     * summary is stored. Answers the Drive status once both sides are over.
     */
    Uni<String> archiveNew(Batch batch, List<BatchFile> files, Uni<Batch> processing, boolean summaryWanted, String requestId) {
        Uni<Optional<DrivePlan.Summary>> summary = summaryWanted
                ? processing.chain(settled -> summaryDocuments(batch, requestId))
                : null;
        DrivePlan plan = new DrivePlan(batch.id, segments(batch), uploads(files), summary, false, progressOf(batch));
        return archiveThenTidy(plan, processing, requestId);
    }

    /**
     * Re-queues the failed uploads of a settled archive (and summary.json if it failed), then uploads them in
     * the background. Answers how many files were re-queued. An archive waiting to resume after a round ran out
     * of attempts is refused like one still moving, but told apart: with when a retry will be accepted.
     */
    Uni<DriveRetryView> retry(Batch batch, String requestId) {
        return retry(batch, archiver.staleBefore(), requestId).onItem().ifNull().switchTo(() -> notClaimed(batch, requestId));
    }

    /**
     * The retry, claimed only if the archive has settled or its bookkeeping has not moved since {@code idleSince};
     * null when it could not be claimed (another caller's, or not idle that long).
     */
    private Uni<DriveRetryView> retry(Batch batch, OffsetDateTime idleSince, String requestId) {
        if (!batch.driveIntegrationEnabled) {
            throw new ApiProblem(ErrorCode.DRIVE_NOT_REQUESTED, "Batch " + batch.id + " was not archived to Google Drive");
        }
        if (DriveFileRecord.COMPLETED.equals(batch.driveUploadStatus)) {
            return Uni.createFrom().item(new DriveRetryView(batch.id, 0, false, batch.driveUploadStatus));
        }
        if (!access.configured()) {
            throw new ApiProblem(ErrorCode.DRIVE_NOT_CONFIGURED, "This service has no Google Drive credentials configured");
        }
        if (batch.processing()) {
            throw inProgress(batch.id);
        }
        return contexts.run(requestId, () -> batches.claimDriveRetry(batch.id, idleSince)).chain(claimed -> !claimed
                ? Uni.createFrom().<DriveRetryView>nullItem()
                : contexts.run(requestId, () -> archiver.reopen(batch.id)).chain(claim -> contexts.run(requestId,
                        () -> batches.filesById(batch.id, claim.files())).map(files -> {
                    Uni<Optional<DrivePlan.Summary>> summary = claim.summary() ? summaryDocuments(batch, requestId) : null;
                    DrivePlan plan = new DrivePlan(batch.id, segments(batch), uploads(files), summary, true, progressOf(batch));
                    archiveThenTidy(plan, Uni.createFrom().item(batch), requestId).subscribe().with(
                            status -> { }, failure -> LOG.errorf(failure, "Drive retry of batch %s did not finish", batch.id));
                    return new DriveRetryView(batch.id, files.size(), claim.summary(), DriveFileRecord.PENDING);
                })));
    }

    /**
     * A batch whose Drive status is pending after its extraction settled is waiting to resume (its round ran out
     * of attempts): it will not settle in a moment, so the client learns from when a retry goes.
     */
    private Uni<DriveRetryView> notClaimed(Batch batch, String requestId) {
        if (!DriveFileRecord.PENDING.equals(batch.driveUploadStatus)) {
            return Uni.createFrom().failure(inProgress(batch.id));
        }
        return contexts.run(requestId, () -> archiver.retryClaimableFrom(batch.id)).map(from -> {
            long seconds = Math.max(2, Duration.between(OffsetDateTime.now(clock), from).toSeconds() + 1);
            throw new ApiProblem(ErrorCode.DRIVE_UPLOAD_IN_PROGRESS, "Batch " + batch.id + "'s archive is waiting to resume "
                    + "after Drive kept failing (see drive_integration.error); it resumes on its own, and a retry is accepted from "
                    + from.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS), Map.of(ApiProblem.RETRY_AFTER_SECONDS, seconds));
        });
    }

    /**
     * Resumes the archives that stopped moving while the batch itself is settled, as a retry would: what is not in
     * Drive yet is uploaded, nothing twice. Stopped means idle for the archive's resume wait: debrief.drive.stale-after
     * at first (its process stopped, or its round ran out of attempts), longer for an archive that has been at it
     * for longer (DriveArchiver.resumableNow). The retry's claim decides: an archive still moving, or claimed by
     * another replica first, is left alone.
     */
    @Scheduled(every = "${debrief.drive.resume-every}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> resumeStaleOnSchedule() {
        return resumeStale().replaceWithVoid();
    }

    /** Answers the batches whose archive was resumed. */
    Uni<List<UUID>> resumeStale() {
        if (!access.configured()) {
            return Uni.createFrom().item(List.of());
        }
        String requestId = UUID.randomUUID().toString();
        return contexts.run(requestId, () -> batches.withArchiveUnderWay(RESUME_CANDIDATES))
                .chain(candidates -> contexts.run(requestId, () -> archiver.resumableNow(candidates.stream().map(b -> b.id).toList()))
                        .map(due -> candidates.stream().filter(b -> due.containsKey(b.id)).limit(RESUMES_PER_ROUND)
                                .map(b -> Map.entry(b, due.get(b.id))).toList()))
                .chain(due -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(entry -> Uni.createFrom()
                                .deferred(() -> retry(entry.getKey(), entry.getValue(), requestId))
                                .map(view -> {
                                    if (view == null) {
                                        return Optional.<UUID>empty();
                                    }
                                    LOG.infof("Batch %s: its Drive archive had stopped moving; resumed (files to upload: %d)",
                                            entry.getKey().id, view.requeuedFiles());
                                    return Optional.of(entry.getKey().id);
                                })
                                .onFailure(ApiProblem.class).recoverWithItem(Optional.empty()))
                        .collect().asList())
                .map(resumed -> resumed.stream().flatMap(Optional::stream).toList());
    }

    /**
     * Staged bytes go once both extraction and the archive are over and every upload landed; while a file
     * failed they stay, so a retry can still upload it (the expiry purge removes them in any case).
     */
    private Uni<String> archiveThenTidy(DrivePlan plan, Uni<Batch> processing, String requestId) {
        return contexts.run(requestId, () -> batches.recordDriveStatus(plan.batchId(), DriveFileRecord.UPLOADING))
                .chain(() -> archiver.archive(plan, requestId))
                .call(status -> contexts.run(requestId, () -> batches.recordDriveStatus(plan.batchId(), status)))
                .call(status -> processing.onFailure().recoverWithNull().replaceWithVoid())
                .call(status -> DriveFileRecord.COMPLETED.equals(status) ? intake.discardInBackground(List.of(plan.batchId()))
                        : Uni.createFrom().voidItem());
    }

    /** summary.json and, when it can be drawn, the class report beside it; empty when the batch has no summary. */
    private Uni<Optional<DrivePlan.Summary>> summaryDocuments(Batch batch, String requestId) {
        return contexts.run(requestId, () -> batches.summaryJson(batch.id)).chain(json -> json.isEmpty()
                ? Uni.createFrom().item(Optional.<DrivePlan.Summary>empty())
                : exports.forArchive(batch, requestId).map(pdf -> Optional.of(new DrivePlan.Summary(json.get(), pdf))));
    }

    /** Each settled upload becomes an event in the batch's log, for those watching it. */
    private DriveProgress progressOf(Batch batch) {
        return upload -> batches.recordDriveUpload(batch.id, upload);
    }

    private List<String> segments(Batch batch) {
        FolderPattern pattern = batch.driveFolderPattern == null ? access.folderPattern() : new FolderPattern(batch.driveFolderPattern);
        return pattern.segments(batch.createdAt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate(), batch.id, batch.schoolId,
                batch.driveFolderName);
    }

    private List<DrivePlan.Upload> uploads(List<BatchFile> files) {
        return files.stream().filter(f -> f.fileType != null).map(f -> new DrivePlan.Upload(f.id, f.fileName,
                FileType.fromWireName(f.fileType).map(FileType::mediaType).orElse("application/octet-stream"),
                staging.open(f.storageKey))).toList();
    }

    private static ApiProblem inProgress(UUID batchId) {
        return new ApiProblem(ErrorCode.DRIVE_UPLOAD_IN_PROGRESS, "Batch " + batchId + " is still being archived; retry once it has settled",
                Map.of(ApiProblem.RETRY_AFTER_SECONDS, 2));
    }
}
