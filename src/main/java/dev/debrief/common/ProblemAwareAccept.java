package dev.debrief.common;

import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Lets a client that accepts only problem details still reach every operation. Generated SDKs send the media types an
 * operation declares, and for one whose only body is an error (DELETE's 204) that is {@code application/problem+json}
 * alone; matched as it is, the request would be refused with 406 before the operation runs. A problem is JSON, so
 * such a client also accepts JSON: the header is read that way, and errors still go out as problem+json.
 */
class ProblemAwareAccept {

    @ServerRequestFilter(preMatching = true)
    void acceptJsonWithProblems(ResteasyReactiveContainerRequestContext request) {
        List<String> accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        if (accept == null || accept.isEmpty()) {
            return;
        }
        String joined = String.join(",", accept).toLowerCase(Locale.ROOT);
        if (joined.contains(Problem.MEDIA_TYPE) && !joined.contains("application/json") && !joined.contains("*/*")) {
            request.getHeaders().add(HttpHeaders.ACCEPT, "application/json;q=0.9");
        }
    }
}
