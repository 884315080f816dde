package dev.debrief.batch;

import dev.debrief.common.Ids;
import dev.debrief.common.Problem;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

/** A batch's progress as it happens, as Server-Sent Events. */
// The class path is the one every /v1 resource shares: JAX-RS picks a resource by its class path first
@Path("/v1")
@Tag(name = "Batches")
public class BatchEventResource {

    private final BatchEventStream stream;

    BatchEventResource(BatchEventStream stream) {
        this.stream = stream;
    }

    @GET
    @Path("/batches/{batch_id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "followBatchEvents", summary = "The batch's progress as Server-Sent Events",
            description = "Events: file (processing, then success with score and exam code, or failed with its error code), "
                    + "drive (the archive's status), drive_upload (one file, or summary.json / class-report.pdf as its document, "
                    + "completed with its Drive link, failed, or pending for a later round), summary (ready, with its URL) and end (the batch settled, and its Drive "
                    + "archive when asked for), after which the stream closes. Every event has an id; reconnect with "
                    + "Last-Event-ID to resume right after it. A comment is sent while nothing happens, so proxies keep the "
                    + "stream open. A batch that has ended answers its whole log at once.")
    @APIResponse(responseCode = "200", description = "The event stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "BATCH_NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "BATCH_EXPIRED", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "SERVICE_BUSY: this replica follows as many streams as it may; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Multi<OutboundSseEvent> followBatchEvents(
            @Parameter(description = "The batch id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @RestPath("batch_id") String batchId,
            @Parameter(in = ParameterIn.HEADER, name = "Last-Event-ID", description = "The id of the last event received: the stream resumes after it",
                    schema = @Schema(type = SchemaType.STRING))
            @RestHeader("Last-Event-ID") String lastEventId,
            @Context Sse sse) {
        UUID id = Ids.parse(batchId, "batch");
        // BatchEventAccess has looked the batch up already: once the stream has started, a 404 could not be sent
        return stream.follow(id, after(lastEventId), sse);
    }

    /** A Last-Event-ID that is not one of ours starts from the beginning: every event again rather than none. */
    private static int after(String lastEventId) {
        if (lastEventId == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(lastEventId.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
