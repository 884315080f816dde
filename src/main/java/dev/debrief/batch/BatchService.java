package dev.debrief.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debrief.common.ApiProblem;
import dev.debrief.common.ErrorCode;
import dev.debrief.drive.DriveFileRecord;
import dev.debrief.drive.DriveFolderRecord;
import dev.debrief.extraction.FailureType;
import dev.debrief.report.Report;
import dev.debrief.report.ReportView;
import dev.debrief.report.ReportViews;
import dev.debrief.summary.BatchSummary;
import dev.debrief.summary.CodeFacts;
import dev.debrief.summary.ReportFacts;
import dev.debrief.summary.SummaryCalculator;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads and writes batches, their files and reports; every method is one session or one transaction. */
@ApplicationScoped
public class BatchService {

    private final ReportViews reportViews;
    private final ObjectMapper json;
    private final SummaryCalculator calculator = new SummaryCalculator();

    BatchService(ReportViews reportViews, ObjectMapper json) {
        this.reportViews = reportViews;
        this.json = json;
    }

    /** The batch and its files in one transaction; with Drive asked for, also the pending Drive rows. */
    @WithTransaction
    Uni<Void> register(Batch batch, List<BatchFile> files, DriveFolderRecord driveFolder, List<DriveFileRecord> driveFiles) {
        Uni<Void> rows = batch.persist().chain(() -> BatchFile.persist(files));
        if (driveFolder == null) {
            return rows;
        }
        return rows.chain(() -> driveFolder.persist()).chain(() -> DriveFileRecord.persist(driveFiles));
    }

    /** summary.json as archived in Drive: the same document GET /v1/batches/{id}/summary answers. */
    @WithSession
    Uni<Optional<byte[]>> summaryJson(UUID batchId) {
        return Batch.<Batch>findById(batchId).map(batch -> {
            if (batch == null || batch.summaryData == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(json.writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(new BatchSummaryView(batch.id, batch.createdAt, storedSummary(batch))));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Summary of batch " + batchId + " cannot be written", e);
            }
        });
    }

    @WithSession
    Uni<List<BatchFile>> filesById(UUID batchId, List<UUID> fileIds) {
        if (fileIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return BatchFile.list("batchId = ?1 and id in ?2 order by processingOrder", batchId, fileIds);
    }

    @WithSession
    Uni<Optional<Batch>> findByIdempotencyKey(String key) {
        return Batch.<Batch>find("idempotencyKey", key).firstResult().map(Optional::ofNullable);
    }

    /** The batch, or 404 BATCH_NOT_FOUND / 410 BATCH_EXPIRED. */
    @WithSession
    public Uni<Batch> live(UUID batchId) {
        return Batch.<Batch>findById(batchId).map(batch -> {
            if (batch == null) {
                throw new ApiProblem(ErrorCode.BATCH_NOT_FOUND, "No batch " + batchId);
            }
            if (batch.expired(now())) {
                throw expired(batch);
            }
            return batch;
        });
    }

    /** Settled batches whose archive is still under way, oldest first: the ones an archive resume looks at. */
    @WithSession
    Uni<List<Batch>> withArchiveUnderWay(int limit) {
        return Batch.<Batch>find("driveIntegrationEnabled = true and driveUploadStatus in ?1 and status <> ?2 and expiresAt > ?3 "
                        + "order by createdAt", List.of(DriveFileRecord.PENDING, DriveFileRecord.UPLOADING), Batch.PROCESSING, now())
                .page(0, limit).list();
    }

    @WithSession
    Uni<List<BatchFile>> files(UUID batchId) {
        return BatchFile.list("batchId = ?1 order by processingOrder", batchId);
    }

    @WithTransaction
    Uni<Void> markProcessing(UUID fileId) {
        return BatchFile.update("processingStatus = ?1 where id = ?2 and processingStatus = ?3",
                BatchFile.PROCESSING, fileId, BatchFile.PENDING).replaceWithVoid();
    }

    /**
     * A file's report, written once: the file row is locked and left alone when it already has an outcome (a
     * process that lost its lease may still finish a file that the process which took the batch over read too).
     */
    @WithTransaction
    Uni<Void> recordSuccess(UUID fileId, Report report) {
        return BatchFile.<BatchFile>findById(fileId, LockModeType.PESSIMISTIC_WRITE).chain(file -> {
            if (file == null || file.settled()) {
                return Uni.createFrom().voidItem();
            }
            return report.persist().invoke(() -> {
                file.processingStatus = BatchFile.SUCCESS;
                file.reportId = report.id;
                file.processingTimeMs = report.processingTimeMs;
                file.errorCode = null;
                file.errorMessage = null;
            }).replaceWithVoid();
        });
    }

    /** A file's failure, written only while the file has no outcome yet (see {@link #recordSuccess}). */
    @WithTransaction
    Uni<Void> recordFailure(UUID fileId, FailureType type, String message, Integer processingTimeMs) {
        return BatchFile.update("processingStatus = ?1, errorCode = ?2, errorMessage = ?3, processingTimeMs = ?4 "
                        + "where id = ?5 and processingStatus in (?6, ?7)",
                BatchFile.FAILED, type.name(), message, processingTimeMs, fileId, BatchFile.PENDING, BatchFile.PROCESSING)
                .replaceWithVoid();
    }

    /**
     * Readies a batch taken over from a process that stopped: the files that process had in hand go back to
     * pending, to be read again by the caller, like those it had not reached (a restart for a deploy must not
     * cost anyone a report). When the batch has stopped too many processes (one of its files may be what
     * stops them) every file without an outcome fails instead.
     */
    @WithTransaction
    Uni<Batch> prepareTakeover(UUID batchId, boolean givingUp) {
        Uni<Integer> unsettled = givingUp
                ? failUnsettled(batchId, "Not read: the service stopped each time it read this batch; upload it again")
                : BatchFile.update("processingStatus = ?1 where batchId = ?2 and processingStatus = ?3",
                        BatchFile.PENDING, batchId, BatchFile.PROCESSING);
        return unsettled.chain(() -> Batch.findById(batchId));
    }

    /**
     * Settles the batch once every file has an outcome: counts and status from the file rows (the single
     * source of truth), so the seed's CHECK on counts always holds. A file that somehow has no outcome is
     * failed here rather than left pending for ever. Only the process holding the batch's current attempt
     * settles it: one that lost its lease (another took the batch over) gets the batch back still processing
     * and leaves it, and the files the new process is reading, alone.
     */
    @WithTransaction
    Uni<Batch> finish(UUID batchId, int attempt, int processingTimeMs, boolean generateSummary) {
        return Batch.<Batch>findById(batchId, LockModeType.PESSIMISTIC_WRITE).chain(batch -> {
            if (batch.processingAttempts != attempt) {
                return Uni.createFrom().item(batch);
            }
            return failUnsettled(batchId, "The file was not processed")
                    .chain(() -> files(batchId))
                    .invoke(files -> {
                        int succeeded = (int) files.stream().filter(f -> BatchFile.SUCCESS.equals(f.processingStatus)).count();
                        batch.successfulFiles = succeeded;
                        batch.failedFiles = files.size() - succeeded;
                        batch.status = Batch.finalStatus(succeeded, batch.failedFiles);
                        batch.processingTimeMs = processingTimeMs;
                    })
                    .replaceWith(batch)
                    .call(settled -> generateSummary ? summarise(settled) : Uni.createFrom().voidItem());
        });
    }

    /** Every file of the batch without an outcome fails, with this message. */
    private static Uni<Integer> failUnsettled(UUID batchId, String message) {
        return BatchFile.update("processingStatus = ?1, errorCode = ?2, errorMessage = ?3 where batchId = ?4 and processingStatus in (?5, ?6)",
                BatchFile.FAILED, FailureType.INTERNAL_ERROR.name(), message, batchId, BatchFile.PENDING, BatchFile.PROCESSING);
    }

    /**
     * The whole summary of a settled batch. A batch created with generate_summary=false gets it computed (and
     * kept) on first request; a batch still processing has none yet.
     */
    @WithTransaction
    Uni<BatchSummaryView> summary(UUID batchId) {
        return live(batchId).call(batch -> {
            if (Batch.PROCESSING.equals(batch.status)) {
                throw new ApiProblem(ErrorCode.SUMMARY_NOT_READY, "Batch " + batchId + " is still being processed",
                        Map.of("retry_after_seconds", 2));
            }
            return batch.summaryData == null ? summarise(batch) : Uni.createFrom().voidItem();
        }).map(batch -> new BatchSummaryView(batch.id, batch.createdAt, storedSummary(batch)));
    }

    /** Computes the summary over the batch's successful reports and stores it in summary_data. */
    private Uni<Void> summarise(Batch batch) {
        return Report.<Report>list("batchId = ?1 order by createdAt", batch.id).invoke(reports -> {
            List<ReportFacts> facts = reports.stream().map(this::facts).toList();
            batch.summaryData = json.valueToTree(calculator.summarise(facts, batch.totalFiles));
        }).replaceWithVoid();
    }

    private ReportFacts facts(Report report) {
        List<CodeFacts> codes = reportViews.codes(report).stream()
                .map(code -> new CodeFacts(code.code(), code.areaOfOperation(), code.task(), code.description()))
                .toList();
        return new ReportFacts(report.id, report.name, report.ftn, report.examCode, report.examDate, report.score,
                report.grade, report.take, codes);
    }

    private BatchSummary storedSummary(Batch batch) {
        try {
            return batch.summaryData == null ? null : json.treeToValue(batch.summaryData, BatchSummary.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored summary of batch " + batch.id + " is unreadable", e);
        }
    }

    /** The batch as clients see it: with report bodies (POST answer) or with per-file progress (GET). */
    @WithSession
    Uni<BatchView> view(UUID batchId, boolean embedReports) {
        return Batch.<Batch>findById(batchId).chain(batch -> files(batchId).chain(files -> drive(batch).chain(drive -> {
            if (!embedReports) {
                return Uni.createFrom().item(toView(batch, null, files.stream().map(f -> fileView(f, drive)).toList(), drive));
            }
            return reportsById(files).map(reports -> toView(batch, files.stream().map(f -> reportView(f, reports)).toList(), null, drive));
        })));
    }

    /** The batch's Drive rows, read in the same session (no second connection: the pool may have only one). */
    private Uni<DriveRows> drive(Batch batch) {
        if (!batch.driveIntegrationEnabled) {
            return Uni.createFrom().item(new DriveRows(null, List.of()));
        }
        return DriveFolderRecord.<DriveFolderRecord>find("batchId", batch.id).firstResult()
                .chain(folder -> DriveFileRecord.<DriveFileRecord>list("batchId", batch.id)
                        .map(files -> new DriveRows(folder, files)));
    }

    private record DriveRows(DriveFolderRecord folder, List<DriveFileRecord> files) {
        DriveFileRecord of(UUID batchFileId) {
            return files.stream().filter(f -> f.batchFileId.equals(batchFileId)).findFirst().orElse(null);
        }
    }

    @WithSession
    Uni<ReportPage> reports(UUID batchId, int page, int limit, String status) {
        String query = status == null ? "batchId = ?1 order by processingOrder" : "batchId = ?1 and processingStatus = ?2 order by processingOrder";
        Object[] parameters = status == null ? new Object[] {batchId} : new Object[] {batchId, status};
        var found = BatchFile.<BatchFile>find(query, parameters);
        return found.count().chain(total -> found.page(page - 1, limit).list().chain(files -> reportsById(files).map(reports -> {
            String base = "/v1/batches/" + batchId + "/reports?limit=" + limit + (status == null ? "" : "&status=" + status) + "&page=";
            String next = (long) page * limit < total ? base + (page + 1) : null;
            String previous = page > 1 ? base + Math.min(page - 1, Math.max(1, (int) Math.ceil(total / (double) limit))) : null;
            return new ReportPage(batchId, page, limit, total, files.stream().map(f -> reportView(f, reports)).toList(), next, previous);
        })));
    }

    /** One report with the file it came from, or 404 REPORT_NOT_FOUND / 410 BATCH_EXPIRED. */
    @WithSession
    Uni<ReportView> report(UUID reportId) {
        return Report.<Report>findById(reportId).chain(report -> {
            if (report == null || report.batchId == null) {
                return Uni.createFrom().failure(new ApiProblem(ErrorCode.REPORT_NOT_FOUND, "No report " + reportId));
            }
            return Batch.<Batch>findById(report.batchId).chain(batch -> {
                if (batch != null && batch.expired(now())) {
                    return Uni.createFrom().failure(expired(batch));
                }
                return BatchFile.<BatchFile>find("reportId", reportId).firstResult()
                        .map(file -> reportViews.success(report, file == null ? null : file.id, file == null ? null : file.originalFileName));
            });
        });
    }

    private Uni<Map<UUID, Report>> reportsById(List<BatchFile> files) {
        List<UUID> ids = files.stream().map(f -> f.reportId).filter(id -> id != null).toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Report.<Report>list("id in ?1", ids)
                .map(reports -> reports.stream().collect(Collectors.toMap(r -> r.id, Function.identity())));
    }

    private ReportView reportView(BatchFile file, Map<UUID, Report> reports) {
        Report report = file.reportId == null ? null : reports.get(file.reportId);
        if (report != null) {
            return reportViews.success(report, file.id, file.originalFileName);
        }
        return reportViews.unsettled(file.batchId, file.id, file.originalFileName, file.processingStatus,
                file.processingTimeMs, file.errorCode, file.errorMessage);
    }

    private static BatchView.FileView fileView(BatchFile file, DriveRows drive) {
        ReportView.FileError error = file.errorCode == null ? null : new ReportView.FileError(file.errorCode, file.errorMessage);
        DriveFileRecord driveRow = drive.of(file.id);
        return new BatchView.FileView(file.id, file.originalFileName, file.fileName, file.fileSize, file.fileType,
                file.processingOrder, file.processingStatus, file.reportId, error,
                driveRow == null ? null : BatchView.DriveFile.of(driveRow));
    }

    private BatchView toView(Batch batch, List<ReportView> reports, List<BatchView.FileView> files, DriveRows drive) {
        BatchSummary summary = storedSummary(batch);
        return new BatchView(batch.id, batch.status, batch.processingTimeMs, batch.totalFiles, batch.successfulFiles,
                batch.failedFiles, batch.createdAt, batch.expiresAt, reports, files,
                summary == null ? null : summary.shortForm(BatchView.Links.of(batch.id).summary()),
                BatchView.DriveIntegration.of(batch, drive.folder(), drive.files()), BatchView.Links.of(batch.id));
    }

    private static ApiProblem expired(Batch batch) {
        return new ApiProblem(ErrorCode.BATCH_EXPIRED, "Batch " + batch.id + " expired at " + batch.expiresAt,
                Map.of("expired_at", batch.expiresAt.toString()));
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
