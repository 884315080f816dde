package dev.debrief.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.debrief.drive.DriveFileRecord;
import dev.debrief.drive.DriveFolderRecord;
import dev.debrief.report.ReportView;
import dev.debrief.summary.BatchSummary;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A batch as clients see it. The POST answer embeds the report bodies ({@code reports}); GET shows the files
 * and their progress instead ({@code files}).
 */
@Schema(name = "Batch")
public record BatchView(
        UUID batchId,
        @Schema(enumeration = {"processing", "completed", "partial", "failed"}) String status,
        @Schema(nullable = true) Integer processingTimeMs,
        int totalFiles,
        int successfulFiles,
        int failedFiles,
        OffsetDateTime createdAt,
        OffsetDateTime expiresAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<ReportView> reports,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<FileView> files,
        @Schema(nullable = true, description = "Short form of the summary; the whole one is at links.summary")
        BatchSummary.ShortSummary summary,
        DriveIntegration driveIntegration,
        Links links) {

    @Schema(name = "BatchFile")
    public record FileView(UUID fileId, @Schema(description = "The name the file was uploaded with") String fileName,
                           @Schema(description = "The sanitised name used for storage and Drive") String safeFileName,
                           Integer fileSize, @Schema(enumeration = {"pdf", "png", "jpeg"}, nullable = true) String fileType,
                           int processingOrder,
                           @Schema(enumeration = {"pending", "processing", "success", "failed"}) String processingStatus,
                           @Schema(nullable = true) UUID reportId,
                           @Schema(nullable = true) ReportView.FileError error,
                           @Schema(nullable = true, description = "The file's way into Google Drive; null when Drive was not "
                                   + "requested or the file was not accepted") DriveFile drive) {
    }

    @Schema(name = "BatchFileDrive")
    public record DriveFile(@Schema(enumeration = {"pending", "uploading", "completed", "failed"}) String status,
                            @Schema(nullable = true, description = "The Drive file id") String fileId,
                            @Schema(nullable = true, description = "Drive's webViewLink") String fileUrl,
                            @Schema(nullable = true, description = "A thumbnail that renders for viewers who may read the file") String previewUrl,
                            @Schema(nullable = true) String error,
                            @Schema(description = "Upload attempts made so far") int attempts) {

        static DriveFile of(DriveFileRecord record) {
            return new DriveFile(record.uploadStatus, record.driveFileId, record.driveFileUrl, record.previewUrl,
                    record.uploadError, record.attempts);
        }
    }

    @Schema(name = "DriveIntegration")
    public record DriveIntegration(boolean enabled,
                                   @Schema(enumeration = {"not_requested", "pending", "uploading", "completed", "partial", "failed"})
                                   String status,
                                   @Schema(nullable = true) String folderId,
                                   @Schema(nullable = true) String folderUrl,
                                   @Schema(nullable = true, example = "Debrief-Batches/2026-11-29/batch-…") String folderPath,
                                   @Schema(nullable = true) UploadProgress uploadProgress,
                                   @Schema(nullable = true, description = "summary.json in the batch folder, once uploaded") String summaryFileUrl,
                                   @Schema(nullable = true, description = "The class report PDF beside summary.json, once uploaded")
                                   String classReportFileUrl,
                                   @Schema(nullable = true, description = "Why the batch's uploads stopped, or why they wait and when they resume") String error) {

        static DriveIntegration of(Batch batch, DriveFolderRecord folder, List<DriveFileRecord> files) {
            if (!batch.driveIntegrationEnabled) {
                return new DriveIntegration(false, batch.driveUploadStatus, null, null, null, null, null, null, null);
            }
            int uploaded = (int) files.stream().filter(f -> DriveFileRecord.COMPLETED.equals(f.uploadStatus)).count();
            int failed = (int) files.stream().filter(f -> DriveFileRecord.FAILED.equals(f.uploadStatus)).count();
            return new DriveIntegration(true, batch.driveUploadStatus,
                    folder == null ? null : folder.folderId, folder == null ? null : folder.folderUrl,
                    folder == null ? null : folder.folderPath, new UploadProgress(files.size(), uploaded, failed),
                    folder == null ? null : folder.summaryFileUrl, folder == null ? null : folder.classReportFileUrl,
                    folder == null ? null : folder.uploadError);
        }
    }

    @Schema(name = "DriveUploadProgress")
    public record UploadProgress(int total, int uploaded, int failed) {
    }

    @Schema(name = "BatchLinks")
    public record Links(String self, String reports, String summary) {

        static Links of(UUID batchId) {
            String self = "/v1/batches/" + batchId;
            return new Links(self, self + "/reports", self + "/summary");
        }
    }
}
