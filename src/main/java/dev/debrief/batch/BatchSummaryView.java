package dev.debrief.batch;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.debrief.summary.BatchSummary;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** GET /v1/batches/{id}/summary: the stored summary with the batch it belongs to. */
@Schema(name = "BatchSummary")
@JsonPropertyOrder({"batch_id", "created_at"})
public record BatchSummaryView(UUID batchId, OffsetDateTime createdAt, @JsonUnwrapped BatchSummary summary) {
}
