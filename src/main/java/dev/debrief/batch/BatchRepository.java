package dev.debrief.batch;

import dev.debrief.drive.DriveFileRecord;
import dev.debrief.extraction.FailureType;
import dev.debrief.report.Report;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Every query of a batch and of what belongs to it (files, reports, the batch's Drive status). A caller's reads
 * start from {@link #findOwned} or {@link #findByIdempotencyKey}, both filtered by the school in SQL, so another
 * school's batch is not found at all; the reads of files and reports then follow a batch already found. The
 * methods without a school are for the work that runs for every school (the pipeline, takeover, purge, Drive
 * resume) and are never reached from a request with an id the caller chose.
 */
@ApplicationScoped
class BatchRepository implements PanacheRepositoryBase<Batch, UUID> {

    Uni<Batch> findOwned(String school, UUID batchId) {
        return find("id = ?1 and schoolId = ?2", batchId, school).firstResult();
    }

    Uni<Batch> findByIdempotencyKey(String school, String key) {
        return find("schoolId = ?1 and idempotencyKey = ?2", school, key).firstResult();
    }

    /** The report, only when its batch belongs to the school. */
    Uni<Report> findOwnedReport(String school, UUID reportId) {
        return single(Report.class, "select r from Report r, Batch b where r.id = ?1 and b.id = r.batchId and b.schoolId = ?2",
                reportId, school);
    }

    Uni<Batch> lock(UUID batchId) {
        return findById(batchId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Settled batches whose archive is still under way, oldest first: the ones an archive resume looks at. */
    Uni<List<Batch>> withArchiveUnderWay(int limit, OffsetDateTime now) {
        return find("driveIntegrationEnabled = true and driveUploadStatus in ?1 and status <> ?2 and expiresAt > ?3 order by createdAt",
                List.of(DriveFileRecord.PENDING, DriveFileRecord.UPLOADING), Batch.PROCESSING, now)
                .page(0, limit).list();
    }

    Uni<Void> persistWithFiles(Batch batch, List<BatchFile> files) {
        return getSession().chain(session -> session.persistAll(batch).chain(() -> session.persistAll(files.toArray())));
    }

    Uni<Void> persistReport(Report report) {
        return getSession().chain(session -> session.persist(report));
    }

    Uni<List<BatchFile>> files(UUID batchId) {
        return list(BatchFile.class, "from BatchFile where batchId = ?1 order by processingOrder", batchId);
    }

    Uni<List<BatchFile>> files(UUID batchId, List<UUID> fileIds) {
        if (fileIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list(BatchFile.class, "from BatchFile where batchId = ?1 and id in ?2 order by processingOrder", batchId, fileIds);
    }

    /** One page of the batch's files in upload order, optionally only those with one outcome, and how many there are. */
    Uni<FilePage> filePage(UUID batchId, String status, int page, int limit) {
        String where = status == null ? "batchId = ?1" : "batchId = ?1 and processingStatus = ?2";
        Object[] parameters = status == null ? new Object[] {batchId} : new Object[] {batchId, status};
        long offset = (long) (page - 1) * limit;
        return single(Long.class, "select count(*) from BatchFile where " + where, parameters).chain(total -> offset >= total
                ? Uni.createFrom().item(new FilePage(List.of(), total))
                : page(BatchFile.class, "from BatchFile where " + where + " order by processingOrder", (int) offset, limit, parameters)
                        .map(files -> new FilePage(files, total)));
    }

    record FilePage(List<BatchFile> files, long total) {
    }

    Uni<BatchFile> lockFile(UUID fileId) {
        return getSession().chain(session -> session.find(BatchFile.class, fileId, LockModeType.PESSIMISTIC_WRITE));
    }

    Uni<BatchFile> fileOfReport(UUID reportId) {
        return single(BatchFile.class, "from BatchFile where reportId = ?1", reportId);
    }

    Uni<List<Report>> reports(List<UUID> reportIds) {
        if (reportIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list(Report.class, "from Report where id in ?1", reportIds);
    }

    Uni<List<Report>> reportsOfBatch(UUID batchId) {
        return list(Report.class, "from Report where batchId = ?1 order by createdAt", batchId);
    }

    /** The file is in this process's hands now: counted, so a file that keeps stopping processes is found out. */
    Uni<Integer> markFileReading(UUID fileId) {
        return mutate("update BatchFile set processingStatus = ?1, readAttempts = readAttempts + 1 where id = ?2 and processingStatus = ?3",
                BatchFile.PROCESSING, fileId, BatchFile.PENDING);
    }

    /** Files in hand when their process stopped, read that many times already: they fail alone. */
    Uni<Integer> quarantineFilesInHand(UUID batchId, int maxReads, String message) {
        return mutate("update BatchFile set processingStatus = ?1, errorCode = ?2, errorMessage = ?3 "
                        + "where batchId = ?4 and processingStatus = ?5 and readAttempts >= ?6",
                BatchFile.FAILED, FailureType.QUARANTINED.name(), message, batchId, BatchFile.PROCESSING, maxReads);
    }

    /** A file's failure, written only while it has no outcome yet. */
    Uni<Integer> failFile(UUID fileId, FailureType type, String message, Integer processingTimeMs) {
        return mutate("update BatchFile set processingStatus = ?1, errorCode = ?2, errorMessage = ?3, processingTimeMs = ?4 "
                        + "where id = ?5 and processingStatus in (?6, ?7)",
                BatchFile.FAILED, type.name(), message, processingTimeMs, fileId, BatchFile.PENDING, BatchFile.PROCESSING);
    }

    Uni<Integer> failUnsettled(UUID batchId, String message) {
        return mutate("update BatchFile set processingStatus = ?1, errorCode = ?2, errorMessage = ?3 "
                        + "where batchId = ?4 and processingStatus in (?5, ?6)",
                BatchFile.FAILED, FailureType.INTERNAL_ERROR.name(), message, batchId, BatchFile.PENDING, BatchFile.PROCESSING);
    }

    /** The files a stopped process had in hand go back to pending, to be read again. */
    Uni<Integer> returnFilesInHand(UUID batchId) {
        return mutate("update BatchFile set processingStatus = ?1 where batchId = ?2 and processingStatus = ?3",
                BatchFile.PENDING, batchId, BatchFile.PROCESSING);
    }

    Uni<Integer> setDriveStatus(UUID batchId, String status) {
        return mutate("update Batch set driveUploadStatus = ?1 where id = ?2 and (driveUploadStatus is null or driveUploadStatus <> ?1)",
                status, batchId);
    }

    /**
     * Claims the batch's archive for a retry: one caller wins, and only when it settled with failures, or shows no
     * progress in the Drive bookkeeping since {@code staleBefore} (its process stopped mid-upload).
     */
    Uni<Boolean> claimDriveRetry(UUID batchId, OffsetDateTime staleBefore) {
        return getSession().chain(session -> session.createNativeQuery("""
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
                .map(claimed -> claimed > 0);
    }

    private <T> Uni<List<T>> list(Class<T> type, String hql, Object... parameters) {
        return page(type, hql, 0, Integer.MAX_VALUE, parameters);
    }

    private <T> Uni<List<T>> page(Class<T> type, String hql, int first, int max, Object... parameters) {
        return getSession().chain(session -> {
            var query = session.createSelectionQuery(hql, type);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.setFirstResult(first).setMaxResults(max).getResultList();
        });
    }

    private <T> Uni<T> single(Class<T> type, String hql, Object... parameters) {
        return list(type, hql, parameters).map(found -> found.isEmpty() ? null : found.get(0));
    }

    /**
     * Appends an event to the batch's log (V11), numbered after the last one, in the caller's transaction. The lock
     * serialises the batch's writers until they commit, so numbers are handed out in commit order and a reader never
     * sees event n+1 before n. It is an advisory lock, not the batch row's: a writer holding it only inserts, so it
     * cannot wait on a row another transaction holds while that one waits on it.
     */
    Uni<Void> appendEvent(UUID batchId, String kind, String data) {
        return getSession().chain(session -> session.createNativeQuery(
                                "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))) AS event_lock")
                        .setParameter(1, batchId.toString()).getResultList()
                .chain(() -> session.createNativeQuery("""
                                INSERT INTO batch_events (batch_id, seq, kind, data)
                                SELECT ?1, COALESCE(MAX(seq), 0) + 1, ?2, CAST(CAST(?3 AS text) AS jsonb) FROM batch_events WHERE batch_id = ?1""")
                        .setParameter(1, batchId).setParameter(2, kind).setParameter(3, data).executeUpdate()))
                .replaceWithVoid();
    }

    Uni<BatchFile> file(UUID fileId) {
        return getSession().chain(session -> session.find(BatchFile.class, fileId));
    }

    private Uni<Integer> mutate(String hql, Object... parameters) {
        return getSession().chain(session -> {
            var statement = session.createMutationQuery(hql);
            for (int i = 0; i < parameters.length; i++) {
                statement.setParameter(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        });
    }
}
