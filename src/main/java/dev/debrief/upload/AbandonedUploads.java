package dev.debrief.upload;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * A client that hangs up in the middle of its upload. RESTEasy Reactive's multipart reader waits for the end of
 * the body and is not told that the connection closed, so the request would never finish and the part it had
 * already written to the uploads directory would stay there. Failing the request when the connection closes
 * before its body has ended finishes it the usual way: the reader's files are removed with the request, and
 * the failure is answered (to nobody) and logged at DEBUG by the ProblemMapper.
 *
 * <p>Pre-matching, so it is in place before the reader starts.
 */
@ApplicationScoped
public class AbandonedUploads {

    @ServerRequestFilter(preMatching = true)
    public void watch(ResteasyReactiveContainerRequestContext request, HttpServerRequest http) {
        MediaType type = request.getMediaType();
        if (type == null || !type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE) || http.isEnded()) {
            return;
        }
        AtomicBoolean failed = new AtomicBoolean();
        http.exceptionHandler(closed -> {
            // Once answered (a refusal, a 401) the request is finished and has nothing left to fail
            if (!http.isEnded() && !http.response().ended() && failed.compareAndSet(false, true)) {
                request.resume(new IOException("The connection closed before the request body was read", closed));
            }
        });
    }
}
