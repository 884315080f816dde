package dev.debrief.drive;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        // Never over a file the batch's stop has failed meanwhile (failWaiting): it would come back as uploading, and
        // its own attempt, stopped in turn, would fail it (and tell of it) a second time.
        return DriveFileRecord.update("uploadStatus = ?1, attempts = attempts + 1, updatedAt = ?2 where batchFileId = ?3 "
                        + "and uploadStatus <> ?4",
                DriveFileRecord.UPLOADING, now(), batchFileId, DriveFileRecord.FAILED).replaceWithVoid();
    }

    @WithTransaction
    Uni<Void> recordUploaded(UUID batchFileId, DriveFile file, String note) {
        return DriveFileRecord.update("uploadStatus = ?1, driveFileId = ?2, driveFileUrl = ?3, previewUrl = ?4, uploadError = ?5, "
                        + "updatedAt = ?6 where batchFileId = ?7",
                DriveFileRecord.COMPLETED, file.id(), file.webViewLink(), file.previewUrl(), note, now(), batchFileId)
                .replaceWithVoid();
    }

    /**
     * Answers whether the file failed just now: a file the batch's stop failed while it waited is failed already,
     * with the same reason, when its own turn comes.
     */
    @WithTransaction
    Uni<Boolean> recordFailed(UUID batchFileId, String error) {
        return DriveFileRecord.update("uploadStatus = ?1, uploadError = ?2, updatedAt = ?3 where batchFileId = ?4 and uploadStatus <> ?1",
                DriveFileRecord.FAILED, error, now(), batchFileId).map(changed -> changed > 0);
    }

    /** A file whose upload ran out of attempts on transient failures: back to pending, to go with the next round. */
    @WithTransaction
    Uni<Void> recordWaiting(UUID batchFileId, String note) {
        return DriveFileRecord.update("uploadStatus = ?1, uploadError = ?2, updatedAt = ?3 where batchFileId = ?4",
                DriveFileRecord.PENDING, note, now(), batchFileId).replaceWithVoid();
    }

    /** The round ended before reaching the files still waiting (no folder yet): they say why, and stay pending. */
    @WithTransaction
    Uni<Void> noteWaiting(UUID batchId, String note) {
        return DriveFileRecord.update("uploadError = ?1, updatedAt = ?2 where batchId = ?3 and uploadStatus = ?4",
                note, now(), batchId, DriveFileRecord.PENDING).replaceWithVoid();
    }

    /**
     * The round left work waiting: the folder row says why, and from when the resume job takes the archive up
     * again (this write being the archive's last move, the wait runs from now).
     */
    @WithTransaction
    Uni<Void> recordResumable(UUID batchId, String reason, ResumeBackoff backoff) {
        return DriveFolderRecord.<DriveFolderRecord>find("batchId", batchId).firstResult().chain(folder -> {
            OffsetDateTime now = now();
            OffsetDateTime resumeAt = backoff.resumeAt(folder == null ? now : folder.createdAt, now);
            String note = reason + "; the archive resumes on its own after "
                    + resumeAt.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
            return DriveFolderRecord.update("uploadError = ?1, updatedAt = ?2 where batchId = ?3", note, now, batchId);
        }).replaceWithVoid();
    }

    /** When each archive began (its folder row) and last moved (any of its rows), as the retry claim reads it. */
    @WithSession
    Uni<Map<UUID, Progress>> progress(List<UUID> batchIds) {
        if (batchIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return DriveFolderRecord.<DriveFolderRecord>list("batchId in ?1", batchIds).chain(folders -> Panache.getSession()
                .chain(session -> session.createSelectionQuery("select f.batchId, max(f.updatedAt) from DriveFileRecord f "
                                + "where f.batchId in ?1 group by f.batchId", Object[].class)
                        .setParameter(1, batchIds)
                        .getResultList())
                .map(rows -> {
                    Map<UUID, OffsetDateTime> filesMoved = new HashMap<>();
                    rows.forEach(row -> filesMoved.put((UUID) row[0], (OffsetDateTime) row[1]));
                    Map<UUID, Progress> progress = new HashMap<>();
                    for (DriveFolderRecord folder : folders) {
                        OffsetDateTime moved = latest(filesMoved.get(folder.batchId), folder.updatedAt);
                        progress.put(folder.batchId, new Progress(folder.createdAt, moved != null ? moved : folder.createdAt));
                    }
                    return progress;
                }));
    }

    record Progress(OffsetDateTime start, OffsetDateTime lastMoved) {
    }

    private static OffsetDateTime latest(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /**
     * A batch-stopping failure: every file still waiting fails at once with its reason, and so do the summary
     * documents if they wait. Answers the files it failed, so each can be told (the summary documents are told by
     * their own upload, which meets the stop when its turn comes); the rows are locked first, so an upload settling
     * meanwhile is either failed here or keeps its own outcome, never both.
     */
    @WithTransaction
    Uni<List<DriveProgress.DriveUpload>> failWaiting(UUID batchId, String error) {
        return DriveFileRecord.<DriveFileRecord>find("batchId = ?1 and uploadStatus = ?2", batchId, DriveFileRecord.PENDING)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .chain(files -> DriveFolderRecord.<DriveFolderRecord>find("batchId", batchId)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                        .map(folder -> {
                            OffsetDateTime now = now();
                            List<DriveProgress.DriveUpload> failed = new ArrayList<>();
                            for (DriveFileRecord file : files) {
                                file.uploadStatus = DriveFileRecord.FAILED;
                                file.uploadError = error;
                                file.updatedAt = now;
                                failed.add(new DriveProgress.DriveUpload(file.batchFileId, file.originalFilename,
                                        DriveFileRecord.FAILED, null, error));
                            }
                            if (folder != null && DriveFileRecord.PENDING.equals(folder.summaryStatus)) {
                                folder.summaryStatus = DriveFileRecord.FAILED;
                                folder.uploadError = error;
                                folder.updatedAt = now;
                            }
                            return failed;
                        }));
    }

    /**
     * The summary documents' state; {@code report} is the class report PDF that landed beside summary.json (null
     * when there was none to send).
     */
    @WithTransaction
    Uni<Void> recordSummary(UUID batchId, String status, DriveFile file, DriveFile report, String error) {
        return DriveFolderRecord.update("summaryStatus = ?1, summaryFileId = ?2, summaryFileUrl = ?3, "
                        + "classReportFileId = ?4, classReportFileUrl = ?5, "
                        + "uploadError = coalesce(?6, uploadError), updatedAt = ?7 where batchId = ?8",
                status, file == null ? null : file.id(), file == null ? null : file.webViewLink(),
                report == null ? null : report.id(), report == null ? null : report.webViewLink(), error, now(), batchId)
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
