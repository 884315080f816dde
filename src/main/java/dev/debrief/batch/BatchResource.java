package dev.debrief.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debrief.access.CurrentCaller;
import dev.debrief.common.ApiProblem;
import dev.debrief.common.ErrorCode;
import dev.debrief.common.Ids;
import dev.debrief.common.Problem;
import dev.debrief.common.RequestIds;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Encoding;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** The batch endpoints: each reads the request, names the caller's school and hands over to the batch services. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Batches", description = "Upload a batch of test reports and follow its processing")
public class BatchResource {

    // Said once for POST /v1/batches and its deprecated seed alias, which documents the same contract
    private static final String PREFER = "respond-async: answer 202 as soon as the files are stored";
    private static final String IDEMPOTENCY_KEY = "Repeating a key (with the same request) returns the first batch instead of a new one; "
            + "keys are the school's own";
    private static final String WAIT_FOR_DRIVE = "Also wait for the Drive uploads (at most 10 files)";
    private static final String PROCESSED = "The batch, processed";
    private static final String ACCEPTED = "The batch, accepted for processing (Prefer: respond-async)";
    private static final String REPEATED = "A repeat of an earlier request with the same Idempotency-Key: the first batch";

    private final BatchCreation creation;
    private final BatchService batches;
    private final BatchRemoval removal;
    private final BatchDrive drive;
    private final CurrentCaller caller;
    private final ObjectMapper json;

    BatchResource(BatchCreation creation, BatchService batches, BatchRemoval removal, BatchDrive drive, CurrentCaller caller,
                  ObjectMapper json) {
        this.creation = creation;
        this.batches = batches;
        this.removal = removal;
        this.drive = drive;
        this.caller = caller;
        this.json = json;
    }

    @POST
    @Path("/batches")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "createBatch", summary = "Upload 1–30 test reports as a batch",
            description = "Reads every file into a report, stores the results and summarises the class. Answers 201 when "
                    + "extraction and the summary are done, or 202 at once with Prefer: respond-async.")
    @APIResponse(responseCode = "201", description = PROCESSED, content = @Content(schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "200", description = REPEATED,
            content = @Content(schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "400", description = "NO_FILES_PROVIDED, TOO_MANY_FILES, FILE_TOO_LARGE, INVALID_OPTIONS, "
            + "TOO_MANY_FILES_FOR_SYNC_DRIVE, INVALID_REQUEST", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "PAYLOAD_TOO_LARGE", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "NO_VALID_FILES, DRIVE_NOT_CONFIGURED, IDEMPOTENCY_KEY_REUSED",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "RATE_LIMIT_EXCEEDED: the school created batches too fast; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "SERVICE_BUSY: too many files wait to be read; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<BatchView>> createBatch(
            @RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(implementation = BatchUploadForm.class),
                    encoding = {@Encoding(name = "files", contentType = "application/octet-stream"),
                            @Encoding(name = "options", contentType = MediaType.APPLICATION_JSON)}))
            @Valid BatchUploadForm form,
            @Parameter(in = ParameterIn.HEADER, name = "Prefer", description = PREFER, schema = @Schema(type = SchemaType.STRING, enumeration = "respond-async")) @RestHeader("Prefer") String prefer,
            @Parameter(in = ParameterIn.HEADER, name = "Idempotency-Key", description = IDEMPOTENCY_KEY, schema = @Schema(type = SchemaType.STRING, maxLength = 255)) @RestHeader("Idempotency-Key") @Size(max = 255) String idempotencyKey,
            @Parameter(name = "wait_for_drive", description = WAIT_FOR_DRIVE, schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) @RestQuery("wait_for_drive") String waitForDrive) {
        return creation.create(caller.get(), form.toRequest(prefer, idempotencyKey, waitForDrive, json), RequestIds.current())
                .map(BatchResource::answer);
    }

    @POST
    @Path("/extractor/batch/extract")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "extractBatch", summary = "Upload a batch (the seed's path; same contract as POST /v1/batches)",
            deprecated = true)
    @APIResponse(responseCode = "201", description = PROCESSED, content = @Content(schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "200", description = REPEATED,
            content = @Content(schema = @Schema(implementation = BatchView.class)))
    public Uni<RestResponse<BatchView>> extractBatch(
            @RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(implementation = BatchUploadForm.class),
                    encoding = {@Encoding(name = "files", contentType = "application/octet-stream"),
                            @Encoding(name = "options", contentType = MediaType.APPLICATION_JSON)}))
            @Valid BatchUploadForm form,
            @Parameter(in = ParameterIn.HEADER, name = "Prefer", description = PREFER, schema = @Schema(type = SchemaType.STRING, enumeration = "respond-async")) @RestHeader("Prefer") String prefer,
            @Parameter(in = ParameterIn.HEADER, name = "Idempotency-Key", description = IDEMPOTENCY_KEY, schema = @Schema(type = SchemaType.STRING, maxLength = 255)) @RestHeader("Idempotency-Key") @Size(max = 255) String idempotencyKey,
            @Parameter(name = "wait_for_drive", description = WAIT_FOR_DRIVE, schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) @RestQuery("wait_for_drive") String waitForDrive) {
        return createBatch(form, prefer, idempotencyKey, waitForDrive);
    }

    @GET
    @Path("/batches/{batch_id}")
    @Operation(operationId = "getBatch", summary = "Batch status: counts, per-file progress, Drive progress, links")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "404", description = "BATCH_NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "BATCH_EXPIRED", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<BatchView> getBatch(@Parameter(description = "The batch id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @RestPath("batch_id") String batchId) {
        return batches.view(caller.school(), Ids.parse(batchId, "batch"), false);
    }

    @GET
    @Path("/batches/{batch_id}/summary")
    @Operation(operationId = "getBatchSummary", summary = "Where the class is weak: codes, areas, scores, pass rate, repeat takers, study plan")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BatchSummaryView.class)))
    @APIResponse(responseCode = "404", description = "BATCH_NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "SUMMARY_NOT_READY: the batch is still processing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "BATCH_EXPIRED", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<BatchSummaryView> getBatchSummary(@Parameter(description = "The batch id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @RestPath("batch_id") String batchId) {
        return batches.summary(caller.school(), Ids.parse(batchId, "batch"));
    }

    @GET
    @Path("/extractor/batch/{batch_id}/summary")
    @Operation(operationId = "getBatchSummaryAlias", summary = "The combined summary (the seed's path)", deprecated = true)
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BatchSummaryView.class)))
    public Uni<BatchSummaryView> getBatchSummaryAlias(@Parameter(description = "The batch id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @RestPath("batch_id") String batchId) {
        return getBatchSummary(batchId);
    }

    @POST
    @Path("/batches/{batch_id}/drive/retry")
    @Operation(operationId = "retryDriveUploads", summary = "Re-queue the Drive uploads that failed",
            description = "Uploads the batch's failed files (and summary.json, if it failed) again; progress shows in "
                    + "GET /v1/batches/{batch_id}. A file that did reach Drive is never uploaded twice.")
    @APIResponse(responseCode = "202", description = "Re-queued (none when every upload had succeeded)",
            content = @Content(schema = @Schema(implementation = DriveRetryView.class)))
    @APIResponse(responseCode = "404", description = "BATCH_NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "DRIVE_NOT_REQUESTED: the batch was created without drive_upload; "
            + "DRIVE_UPLOAD_IN_PROGRESS: extraction or uploads are still running, or the archive waits to resume (see Retry-After)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "BATCH_EXPIRED", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "DRIVE_NOT_CONFIGURED", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<DriveRetryView>> retryDriveUploads(@Parameter(description = "The batch id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @RestPath("batch_id") String batchId) {
        UUID id = Ids.parse(batchId, "batch");
        String requestId = RequestIds.current();
        return batches.live(caller.school(), id).chain(batch -> drive.retry(batch, requestId))
                .map(view -> RestResponse.ResponseBuilder.<DriveRetryView>create(RestResponse.Status.ACCEPTED, view)
                        .location(URI.create("/v1/batches/" + id))
                        .build());
    }

    @DELETE
    @Path("/batches/{batch_id}")
    @Operation(operationId = "deleteBatch", summary = "Delete the batch and everything stored for it now; Drive copies stay")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "BATCH_NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "BATCH_STILL_PROCESSING", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "BATCH_EXPIRED", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<Void>> deleteBatch(@Parameter(description = "The batch id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @RestPath("batch_id") String batchId) {
        return removal.delete(caller.school(), Ids.parse(batchId, "batch")).map(deleted -> RestResponse.noContent());
    }

    @GET
    @Path("/batches/{batch_id}/reports")
    @Operation(operationId = "listBatchReports", summary = "The batch's per-file results, a page at a time, in upload order")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReportPage.class)))
    @APIResponse(responseCode = "400", description = "INVALID_PAGINATION, INVALID_ID", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "BATCH_NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "BATCH_EXPIRED", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ReportPage> listBatchReports(
            @Parameter(description = "The batch id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @RestPath("batch_id") String batchId,
            @Parameter(name = "page", description = "Page number, from 1", schema = @Schema(type = SchemaType.INTEGER, format = "int32", defaultValue = "1", minimum = "1")) @RestQuery String page, @Parameter(name = "limit", description = "Items per page, 1 to 50", schema = @Schema(type = SchemaType.INTEGER, format = "int32", defaultValue = "10", minimum = "1", maximum = "50")) @RestQuery String limit,
            @Parameter(name = "status", description = "Only files with this outcome", schema = @Schema(type = SchemaType.STRING, enumeration = {"success", "failed"})) @RestQuery String status) {
        UUID id = Ids.parse(batchId, "batch");
        int pageNumber = pagination(page, "page", 1, 1, Integer.MAX_VALUE);
        int pageSize = pagination(limit, "limit", 10, 1, 50);
        if (status != null && !status.equals(BatchFile.SUCCESS) && !status.equals(BatchFile.FAILED)) {
            throw new ApiProblem(ErrorCode.INVALID_PAGINATION, "status must be 'success' or 'failed'");
        }
        return batches.reports(caller.school(), id, pageNumber, pageSize, status);
    }

    @GET
    @Path("/extractor/batch/{batch_id}/reports")
    @Operation(operationId = "listBatchReportsAlias", summary = "The batch's per-file results (the seed's path)", deprecated = true)
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReportPage.class)))
    public Uni<ReportPage> listBatchReportsAlias(@Parameter(description = "The batch id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @RestPath("batch_id") String batchId,
                                                 @Parameter(name = "page", description = "Page number, from 1", schema = @Schema(type = SchemaType.INTEGER, format = "int32", defaultValue = "1", minimum = "1")) @RestQuery String page, @Parameter(name = "limit", description = "Items per page, 1 to 50", schema = @Schema(type = SchemaType.INTEGER, format = "int32", defaultValue = "10", minimum = "1", maximum = "50")) @RestQuery String limit,
                                                 @Parameter(name = "status", description = "Only files with this outcome", schema = @Schema(type = SchemaType.STRING, enumeration = {"success", "failed"})) @RestQuery String status) {
        return listBatchReports(batchId, page, limit, status);
    }

    private static int pagination(String raw, String name, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new ApiProblem(ErrorCode.INVALID_PAGINATION,
                "'" + name + "' must be a whole number from " + min + (max == Integer.MAX_VALUE ? " up" : " to " + max),
                Map.of("parameter", name));
    }

    private static RestResponse<BatchView> answer(BatchCreation.Outcome outcome) {
        BatchView view = outcome.view();
        var response = RestResponse.ResponseBuilder.<BatchView>create(switch (outcome.kind()) {
            case CREATED -> RestResponse.Status.CREATED;
            case ACCEPTED -> RestResponse.Status.ACCEPTED;
            case REPLAYED -> RestResponse.Status.OK;
        }, view).location(URI.create("/v1/batches/" + view.batchId()));
        if (outcome.kind() == BatchCreation.Kind.ACCEPTED) {
            response.header("Preference-Applied", "respond-async");
        }
        if (outcome.kind() == BatchCreation.Kind.REPLAYED) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }
}
