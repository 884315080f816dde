package dev.debrief.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debrief.common.ApiProblem;
import dev.debrief.common.ErrorCode;
import dev.debrief.common.FreshContexts;
import dev.debrief.common.Ids;
import dev.debrief.common.Problem;
import dev.debrief.common.RequestIds;
import dev.debrief.drive.DriveFileRecord;
import dev.debrief.drive.DriveFolderRecord;
import dev.debrief.upload.IncomingFile;
import dev.debrief.upload.StagedFile;
import dev.debrief.upload.UploadIntake;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Batches", description = "Upload a batch of test reports and follow its processing")
public class BatchResource {

    private static final Logger LOG = Logger.getLogger(BatchResource.class);
    private static final int MAX_FILES_WAITING_FOR_DRIVE = 10;

    private final UploadIntake intake;
    private final BatchService batches;
    private final BatchPipeline pipeline;
    private final BatchRemoval removal;
    private final FreshContexts contexts;
    private final BatchConfig config;
    private final ObjectMapper json;
    private final BatchDrive drive;

    BatchResource(UploadIntake intake, BatchService batches, BatchPipeline pipeline, BatchRemoval removal,
                  FreshContexts contexts, BatchConfig config, ObjectMapper json, BatchDrive drive) {
        this.intake = intake;
        this.batches = batches;
        this.pipeline = pipeline;
        this.removal = removal;
        this.contexts = contexts;
        this.config = config;
        this.json = json;
        this.drive = drive;
    }

    @POST
    @Path("/batches")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "createBatch", summary = "Upload 1–30 test reports as a batch",
            description = "Reads every file into a report, stores the results and summarises the class. Answers 201 when "
                    + "extraction and the summary are done, or 202 at once with Prefer: respond-async.")
    @APIResponse(responseCode = "201", description = "The batch, processed", content = @Content(schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "202", description = "The batch, accepted for processing (Prefer: respond-async)",
            content = @Content(schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "200", description = "A repeat of an earlier request with the same Idempotency-Key: the first batch",
            content = @Content(schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "400", description = "NO_FILES_PROVIDED, TOO_MANY_FILES, FILE_TOO_LARGE, INVALID_OPTIONS, TOO_MANY_FILES_FOR_SYNC_DRIVE",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "PAYLOAD_TOO_LARGE", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "NO_VALID_FILES, DRIVE_NOT_CONFIGURED",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<BatchView>> createBatch(
            BatchUploadForm form,
            @Parameter(in = ParameterIn.HEADER, description = "respond-async: answer 202 as soon as the files are stored")
            @RestHeader("Prefer") String prefer,
            @Parameter(in = ParameterIn.HEADER, description = "Repeating a key returns the first batch instead of a new one")
            @RestHeader("Idempotency-Key") String idempotencyKey,
            @Parameter(description = "Also wait for the Drive uploads (at most 10 files)") @RestQuery("wait_for_drive") String waitForDrive) {
        List<IncomingFile> incoming = form.allFiles().stream()
                .map(upload -> new IncomingFile(upload.fileName(), upload.uploadedFile(), upload.size()))
                .toList();
        intake.checkLimits(incoming);
        BatchOptions options = BatchOptions.parse(form.options, json);
        boolean driveUpload = flag(form.driveUpload, "drive_upload");
        if (flag(waitForDrive, "wait_for_drive") && incoming.size() > MAX_FILES_WAITING_FOR_DRIVE) {
            throw new ApiProblem(ErrorCode.TOO_MANY_FILES_FOR_SYNC_DRIVE,
                    "wait_for_drive=true is allowed for at most " + MAX_FILES_WAITING_FOR_DRIVE + " files; "
                            + incoming.size() + " were sent. Poll GET /v1/batches/{id} instead.",
                    Map.of("max_files", MAX_FILES_WAITING_FOR_DRIVE, "provided_count", incoming.size()));
        }
        if (form.driveFolderName != null && form.driveFolderName.length() > 100) {
            throw new ApiProblem(ErrorCode.INVALID_OPTIONS, "drive_folder_name is longer than 100 characters");
        }
        if (driveUpload && !drive.configured()) {
            throw new ApiProblem(ErrorCode.DRIVE_NOT_CONFIGURED, "This service has no Google Drive credentials configured");
        }
        boolean waitForDriveUploads = driveUpload && flag(waitForDrive, "wait_for_drive");
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
        if (key != null && key.length() > 255) {
            throw new ApiProblem(ErrorCode.INVALID_REQUEST, "Idempotency-Key is longer than 255 characters");
        }
        boolean respondAsync = prefer != null && prefer.toLowerCase(Locale.ROOT).contains("respond-async");
        String requestId = RequestIds.current();

        Uni<Optional<Batch>> earlier = key == null ? Uni.createFrom().item(Optional.empty()) : batches.findByIdempotencyKey(key);
        return earlier.chain(found -> found.isPresent()
                ? replay(found.get().id, requestId)
                : createNew(incoming, options, driveUpload, form.driveFolderName, key, respondAsync, waitForDriveUploads, requestId));
    }

    private Uni<RestResponse<BatchView>> createNew(List<IncomingFile> incoming, BatchOptions options, boolean driveUpload,
                                                   String driveFolderName, String key, boolean respondAsync,
                                                   boolean waitForDriveUploads, String requestId) {
        UUID batchId = UUID.randomUUID();
        // every incoming file becomes a file row (refused ones included), so the count is known before staging
        Batch batch = newBatch(batchId, incoming.size(), options, driveUpload, driveFolderName, key);
        return Uni.createFrom().item(() -> intake.stage(batchId, incoming))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(staged -> {
                    List<BatchFile> files = staged.stream().map(file -> newFile(batchId, file)).toList();
                    DriveFolderRecord driveFolder = driveUpload ? drive.plannedFolder(batch, options.generateSummary()) : null;
                    List<DriveFileRecord> driveFiles = driveUpload ? BatchDrive.plannedFiles(files) : List.of();
                    return contexts.run(requestId, () -> batches.register(batch, files, driveFolder, driveFiles))
                            .replaceWith(files)
                            .onFailure(BatchResource::isUniqueViolation).recoverWithUni(conflict -> {
                                intake.discardQuietly(batchId);
                                return contexts.run(requestId, () -> batches.findByIdempotencyKey(key))
                                        .map(winner -> { throw new SameKeyRace(winner.orElseThrow().id); });
                            });
                })
                .chain(files -> {
                    // The pipeline runs on its own: a client that hangs up never stops the files in hand.
                    Uni<Batch> processing = pipeline.run(batchId, batch.processingAttempts, files, options, requestId).memoize().indefinitely();
                    processing.subscribe().with(done -> { }, failure -> LOG.errorf(failure, "Batch %s did not finish", batchId));
                    // Drive starts now, beside extraction: the files are staged and that is all it needs.
                    Uni<String> archiving = driveUpload
                            ? drive.archiveNew(batch, files, processing, options.generateSummary(), requestId).memoize().indefinitely()
                            : Uni.createFrom().item(batch.driveUploadStatus);
                    if (driveUpload) {
                        archiving.subscribe().with(done -> { }, failure -> LOG.errorf(failure, "Drive archive of batch %s did not finish", batchId));
                    }
                    if (respondAsync) {
                        return contexts.run(requestId, () -> batches.view(batchId, false))
                                .map(view -> created(RestResponse.Status.ACCEPTED, view, true));
                    }
                    Uni<?> done = waitForDriveUploads ? Uni.combine().all().unis(processing, archiving).discardItems() : processing;
                    return done.chain(() -> contexts.run(requestId, () -> batches.view(batchId, options.includeIndividualReports())))
                            .map(view -> created(RestResponse.Status.CREATED, view, false));
                })
                .onFailure(SameKeyRace.class).recoverWithUni(race -> replay(((SameKeyRace) race).batchId, requestId));
    }

    private Uni<RestResponse<BatchView>> replay(UUID batchId, String requestId) {
        return contexts.run(requestId, () -> batches.live(batchId).chain(batch -> batches.view(batchId, false)))
                .map(view -> RestResponse.ResponseBuilder.ok(view)
                        .location(URI.create("/v1/batches/" + batchId))
                        .header("Idempotent-Replayed", "true")
                        .build());
    }

    @POST
    @Path("/extractor/batch/extract")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "extractBatch", summary = "Upload a batch (the seed's path; same contract as POST /v1/batches)",
            deprecated = true)
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = BatchView.class)))
    public Uni<RestResponse<BatchView>> extractBatch(BatchUploadForm form, @RestHeader("Prefer") String prefer,
                                                     @RestHeader("Idempotency-Key") String idempotencyKey,
                                                     @RestQuery("wait_for_drive") String waitForDrive) {
        return createBatch(form, prefer, idempotencyKey, waitForDrive);
    }

    @GET
    @Path("/batches/{batch_id}")
    @Operation(operationId = "getBatch", summary = "Batch status: counts, per-file progress, Drive progress, links")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "404", description = "BATCH_NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "BATCH_EXPIRED", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<BatchView> getBatch(@RestPath("batch_id") String batchId) {
        UUID id = Ids.parse(batchId, "batch");
        return batches.live(id).chain(batch -> batches.view(id, false));
    }

    @GET
    @Path("/batches/{batch_id}/summary")
    @Operation(operationId = "getBatchSummary", summary = "Where the class is weak: codes, areas, scores, pass rate, repeat takers, study plan")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BatchSummaryView.class)))
    @APIResponse(responseCode = "404", description = "BATCH_NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "SUMMARY_NOT_READY: the batch is still processing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "BATCH_EXPIRED", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<BatchSummaryView> getBatchSummary(@RestPath("batch_id") String batchId) {
        return batches.summary(Ids.parse(batchId, "batch"));
    }

    @GET
    @Path("/extractor/batch/{batch_id}/summary")
    @Operation(operationId = "getBatchSummaryAlias", summary = "The combined summary (the seed's path)", deprecated = true)
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BatchSummaryView.class)))
    public Uni<BatchSummaryView> getBatchSummaryAlias(@RestPath("batch_id") String batchId) {
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
            + "DRIVE_UPLOAD_IN_PROGRESS: extraction or uploads are still running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "BATCH_EXPIRED", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "DRIVE_NOT_CONFIGURED", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<DriveRetryView>> retryDriveUploads(@RestPath("batch_id") String batchId) {
        UUID id = Ids.parse(batchId, "batch");
        String requestId = RequestIds.current();
        return batches.live(id).chain(batch -> drive.retry(batch, requestId))
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
    public Uni<RestResponse<Void>> deleteBatch(@RestPath("batch_id") String batchId) {
        UUID id = Ids.parse(batchId, "batch");
        return batches.live(id).chain(batch -> {
            if (Batch.PROCESSING.equals(batch.status)) {
                // Its files are being written right now; deleting under them would lose track of work in flight.
                throw new ApiProblem(ErrorCode.BATCH_STILL_PROCESSING, "Batch " + id + " is still being processed; delete it once it has settled",
                        Map.of("retry_after_seconds", 2));
            }
            return removal.delete(id);
        }).map(deleted -> RestResponse.noContent());
    }

    @GET
    @Path("/batches/{batch_id}/reports")
    @Operation(operationId = "listBatchReports", summary = "The batch's per-file results, a page at a time, in upload order")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReportPage.class)))
    @APIResponse(responseCode = "400", description = "INVALID_PAGINATION, INVALID_ID", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "BATCH_NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "BATCH_EXPIRED", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ReportPage> listBatchReports(
            @RestPath("batch_id") String batchId,
            @Parameter(description = "Page number, from 1", schema = @Schema(defaultValue = "1", minimum = "1")) @RestQuery String page,
            @Parameter(description = "Items per page, 1 to 50", schema = @Schema(defaultValue = "10", minimum = "1", maximum = "50")) @RestQuery String limit,
            @Parameter(description = "Only files with this outcome", schema = @Schema(enumeration = {"success", "failed"})) @RestQuery String status) {
        UUID id = Ids.parse(batchId, "batch");
        int pageNumber = pagination(page, "page", 1, 1, Integer.MAX_VALUE);
        int pageSize = pagination(limit, "limit", 10, 1, 50);
        if (status != null && !status.equals(BatchFile.SUCCESS) && !status.equals(BatchFile.FAILED)) {
            throw new ApiProblem(ErrorCode.INVALID_PAGINATION, "status must be 'success' or 'failed'");
        }
        return batches.live(id).chain(batch -> batches.reports(id, pageNumber, pageSize, status));
    }

    @GET
    @Path("/extractor/batch/{batch_id}/reports")
    @Operation(operationId = "listBatchReportsAlias", summary = "The batch's per-file results (the seed's path)", deprecated = true)
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReportPage.class)))
    public Uni<ReportPage> listBatchReportsAlias(@RestPath("batch_id") String batchId, @RestQuery String page,
                                                 @RestQuery String limit, @RestQuery String status) {
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

    private static boolean flag(String raw, String name) {
        if (raw == null || raw.isBlank()) {
            return false;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ApiProblem(ErrorCode.INVALID_OPTIONS, "'" + name + "' must be true or false");
        };
    }

    private Batch newBatch(UUID id, int totalFiles, BatchOptions options, boolean driveUpload, String driveFolderName, String key) {
        Batch batch = new Batch();
        batch.id = id;
        batch.totalFiles = totalFiles;
        batch.status = Batch.PROCESSING;
        batch.createdAt = BatchService.now();
        batch.expiresAt = batch.createdAt.plus(config.lifetime());
        batch.processingLeaseUntil = batch.createdAt.plus(config.lease());
        batch.driveIntegrationEnabled = driveUpload;
        batch.driveUploadStatus = driveUpload ? DriveFileRecord.PENDING : "not_requested";
        batch.driveFolderPattern = driveUpload ? drive.folderPattern() : null;
        batch.driveFolderName = driveFolderName;
        batch.idempotencyKey = key;
        batch.options = options.toJson(json);
        return batch;
    }

    private static BatchFile newFile(UUID batchId, StagedFile staged) {
        BatchFile file = new BatchFile();
        file.id = UUID.randomUUID();
        file.batchId = batchId;
        file.fileName = staged.safeName();
        file.originalFileName = staged.originalName();
        file.fileSize = (int) staged.size();
        file.fileType = staged.type().map(type -> type.wireName()).orElse(null);
        file.processingOrder = staged.processingOrder();
        file.storageKey = staged.storageKey();
        file.createdAt = BatchService.now();
        if (staged.accepted()) {
            file.processingStatus = BatchFile.PENDING;
        } else {
            file.processingStatus = BatchFile.FAILED;
            file.errorCode = staged.refusal().orElseThrow().name();
            file.errorMessage = staged.refusal().orElseThrow() == dev.debrief.extraction.FailureType.EMPTY_FILE
                    ? "The file is empty" : "Only PDF, PNG and JPEG files are read";
            file.processingTimeMs = 0;
        }
        return file;
    }

    private static RestResponse<BatchView> created(RestResponse.Status status, BatchView view, boolean async) {
        var response = RestResponse.ResponseBuilder.<BatchView>create(status, view)
                .location(URI.create("/v1/batches/" + view.batchId()));
        if (async) {
            response.header("Preference-Applied", "respond-async");
        }
        return response.build();
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    /** Another request with the same Idempotency-Key won the race; answer with its batch. */
    private static final class SameKeyRace extends RuntimeException {
        private final UUID batchId;

        SameKeyRace(UUID batchId) {
            super(null, null, false, false);
            this.batchId = batchId;
        }
    }
}
