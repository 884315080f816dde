package dev.debrief.batch;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to POST /v1/batches/{id}/drive/retry: what was re-queued; progress shows in GET /v1/batches/{id}. */
@Schema(name = "DriveRetry")
public record DriveRetryView(UUID batchId,
                             @Schema(description = "Files whose upload failed and is queued again") int requeuedFiles,
                             @Schema(description = "Whether summary.json is queued again") boolean summaryRequeued,
                             @Schema(enumeration = {"pending", "completed"}, description = "The batch's Drive status after the request")
                             String driveStatus) {
}
