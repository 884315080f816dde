package dev.debrief.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debrief.report.Report;
import dev.debrief.report.ReportView;
import dev.debrief.report.ReportViews;
import dev.debrief.summary.BatchSummary;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns the rows of a batch, already read, into what clients see: the batch, a page of reports, the summary. */
@ApplicationScoped
class BatchViews {

    private final ReportViews reportViews;
    private final ObjectMapper json;

    BatchViews(ReportViews reportViews, ObjectMapper json) {
        this.reportViews = reportViews;
        this.json = json;
    }

    /** The POST answer: every file's report (or why it has none). */
    BatchView withReports(Batch batch, List<BatchFile> files, Map<UUID, Report> reports, DriveRows drive) {
        return batch(batch, files.stream().map(f -> report(f, reports)).toList(), null, drive);
    }

    /** The GET answer: every file's progress, Drive included. */
    BatchView withFiles(Batch batch, List<BatchFile> files, DriveRows drive) {
        return batch(batch, null, files.stream().map(f -> file(f, drive)).toList(), drive);
    }

    /** A page of reports with links to its neighbours; a page past the end links back to the last one. */
    ReportPage page(UUID batchId, int page, int limit, String status, BatchRepository.FilePage found, Map<UUID, Report> reports) {
        long total = found.total();
        String base = "/v1/batches/" + batchId + "/reports?limit=" + limit + (status == null ? "" : "&status=" + status) + "&page=";
        String next = (long) page * limit < total ? base + (page + 1) : null;
        String previous = page > 1 ? base + Math.min(page - 1, Math.max(1, (int) Math.ceil(total / (double) limit))) : null;
        return new ReportPage(batchId, page, limit, total, found.files().stream().map(f -> report(f, reports)).toList(), next, previous);
    }

    BatchSummaryView summary(Batch batch) {
        return new BatchSummaryView(batch.id, batch.createdAt, storedSummary(batch));
    }

    static Map<UUID, Report> byId(List<Report> reports) {
        return reports.stream().collect(Collectors.toMap(r -> r.id, Function.identity()));
    }

    private BatchView batch(Batch batch, List<ReportView> reports, List<BatchView.FileView> files, DriveRows drive) {
        BatchSummary summary = storedSummary(batch);
        return new BatchView(batch.id, batch.status, batch.processingTimeMs, batch.totalFiles, batch.successfulFiles,
                batch.failedFiles, batch.createdAt, batch.expiresAt, reports, files,
                summary == null ? null : summary.shortForm(BatchView.Links.of(batch.id).summary()),
                BatchView.DriveIntegration.of(batch, drive.folder(), drive.files()), BatchView.Links.of(batch.id));
    }

    private ReportView report(BatchFile file, Map<UUID, Report> reports) {
        Report report = file.reportId == null ? null : reports.get(file.reportId);
        if (report != null) {
            return reportViews.success(report, file.id, file.originalFileName);
        }
        return reportViews.unsettled(file.batchId, file.id, file.originalFileName, file.processingStatus,
                file.processingTimeMs, file.errorCode, file.errorMessage);
    }

    private static BatchView.FileView file(BatchFile file, DriveRows drive) {
        ReportView.FileError error = file.errorCode == null ? null : new ReportView.FileError(file.errorCode, file.errorMessage);
        var driveRow = drive.of(file.id);
        return new BatchView.FileView(file.id, file.originalFileName, file.fileName, file.fileSize, file.fileType,
                file.processingOrder, file.processingStatus, file.reportId, error,
                driveRow == null ? null : BatchView.DriveFile.of(driveRow));
    }

    private BatchSummary storedSummary(Batch batch) {
        try {
            return batch.summaryData == null ? null : json.treeToValue(batch.summaryData, BatchSummary.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored summary of batch " + batch.id + " is unreadable", e);
        }
    }
}
