package dev.debrief.batch;

import dev.debrief.access.CurrentCaller;
import dev.debrief.common.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Looks up the batch of an event stream before the stream starts. An SSE answer commits its 200 and headers as soon
 * as the method returns, so an unknown, foreign or expired batch found later could only cut the stream; found here,
 * it is the same 404 or 410 problem every batch endpoint answers.
 */
class BatchEventAccess {

    private final BatchService batches;
    private final CurrentCaller caller;

    BatchEventAccess(BatchService batches, CurrentCaller caller) {
        this.batches = batches;
        this.caller = caller;
    }

    @ServerRequestFilter(priority = Priorities.USER)
    Uni<Response> batchOfTheStream(ResteasyReactiveContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource.getResourceClass() != BatchEventResource.class) {
            return Uni.createFrom().nullItem();
        }
        String batchId = request.getUriInfo().getPathParameters().getFirst("batch_id");
        return batches.live(caller.school(), Ids.parse(batchId, "batch")).replaceWith((Response) null);
    }
}
