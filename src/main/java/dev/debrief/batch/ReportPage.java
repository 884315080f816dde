package dev.debrief.batch;

import dev.debrief.report.ReportView;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ReportPage")
public record ReportPage(UUID batchId, int page, int limit, long total, List<ReportView> reports,
                         @Schema(nullable = true) String next, @Schema(nullable = true) String previous) {
}
