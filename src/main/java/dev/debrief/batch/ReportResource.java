package dev.debrief.batch;

import dev.debrief.access.CurrentCaller;
import dev.debrief.common.Ids;
import dev.debrief.common.Problem;
import dev.debrief.report.ReportView;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * One extracted report. It lives here rather than in the report package because a report is shown with the
 * file it came from and answers 410 once its batch has expired: both are batch knowledge.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports", description = "Extracted test reports")
public class ReportResource {

    private final BatchService batches;
    private final CurrentCaller caller;

    ReportResource(BatchService batches, CurrentCaller caller) {
        this.batches = batches;
        this.caller = caller;
    }

    @GET
    @Path("/reports/{report_id}")
    @Operation(operationId = "getReport", summary = "One extracted report")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "400", description = "INVALID_ID", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "REPORT_NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "BATCH_EXPIRED", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ReportView> getReport(@Parameter(description = "The report id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @RestPath("report_id") String reportId) {
        return batches.report(caller.school(), Ids.parse(reportId, "report"));
    }

    @GET
    @Path("/extractor/results/{report_id}")
    @Operation(operationId = "getReportAlias", summary = "One extracted report (the seed's path)", deprecated = true)
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReportView.class)))
    public Uni<ReportView> getReportAlias(@Parameter(description = "The report id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @RestPath("report_id") String reportId) {
        return getReport(reportId);
    }
}
