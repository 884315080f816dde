package dev.debrief.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into RFC 7807 problem+json: our own {@link ApiProblem}s, the framework's HTTP errors
 * (404, 405, 406, 415, ...), validation failures, and anything unexpected (500, with no internals in the body).
 * Errors raised by the HTTP layer before a resource is chosen (413 body limit, unknown paths) are rendered by
 * router-level handlers registered here too, so no path answers in another format.
 *
 * <p>A request body the HTTP layer refuses (too large, too many parts, cut short, its client gone) is the
 * client's doing: it is answered with its documented 4xx (see {@link BodyRefusals}) and logged at DEBUG only.
 */
@Singleton
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /** Runs after the request id is assigned (RequestIds, 1000) and before Quarkus's own body limit, which answers 413 with no body. */
    private static final int DECLARED_SIZE_FILTER_PRIORITY = 900;
    private static final String BODY_REFUSED = "debrief.body-refused";

    private final ObjectMapper json;
    private final BodyRefusals bodies;

    public ProblemMapper(ObjectMapper json, BodyRefusals bodies) {
        this.json = json;
        this.bodies = bodies;
    }

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem, RoutingContext context) {
        Response.ResponseBuilder response = problem(context, problem.code(), problem.getMessage(), problem.extensions());
        problem.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException violations, RoutingContext context) {
        List<Map<String, String>> errors = violations.getConstraintViolations().stream()
                .map(v -> Map.of("field", lastNode(v.getPropertyPath().toString()), "message", v.getMessage()))
                .toList();
        return respond(context, ErrorCode.INVALID_REQUEST, "The request is not valid", Map.of("errors", errors));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException exception, RoutingContext context) {
        Optional<BodyRefusals.Refusal> refusal = bodies.classify(exception, context);
        if (refusal.isPresent()) {
            return refuse(context, refusal.get(), exception);
        }
        int status = exception.getResponse().getStatus();
        ErrorCode code = ErrorCode.forStatus(status);
        if (status >= 500) {
            LOG.errorf(exception, "HTTP %d while handling %s", status, context.request().path());
            return respond(context, code, "The server could not handle the request", Map.of());
        }
        return respond(context, code, describe(status, context), Map.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable failure, RoutingContext context) {
        Optional<BodyRefusals.Refusal> refusal = bodies.classify(failure, context);
        if (refusal.isPresent()) {
            return refuse(context, refusal.get(), failure);
        }
        if (DatabaseUnavailable.causes(failure)) {
            // Not a bug: the database is away (an outage, a restart). Readiness says so too; the caller tries again.
            LOG.warnf("The database is unreachable while handling %s %s: %s", context.request().method(), context.request().path(),
                    failure.getMessage());
            return respond(context, ErrorCode.SERVICE_UNAVAILABLE, "The service cannot reach its database; try again shortly",
                    Map.of(ApiProblem.RETRY_AFTER_SECONDS, 5));
        }
        LOG.errorf(failure, "Unexpected failure while handling %s %s", context.request().method(), context.request().path());
        return respond(context, ErrorCode.INTERNAL_ERROR, "The server could not handle the request", Map.of());
    }

    /** Router-level: failures and unknown paths outside JAX-RS (body limit, /q/unknown, ...). */
    void registerRouterHandlers(@Observes Router router) {
        for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
            router.errorHandler(status, this::renderRouterFailure);
        }
        // Before Quarkus's last-resort handler, which logs every failure it sees at ERROR
        router.route().failureHandler(this::routeFailure);
    }

    void registerBodyLimit(@Observes Filters filters) {
        filters.register(this::refuseDeclaredOversize, DECLARED_SIZE_FILTER_PRIORITY);
    }

    /**
     * A body declared over the limit is refused from its Content-Length, as Quarkus would, but as problem+json.
     * The connection is closed after the answer, as Quarkus does, rather than reading what the client still sends.
     */
    private void refuseDeclaredOversize(RoutingContext context) {
        Optional<BodyRefusals.Refusal> refusal = bodies.declaredTooLarge(context.request());
        if (refusal.isEmpty()) {
            context.next();
            return;
        }
        LOG.debugf("Refused %s %s: %s", context.request().method(), context.request().path(), refusal.get().detail());
        context.response().putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(ended -> context.request().connection().close());
        writeProblem(context, refusal.get().code(), refusal.get().detail(), refusal.get().extensions());
    }

    /**
     * Failures handed to the router: what RESTEasy could not map, and what its multipart reader raises after the
     * request was already answered (the rest of a refused body still arriving). The latter need no answer.
     */
    private void routeFailure(RoutingContext context) {
        Throwable failure = context.failure();
        Optional<BodyRefusals.Refusal> refusal = failure == null ? Optional.empty() : bodies.classify(failure, context);
        if (context.response().headWritten() || context.response().closed()) {
            if (failure == null || refusal.isPresent() || context.get(BODY_REFUSED) != null) {
                LOG.debugf("After the answer to %s %s was sent: %s", context.request().method(), context.request().path(), failure);
            } else {
                LOG.errorf(failure, "Failure after the answer to %s %s was sent", context.request().method(), context.request().path());
            }
            if (!context.response().ended() && !context.response().closed()) {
                context.response().end();
            }
            return;
        }
        if (refusal.isPresent()) {
            logRefusal(context, refusal.get(), failure);
            stopReading(context);
            writeProblem(context, refusal.get().code(), refusal.get().detail(), refusal.get().extensions());
            return;
        }
        context.next();
    }

    private Response refuse(RoutingContext context, BodyRefusals.Refusal refusal, Throwable failure) {
        logRefusal(context, refusal, failure);
        if (!refusal.clientGone()) {
            stopReading(context);
        }
        return respond(context, refusal.code(), refusal.detail(), refusal.extensions());
    }

    private static void logRefusal(RoutingContext context, BodyRefusals.Refusal refusal, Throwable failure) {
        context.put(BODY_REFUSED, Boolean.TRUE);
        // The client's doing, and routine (a dropped connection, a wrong client): no stack trace, no alert
        LOG.debugf("Refused the body of %s %s: %s (%s)", context.request().method(), context.request().path(),
                refusal.detail(), failure);
    }

    /**
     * The multipart reader is left holding a refused body: whatever still arrives would reach it again and fail
     * once more. The rest is read and dropped instead, so the client can finish sending and read the answer (a
     * client cut off mid-send often never does); past another max-body-size of it, the connection is closed.
     */
    private void stopReading(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.isEnded()) {
            return;
        }
        AtomicLong dropped = new AtomicLong();
        request.exceptionHandler(ignored -> { });
        request.endHandler(ended -> { });
        request.handler(chunk -> {
            if (dropped.addAndGet(chunk.length()) > bodies.maxBodySize()) {
                request.handler(null);
                request.connection().close();
            }
        });
        request.resume();
    }

    private void renderRouterFailure(RoutingContext context) {
        int status = context.statusCode() > 0 ? context.statusCode() : 500;
        if (context.response().headWritten()) {
            return;
        }
        ErrorCode code = ErrorCode.forStatus(status);
        if (status >= 500 && context.failure() != null) {
            LOG.errorf(context.failure(), "Failure outside the REST layer on %s", context.request().path());
        }
        String detail = status >= 500 ? "The server could not handle the request" : describe(status, context);
        writeProblem(context, status, Problem.of(code, detail, context.request().path(), RequestIds.of(context), Map.of()));
    }

    private void writeProblem(RoutingContext context, ErrorCode code, String detail, Map<String, Object> extensions) {
        writeProblem(context, code.status(),
                Problem.of(code, detail, context.request().path(), RequestIds.of(context), new LinkedHashMap<>(extensions)));
    }

    private void writeProblem(RoutingContext context, int status, Problem problem) {
        try {
            context.response()
                    .setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.response().setStatusCode(status).end();
        }
    }

    private Response respond(RoutingContext context, ErrorCode code, String detail, Map<String, Object> extensions) {
        return problem(context, code, detail, extensions).build();
    }

    private static Response.ResponseBuilder problem(RoutingContext context, ErrorCode code, String detail, Map<String, Object> extensions) {
        Problem problem = Problem.of(code, detail, context.request().path(), RequestIds.of(context), new LinkedHashMap<>(extensions));
        Response.ResponseBuilder response = Response.status(code.status()).type(Problem.MEDIA_TYPE).entity(problem);
        Object retryAfter = extensions.get(ApiProblem.RETRY_AFTER_SECONDS);
        if (retryAfter != null) {
            response.header("Retry-After", retryAfter);
        }
        return response;
    }

    private static String describe(int status, RoutingContext context) {
        String path = context.request().path();
        return switch (status) {
            case 404 -> "Nothing is found at " + path;
            case 405 -> context.request().method() + " is not allowed on " + path;
            case 406 -> "The requested representation is not available";
            case 413 -> "The request body is larger than the service accepts";
            case 415 -> "The request's content type is not accepted here";
            default -> "The request could not be processed";
        };
    }

    /** The field as clients name it: the wire is snake_case, the Java parameter or member is not. */
    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        String name = dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
