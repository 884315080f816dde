package dev.debrief.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.debrief.drive.DriveProgress;
import dev.debrief.report.Report;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.UUID;

/**
 * What goes into a batch's event log when its state changes: each method is called inside the transaction that makes
 * the change, so an event exists exactly when the change committed (see V11 and {@link BatchEventStream}).
 */
@ApplicationScoped
class BatchEvents {

    static final String FILE = "file";
    static final String DRIVE = "drive";
    static final String DRIVE_UPLOAD = "drive_upload";
    static final String SUMMARY = "summary";
    static final String END = "end";
    private static final Set<String> DRIVE_SETTLED = Set.of("completed", "partial", "failed");

    private final BatchRepository batches;
    private final ObjectMapper json;

    BatchEvents(BatchRepository batches, ObjectMapper json) {
        this.batches = batches;
        this.json = json;
    }

    Uni<Void> fileReading(BatchFile file) {
        return batches.appendEvent(file.batchId, FILE, fileEvent(file, BatchFile.PROCESSING).toString());
    }

    Uni<Void> fileRead(BatchFile file, Report report) {
        ObjectNode event = fileEvent(file, BatchFile.SUCCESS).put("report_id", report.id.toString())
                .put("exam_code", report.examCode);
        event.putPOJO("score", report.score);
        return batches.appendEvent(file.batchId, FILE, event.toString());
    }

    Uni<Void> fileFailed(BatchFile file, String errorCode) {
        return batches.appendEvent(file.batchId, FILE, fileEvent(file, BatchFile.FAILED).put("error_code", errorCode).toString());
    }

    Uni<Void> summaryReady(UUID batchId) {
        return batches.appendEvent(batchId, SUMMARY, json.createObjectNode()
                .put("url", "/v1/batches/" + batchId + "/summary").toString());
    }

    Uni<Void> driveStatus(UUID batchId, String status) {
        return batches.appendEvent(batchId, DRIVE, json.createObjectNode().put("status", status).toString());
    }

    /** A file, or one of the summary documents ({@code file} null), landed in Drive, failed, or waits for a later round. */
    Uni<Void> driveUpload(UUID batchId, BatchFile file, DriveProgress.DriveUpload upload) {
        ObjectNode event = file == null
                ? json.createObjectNode().put("document", upload.name())
                : json.createObjectNode().put("file_id", file.id.toString()).put("file_name", file.originalFileName)
                        .put("processing_order", file.processingOrder);
        event.put("status", upload.status())
                .put("drive_file_id", upload.file() == null ? null : upload.file().id())
                .put("file_url", upload.file() == null ? null : upload.file().webViewLink())
                .put("error", upload.error());
        return batches.appendEvent(batchId, DRIVE_UPLOAD, event.toString());
    }

    /** The last event of a batch: settled, and its Drive archive too when it was asked for. */
    Uni<Void> endIfSettled(Batch batch) {
        if (batch.processing() || batch.driveIntegrationEnabled && !DRIVE_SETTLED.contains(batch.driveUploadStatus)) {
            return Uni.createFrom().voidItem();
        }
        return batches.appendEvent(batch.id, END, json.createObjectNode()
                .put("status", batch.status)
                .put("successful_files", batch.successfulFiles)
                .put("failed_files", batch.failedFiles)
                .put("drive_upload_status", batch.driveUploadStatus).toString());
    }

    private ObjectNode fileEvent(BatchFile file, String status) {
        return json.createObjectNode()
                .put("file_id", file.id.toString())
                .put("file_name", file.originalFileName)
                .put("processing_order", file.processingOrder)
                .put("status", status);
    }
}
