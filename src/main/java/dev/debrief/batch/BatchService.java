package dev.debrief.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debrief.acs.DescribedCode;
import dev.debrief.common.ApiProblem;
import dev.debrief.common.ErrorCode;
import dev.debrief.drive.DriveFileRecord;
import dev.debrief.drive.DriveFolderRecord;
import dev.debrief.drive.DriveProgress;
import dev.debrief.extraction.AcsCode;
import dev.debrief.extraction.FailureType;
import dev.debrief.report.Report;
import dev.debrief.report.ReportView;
import dev.debrief.report.ReportViews;
import dev.debrief.summary.CodeFacts;
import dev.debrief.summary.ReportFacts;
import dev.debrief.summary.SummaryCalculator;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The batch feature's transactions: every method is one session or one transaction. Those a caller reaches
 * take the caller's school and find nothing of another school; the others serve the work that runs for every
 * school (pipeline, takeover, Drive archive).
 */
@ApplicationScoped
class BatchService {

    private final BatchRepository batches;
    private final BatchEvents events;
    private final BatchViews views;
    private final ReportViews reportViews;
    private final ObjectMapper json;
    private final Clock clock;
    private final SummaryCalculator calculator = new SummaryCalculator();

    BatchService(BatchRepository batches, BatchEvents events, BatchViews views, ReportViews reportViews, ObjectMapper json,
                 Clock clock) {
        this.batches = batches;
        this.events = events;
        this.views = views;
        this.reportViews = reportViews;
        this.json = json;
        this.clock = clock;
    }

    /** The school's batch, or 404 BATCH_NOT_FOUND (also for another school's id) / 410 BATCH_EXPIRED. */
    @WithSession
    Uni<Batch> live(String school, UUID batchId) {
        return batches.findOwned(school, batchId).map(batch -> {
            if (batch == null) {
                throw new ApiProblem(ErrorCode.BATCH_NOT_FOUND, "No batch " + batchId);
            }
            if (batch.expired(now())) {
                throw new ApiProblem(ErrorCode.BATCH_EXPIRED, "Batch " + batchId + " expired at " + batch.expiresAt,
                        Map.of("expired_at", batch.expiresAt.toString()));
            }
            return batch;
        });
    }

    @WithSession
    Uni<Optional<Batch>> findByIdempotencyKey(String school, String key) {
        return batches.findByIdempotencyKey(school, key).map(Optional::ofNullable);
    }

    /** The batch as clients see it: with report bodies (POST answer) or with per-file progress (GET). */
    @WithSession
    Uni<BatchView> view(String school, UUID batchId, boolean embedReports) {
        return live(school, batchId).chain(batch -> batches.files(batchId).chain(files -> driveRows(batch).chain(drive -> embedReports
                ? reportsById(files).map(reports -> views.withReports(batch, files, reports, drive))
                : Uni.createFrom().item(views.withFiles(batch, files, drive)))));
    }

    @WithSession
    Uni<ReportPage> reports(String school, UUID batchId, int page, int limit, String status) {
        return live(school, batchId)
                .chain(batch -> batches.filePage(batchId, status, page, limit))
                .chain(found -> reportsById(found.files()).map(reports -> views.page(batchId, page, limit, status, found, reports)));
    }

    /** One report with the file it came from, or 404 REPORT_NOT_FOUND (also for another school's) / 410 BATCH_EXPIRED. */
    @WithSession
    Uni<ReportView> report(String school, UUID reportId) {
        return batches.findOwnedReport(school, reportId).chain(report -> {
            if (report == null) {
                return Uni.createFrom().failure(new ApiProblem(ErrorCode.REPORT_NOT_FOUND, "No report " + reportId));
            }
            return live(school, report.batchId)
                    .chain(batch -> batches.fileOfReport(reportId))
                    .map(file -> reportViews.success(report, file == null ? null : file.id, file == null ? null : file.originalFileName));
        });
    }

    /**
     * The whole summary of a settled batch. A batch created with generate_summary=false gets it computed (and
     * kept) on first request; a batch still processing has none yet.
     */
    @WithTransaction
    Uni<BatchSummaryView> summary(String school, UUID batchId) {
        return live(school, batchId).call(batch -> {
            if (batch.processing()) {
                throw new ApiProblem(ErrorCode.SUMMARY_NOT_READY, "Batch " + batchId + " is still being processed",
                        Map.of(ApiProblem.RETRY_AFTER_SECONDS, 2));
            }
            return batch.summaryData == null ? summarise(batch) : Uni.createFrom().voidItem();
        }).map(views::summary);
    }

    /** The batch and its files in one transaction; with Drive asked for, the Drive feature plans its rows in it too. */
    @WithTransaction
    Uni<Void> register(Batch batch, List<BatchFile> files, Uni<Void> drivePlan) {
        return batches.persistWithFiles(batch, files).chain(() -> drivePlan);
    }

    /** summary.json as archived in Drive: the same document GET /v1/batches/{id}/summary answers. */
    @WithSession
    Uni<Optional<byte[]>> summaryJson(UUID batchId) {
        return batches.findById(batchId).map(batch -> {
            if (batch == null || batch.summaryData == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(views.summary(batch)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Summary of batch " + batchId + " cannot be written", e);
            }
        });
    }

    @WithSession
    Uni<List<BatchFile>> filesById(UUID batchId, List<UUID> fileIds) {
        return batches.files(batchId, fileIds);
    }

    @WithSession
    Uni<List<BatchFile>> files(UUID batchId) {
        return batches.files(batchId);
    }

    @WithSession
    Uni<List<Batch>> withArchiveUnderWay(int limit) {
        return batches.withArchiveUnderWay(limit, now());
    }

    @WithTransaction
    Uni<Void> markReading(UUID fileId) {
        return batches.markFileReading(fileId).chain(changed -> changed == 0
                ? Uni.createFrom().voidItem()
                : batches.file(fileId).chain(events::fileReading));
    }

    /**
     * A file's report, written once: the file row is locked and left alone when it already has an outcome (a
     * process that lost its lease may still finish a file that the process which took the batch over read too).
     */
    @WithTransaction
    Uni<Void> recordSuccess(UUID fileId, Report report) {
        return batches.lockFile(fileId).chain(file -> {
            if (file == null || file.settled()) {
                return Uni.createFrom().voidItem();
            }
            return batches.persistReport(report).invoke(() -> {
                file.processingStatus = BatchFile.SUCCESS;
                file.reportId = report.id;
                file.processingTimeMs = report.processingTimeMs;
                file.errorCode = null;
                file.errorMessage = null;
            }).chain(() -> events.fileRead(file, report));
        });
    }

    /** A file's failure, written only while the file has no outcome yet (see {@link #recordSuccess}). */
    @WithTransaction
    Uni<Void> recordFailure(UUID fileId, FailureType type, String message, Integer processingTimeMs) {
        return batches.failFile(fileId, type, message, processingTimeMs).chain(changed -> changed == 0
                ? Uni.createFrom().voidItem()
                : batches.file(fileId).chain(file -> events.fileFailed(file, type.name())));
    }

    /**
     * Readies a batch taken over from a process that stopped: the files that process had in hand go back to
     * pending, to be read again by the caller, like those it had not reached (a crash must not cost anyone a
     * report), except a file that was already read {@code maxReads} times: it stopped a process each time, so it
     * fails alone and cannot stop the next one. When the batch has stopped too many processes every file
     * without an outcome fails instead.
     */
    @WithTransaction
    Uni<Batch> prepareTakeover(UUID batchId, boolean givingUp, int maxReads) {
        Uni<Integer> unsettled = givingUp
                ? batches.failUnsettled(batchId, "Not read: the service stopped each time it read this batch; upload it again")
                : batches.quarantineFilesInHand(batchId, maxReads, "The service stopped while reading this file, "
                                + maxReads + " times; it is not read again (check the file, then upload it on its own)")
                        .chain(() -> batches.returnFilesInHand(batchId));
        return unsettled.chain(() -> batches.findById(batchId));
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
        return batches.lock(batchId).chain(batch -> {
            if (batch.processingAttempts != attempt) {
                return Uni.createFrom().item(batch);
            }
            return batches.failUnsettled(batchId, "The file was not processed")
                    .chain(() -> batches.files(batchId))
                    .invoke(files -> {
                        int succeeded = (int) files.stream().filter(f -> BatchFile.SUCCESS.equals(f.processingStatus)).count();
                        batch.successfulFiles = succeeded;
                        batch.failedFiles = files.size() - succeeded;
                        batch.status = Batch.finalStatus(succeeded, batch.failedFiles);
                        batch.processingTimeMs = processingTimeMs;
                    })
                    .replaceWith(batch)
                    .call(settled -> generateSummary
                            ? summarise(settled).chain(() -> events.summaryReady(batchId))
                            : Uni.createFrom().voidItem())
                    .call(events::endIfSettled);
        });
    }

    /** The batch's Drive status, as the Drive feature reports it. */
    @WithTransaction
    Uni<Void> recordDriveStatus(UUID batchId, String status) {
        return batches.setDriveStatus(batchId, status).chain(changed -> changed == 0
                ? Uni.createFrom().voidItem()
                : events.driveStatus(batchId, status).chain(() -> batches.findById(batchId)).chain(events::endIfSettled));
    }

    /** One Drive upload settled: an event for the batch's watchers (a summary document has no batch file). */
    @WithTransaction
    Uni<Void> recordDriveUpload(UUID batchId, DriveProgress.DriveUpload upload) {
        Uni<BatchFile> file = upload.fileId() == null ? Uni.createFrom().nullItem() : batches.file(upload.fileId());
        return file.chain(batchFile -> events.driveUpload(batchId, batchFile, upload));
    }

    @WithTransaction
    Uni<Boolean> claimDriveRetry(UUID batchId, OffsetDateTime staleBefore) {
        return batches.claimDriveRetry(batchId, staleBefore);
    }

    /** Computes the summary over the batch's successful reports and stores it in summary_data. */
    private Uni<Void> summarise(Batch batch) {
        return batches.reportsOfBatch(batch.id).invoke(reports -> {
            List<ReportFacts> facts = reports.stream().map(this::facts).toList();
            batch.summaryData = json.valueToTree(calculator.summarise(facts, batch.totalFiles));
        }).replaceWithVoid();
    }

    private ReportFacts facts(Report report) {
        List<CodeFacts> codes = reportViews.codes(report).stream()
                .map(code -> new CodeFacts(code.code(), classArea(code), code.task(), code.description()))
                .toList();
        return new ReportFacts(report.id, report.name, report.ftn, report.examCode, report.examDate, report.score,
                report.grade, report.take, codes);
    }

    /**
     * The area a code counts towards in the class summary. A catalogued area reads "I. Preflight Preparation"; an
     * uncatalogued one is only its numeral, which says nothing without the code's family: IR's area I and FI's area
     * I are different areas, so they are told apart as IR.I and FI.I.
     */
    private static String classArea(DescribedCode code) {
        if (code.known()) {
            return code.areaOfOperation();
        }
        return AcsCode.parse(code.code()).filter(parsed -> !parsed.legacy())
                .map(parsed -> parsed.prefix() + "." + parsed.areaNumeral()).orElse(code.areaOfOperation());
    }

    /** The batch's Drive rows, read in the same session (no second connection: the pool may have only one). */
    private static Uni<DriveRows> driveRows(Batch batch) {
        if (!batch.driveIntegrationEnabled) {
            return Uni.createFrom().item(DriveRows.NONE);
        }
        return DriveFolderRecord.<DriveFolderRecord>find("batchId", batch.id).firstResult()
                .chain(folder -> DriveFileRecord.<DriveFileRecord>list("batchId", batch.id)
                        .map(files -> new DriveRows(folder, files)));
    }

    private Uni<Map<UUID, Report>> reportsById(List<BatchFile> files) {
        List<UUID> ids = files.stream().map(f -> f.reportId).filter(id -> id != null).toList();
        return batches.reports(ids).map(BatchViews::byId);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
