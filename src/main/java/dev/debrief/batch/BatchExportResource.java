package dev.debrief.batch;

import dev.debrief.access.CurrentCaller;
import dev.debrief.common.Ids;
import dev.debrief.common.Problem;
import dev.debrief.export.ClassReportPdf;
import dev.debrief.export.ReportsCsv;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** A batch as documents to keep or share: the class debrief to print, its files as a spreadsheet. */
// The class path is the one every /v1 resource shares: JAX-RS picks a resource by its class path first, and a longer
// one here would hide the batch endpoints below /v1/batches/{batch_id}
@Path("/v1")
@Tag(name = "Batches")
@APIResponse(responseCode = "404", description = "BATCH_NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "410", description = "BATCH_EXPIRED", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class BatchExportResource {

    private final BatchService batches;
    private final BatchExports exports;
    private final CurrentCaller caller;

    BatchExportResource(BatchService batches, BatchExports exports, CurrentCaller caller) {
        this.batches = batches;
        this.exports = exports;
        this.caller = caller;
    }

    @GET
    @Path("/batches/{batch_id}/report.pdf")
    @Produces(ClassReportPdf.MEDIA_TYPE)
    @Operation(operationId = "getClassReportPdf", summary = "The class debrief as a printable PDF",
            description = "Class figures, the score distribution and weak areas as charts, the most-missed codes with their ACS "
                    + "text, one row per student and the study plan, from the stored summary and reports.")
    @APIResponse(responseCode = "200", description = "The PDF",
            content = @Content(mediaType = ClassReportPdf.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "409", description = "SUMMARY_NOT_READY: the batch is still processing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "SERVICE_BUSY: too many class reports are being drawn; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<byte[]>> classReportPdf(
            @Parameter(description = "The batch id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @RestPath("batch_id") String batchId) {
        return exports.classReport(caller.school(), Ids.parse(batchId, "batch"))
                .map(pdf -> RestResponse.ResponseBuilder.ok(pdf, ClassReportPdf.MEDIA_TYPE)
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"debrief-" + batchId + "-class-report.pdf\"")
                        .build());
    }

    @GET
    @Path("/batches/{batch_id}/reports.csv")
    @Produces({ReportsCsv.MEDIA_TYPE, Problem.MEDIA_TYPE})
    @Operation(operationId = "exportBatchReportsCsv", summary = "The batch's files as CSV, one row per file",
            description = "RFC 4180, UTF-8 with a byte order mark; text that a spreadsheet would run as a formula starts with an "
                    + "apostrophe. A batch still being read shows its files as they stand.")
    @APIResponse(responseCode = "200", description = "The CSV",
            content = @Content(mediaType = ReportsCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    public Uni<RestResponse<String>> reportsCsv(
            @Parameter(description = "The batch id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @RestPath("batch_id") String batchId) {
        return batches.view(caller.school(), Ids.parse(batchId, "batch"), true)
                .map(batch -> RestResponse.ResponseBuilder.ok(ReportsCsv.write(batch.reports()), ReportsCsv.MEDIA_TYPE)
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"debrief-" + batch.batchId() + "-reports.csv\"")
                        .build());
    }
}
