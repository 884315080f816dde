package dev.debrief.batch;

import dev.debrief.common.ApiProblem;
import dev.debrief.common.ErrorCode;
import dev.debrief.common.FreshContexts;
import dev.debrief.drive.DriveAccess;
import dev.debrief.drive.DriveArchiver;
import dev.debrief.drive.DriveFileRecord;
import dev.debrief.drive.DriveFolderRecord;
import dev.debrief.drive.DrivePlan;
import dev.debrief.drive.FolderPattern;
import dev.debrief.upload.FileType;
import dev.debrief.upload.StagingStore;
import dev.debrief.upload.UploadIntake;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
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
    /** Stale archives looked at per round, oldest first. */
    private static final int RESUMES_PER_ROUND = 10;

    private final DriveAccess access;
    private final DriveArchiver archiver;
    private final BatchService batches;
    private final UploadIntake intake;
    private final StagingStore staging;
    private final FreshContexts contexts;

    BatchDrive(DriveAccess access, DriveArchiver archiver, BatchService batches, UploadIntake intake, StagingStore staging,
               FreshContexts contexts) {
        this.access = access;
        this.archiver = archiver;
        this.batches = batches;
        this.intake = intake;
        this.staging = staging;
        this.contexts = contexts;
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
     * Archives a new batch side by side with its extraction; summary.json follows once the summary is stored.
     * Answers the Drive status once both sides are over.
     */
    Uni<String> archiveNew(Batch batch, List<BatchFile> files, Uni<Batch> processing, boolean summaryWanted, String requestId) {
        Uni<Optional<byte[]>> summary = summaryWanted
                ? processing.chain(settled -> contexts.run(requestId, () -> batches.summaryJson(batch.id)))
                : null;
        DrivePlan plan = new DrivePlan(batch.id, segments(batch), uploads(files), summary, false);
        return archiveThenTidy(plan, processing, requestId);
    }

    /**
     * Re-queues the failed uploads of a settled archive (and summary.json if it failed), then uploads them in
     * the background. Answers how many files were re-queued.
     */
    Uni<DriveRetryView> retry(Batch batch, String requestId) {
        if (!batch.driveIntegrationEnabled) {
            throw new ApiProblem(ErrorCode.DRIVE_NOT_REQUESTED, "Batch " + batch.id + " was not archived to Google Drive");
        }
        if (DriveFileRecord.COMPLETED.equals(batch.driveUploadStatus)) {
            return Uni.createFrom().item(new DriveRetryView(batch.id, 0, false, batch.driveUploadStatus));
        }
        if (!access.configured()) {
            throw new ApiProblem(ErrorCode.DRIVE_NOT_CONFIGURED, "This service has no Google Drive credentials configured");
        }
        if (Batch.PROCESSING.equals(batch.status)) {
            throw inProgress(batch.id);
        }
        return contexts.run(requestId, () -> batches.claimDriveRetry(batch.id, archiver.staleBefore())).chain(claimed -> {
            if (!claimed) {
                throw inProgress(batch.id);
            }
            return contexts.run(requestId, () -> archiver.reopen(batch.id));
        }).chain(claim -> contexts.run(requestId, () -> batches.filesById(batch.id, claim.files())).map(files -> {
                Uni<Optional<byte[]>> summary = claim.summary()
                        ? contexts.run(requestId, () -> batches.summaryJson(batch.id))
                        : null;
                DrivePlan plan = new DrivePlan(batch.id, segments(batch), uploads(files), summary, true);
                archiveThenTidy(plan, Uni.createFrom().item(batch), requestId).subscribe().with(
                        status -> { }, failure -> LOG.errorf(failure, "Drive retry of batch %s did not finish", batch.id));
                return new DriveRetryView(batch.id, files.size(), claim.summary(), DriveFileRecord.PENDING);
            }));
    }

    /**
     * Resumes the archives whose process stopped (no progress for debrief.drive.stale-after while the batch itself
     * is settled), as a retry would: what is not in Drive yet is uploaded, nothing twice. The retry's claim
     * decides: an archive still moving, or claimed by another replica first, is left alone.
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
        return contexts.run(requestId, () -> batches.withArchiveUnderWay(RESUMES_PER_ROUND))
                .chain(candidates -> Multi.createFrom().iterable(candidates)
                        .onItem().transformToUniAndConcatenate(batch -> Uni.createFrom().deferred(() -> retry(batch, requestId))
                                .invoke(view -> LOG.infof("Batch %s: its Drive archive had stopped moving; resumed (files to upload: %d)",
                                        batch.id, view.requeuedFiles()))
                                .map(view -> Optional.of(batch.id))
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
                Map.of("retry_after_seconds", 2));
    }
}
