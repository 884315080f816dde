package dev.debrief.drive;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The Drive bookkeeping. Every method is one short transaction, called on a fresh Vert.x context between
 * Drive calls, never around one.
 */
@ApplicationScoped
class DriveStore {

    private final Clock clock;

    DriveStore(Clock clock) {
        this.clock = clock;
    }

    /**
     * The one batch-level Drive status that a file never has; the others (pending, uploading, completed, failed)
     * are the file statuses of {@link DriveFileRecord}, and batch_reports.drive_upload_status has the same CHECK.
     */
    static final String PARTIAL = "partial";

    /**
     * The rows of an archive planned with its batch, written in the batch's own transaction (the caller's):
     * deferred, so that nothing touches a session before that transaction subscribes.
     */
    Uni<Void> persistPlanned(DriveFolderRecord folder, List<DriveFileRecord> files) {
        return Uni.createFrom().deferred(() -> folder.persist().chain(() -> DriveFileRecord.persist(files)));
    }

    @WithTransaction
    Uni<Void> recordFolder(UUID batchId, DriveFolder folder) {
        return DriveFolderRecord.update("folderId = ?1, folderUrl = ?2, uploadError = null, updatedAt = ?3 where batchId = ?4",
                folder.id(), folder.webViewLink(), now(), batchId).replaceWithVoid();
    }

    @WithTransaction
    Uni<Void> recordBatchError(UUID batchId, String error) {
        return DriveFolderRecord.update("uploadError = ?1, updatedAt = ?2 where batchId = ?3", error, now(), batchId)
                .replaceWithVoid();
    }

    /** Counts the attempt before it is made, so a crash mid-call still shows it. */
    @WithTransaction
    Uni<Void> markUploading(UUID batchFileId) {
        return DriveFileRecord.update("uploadStatus = ?1, attempts = attempts + 1, updatedAt = ?2 where batchFileId = ?3",
                DriveFileRecord.UPLOADING, now(), batchFileId).replaceWithVoid();
    }

    @WithTransaction
    Uni<Void> recordUploaded(UUID batchFileId, DriveFile file, String note) {
        return DriveFileRecord.update("uploadStatus = ?1, driveFileId = ?2, driveFileUrl = ?3, previewUrl = ?4, uploadError = ?5, "
                        + "updatedAt = ?6 where batchFileId = ?7",
                DriveFileRecord.COMPLETED, file.id(), file.webViewLink(), file.previewUrl(), note, now(), batchFileId)
                .replaceWithVoid();
    }

    @WithTransaction
    Uni<Void> recordFailed(UUID batchFileId, String error) {
        return DriveFileRecord.update("uploadStatus = ?1, uploadError = ?2, updatedAt = ?3 where batchFileId = ?4",
                DriveFileRecord.FAILED, error, now(), batchFileId).replaceWithVoid();
    }

    /** A batch-stopping failure: every file still waiting fails at once with its reason. */
    @WithTransaction
    Uni<Void> failWaiting(UUID batchId, String error) {
        return DriveFileRecord.update("uploadStatus = ?1, uploadError = ?2, updatedAt = ?3 where batchId = ?4 and uploadStatus = ?5",
                        DriveFileRecord.FAILED, error, now(), batchId, DriveFileRecord.PENDING)
                .chain(() -> DriveFolderRecord.update("summaryStatus = ?1, uploadError = ?2, updatedAt = ?3 "
                                + "where batchId = ?4 and summaryStatus = ?5",
                        DriveFileRecord.FAILED, error, now(), batchId, DriveFileRecord.PENDING))
                .replaceWithVoid();
    }

    @WithTransaction
    Uni<Void> recordSummary(UUID batchId, String status, DriveFile file, String error) {
        return DriveFolderRecord.update("summaryStatus = ?1, summaryFileId = ?2, summaryFileUrl = ?3, "
                        + "uploadError = coalesce(?4, uploadError), updatedAt = ?5 where batchId = ?6",
                status, file == null ? null : file.id(), file == null ? null : file.webViewLink(), error, now(), batchId)
                .replaceWithVoid();
    }

    /**
     * The archive's outcome from the file rows: completed when every file (and the summary, when one was asked
     * for) is in Drive, failed when nothing is, partial otherwise. The batch feature keeps it on the batch.
     */
    @WithSession
    Uni<String> outcome(UUID batchId) {
        return DriveFileRecord.<DriveFileRecord>list("batchId", batchId).chain(files -> DriveFolderRecord
                .<DriveFolderRecord>find("batchId", batchId).firstResult().chain(folder -> {
                    long completed = files.stream().filter(f -> DriveFileRecord.COMPLETED.equals(f.uploadStatus)).count();
                    boolean summaryFailed = folder != null && DriveFileRecord.FAILED.equals(folder.summaryStatus);
                    boolean summaryDone = folder != null && DriveFileRecord.COMPLETED.equals(folder.summaryStatus);
                    String status;
                    if (completed == files.size() && !summaryFailed) {
                        status = DriveFileRecord.COMPLETED;
                    } else if (completed == 0 && !summaryDone) {
                        status = DriveFileRecord.FAILED;
                    } else {
                        status = PARTIAL;
                    }
                    return Uni.createFrom().item(status);
                }));
    }

    /**
     * Reopens a claimed archive (the batch feature decides the claim: one caller wins): everything not yet in
     * Drive goes back to pending. Answers those file ids and whether summary.json goes again.
     */
    @WithTransaction
    Uni<DriveArchiver.RetryClaim> reopen(UUID batchId) {
        Uni<List<DriveFileRecord>> unfinished = DriveFileRecord.list("batchId = ?1 and uploadStatus <> ?2", batchId, DriveFileRecord.COMPLETED);
        Uni<DriveFolderRecord> folder = DriveFolderRecord.find("batchId", batchId).firstResult();
        return unfinished.chain(files -> folder.chain(found -> {
            boolean summaryAgain = found != null && found.summaryStatus != null && !DriveFileRecord.COMPLETED.equals(found.summaryStatus);
            return DriveFileRecord.update("uploadStatus = ?1, uploadError = null, updatedAt = ?2 where batchId = ?3 and uploadStatus <> ?4",
                            DriveFileRecord.PENDING, now(), batchId, DriveFileRecord.COMPLETED)
                    .chain(() -> DriveFolderRecord.update("uploadError = null, summaryStatus = ?1, updatedAt = ?2 where batchId = ?3",
                            summaryAgain ? DriveFileRecord.PENDING : found == null ? null : found.summaryStatus, now(), batchId))
                    .replaceWith(new DriveArchiver.RetryClaim(files.stream().map(f -> f.batchFileId).toList(), summaryAgain));
        }));
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
