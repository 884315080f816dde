package dev.debrief.drive;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The Drive bookkeeping. Every method is one short transaction, called on a fresh Vert.x context between
 * Drive calls, never around one.
 */
@ApplicationScoped
class DriveStore {

    /**
     * The one batch-level Drive status that a file never has; the others (pending, uploading, completed, failed)
     * are the file statuses of {@link DriveFileRecord}, and batch_reports.drive_upload_status has the same CHECK.
     */
    static final String PARTIAL = "partial";

    @WithTransaction
    Uni<Void> markBatch(UUID batchId, String status) {
        return setBatchStatus(batchId, status).replaceWithVoid();
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
     * Settles the batch's Drive status from the file rows: completed when every file (and the summary, when
     * one was asked for) is in Drive, failed when nothing is, partial otherwise.
     */
    @WithTransaction
    Uni<String> settle(UUID batchId) {
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
                    return setBatchStatus(batchId, status).replaceWith(status);
                }));
    }

    /**
     * Claims an archive for a retry: only one caller wins, and only when it has settled with failures, or when it
     * shows no progress since {@code staleBefore} (the process that ran it stopped, e.g. a restart mid-upload).
     * Everything not yet in Drive goes back to pending; answers those file ids (empty when the claim failed).
     */
    @WithTransaction
    Uni<DriveArchiver.RetryClaim> claimRetry(UUID batchId, OffsetDateTime staleBefore) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                UPDATE batch_reports SET drive_upload_status = 'pending'
                                WHERE id = ?1 AND drive_integration_enabled
                                  AND (drive_upload_status IN ('partial', 'failed')
                                       OR (drive_upload_status IN ('pending', 'uploading')
                                           AND NOT EXISTS (SELECT 1 FROM batch_file_drive_metadata f
                                                           WHERE f.batch_id = ?1 AND f.updated_at > ?2)
                                           AND NOT EXISTS (SELECT 1 FROM batch_drive_metadata d
                                                           WHERE d.batch_id = ?1 AND d.updated_at > ?2)))""")
                        .setParameter(1, batchId)
                        .setParameter(2, staleBefore)
                        .executeUpdate())
                .chain(claimed -> {
                    if (claimed == 0) {
                        return Uni.createFrom().item(new DriveArchiver.RetryClaim(false, List.of(), false));
                    }
                    Uni<List<DriveFileRecord>> unfinished = DriveFileRecord.list("batchId = ?1 and uploadStatus <> ?2",
                            batchId, DriveFileRecord.COMPLETED);
                    Uni<DriveFolderRecord> folder = DriveFolderRecord.find("batchId", batchId).firstResult();
                    return unfinished.chain(files -> folder.chain(found -> {
                        boolean summaryAgain = found != null && found.summaryStatus != null && !DriveFileRecord.COMPLETED.equals(found.summaryStatus);
                        return DriveFileRecord.update("uploadStatus = ?1, uploadError = null, updatedAt = ?2 where batchId = ?3 "
                                                + "and uploadStatus <> ?4", DriveFileRecord.PENDING, now(), batchId, DriveFileRecord.COMPLETED)
                                .chain(() -> DriveFolderRecord.update("uploadError = null, summaryStatus = ?1, updatedAt = ?2 "
                                                + "where batchId = ?3", summaryAgain ? DriveFileRecord.PENDING : found == null ? null : found.summaryStatus,
                                        now(), batchId))
                                .replaceWith(new DriveArchiver.RetryClaim(true, files.stream().map(f -> f.batchFileId).toList(), summaryAgain));
                    }));
                });
    }

    /** batch_reports belongs to the batch feature; this one column is the Drive side's to keep. */
    private static Uni<Integer> setBatchStatus(UUID batchId, String status) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("UPDATE batch_reports SET drive_upload_status = ?1 WHERE id = ?2")
                .setParameter(1, status)
                .setParameter(2, batchId)
                .executeUpdate());
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
