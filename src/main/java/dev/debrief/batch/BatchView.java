package dev.debrief.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
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
                           @Schema(nullable = true) ReportView.FileError error) {
    }

    @Schema(name = "DriveIntegration")
    public record DriveIntegration(boolean enabled,
                                   @Schema(enumeration = {"not_requested", "pending", "uploading", "completed", "partial", "failed"})
                                   String status) {

        static DriveIntegration of(Batch batch) {
            return new DriveIntegration(batch.driveIntegrationEnabled, batch.driveUploadStatus);
        }
    }

    @Schema(name = "BatchLinks")
    public record Links(String self, String reports, String summary) {

        static Links of(UUID batchId) {
            String self = "/v1/batches/" + batchId;
            return new Links(self, self + "/reports", self + "/summary");
        }
    }
}
