package dev.debrief.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into RFC 7807 problem+json: our own {@link ApiProblem}s, the framework's HTTP errors
 * (404, 405, 406, 415, ...), validation failures, and anything unexpected (500, with no internals in the body).
 * Errors raised by the HTTP layer before a resource is chosen (413 body limit, unknown paths) are rendered by
 * router-level handlers registered here too, so no path answers in another format.
 */
@Singleton
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    private final ObjectMapper json;

    public ProblemMapper(ObjectMapper json) {
        this.json = json;
    }

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem, RoutingContext context) {
        Response.ResponseBuilder response = problem(context, problem.code(), problem.getMessage(), problem.extensions());
        problem.headers().forEach(response::header);
        return response.build();
    }

    /** Quarkus security's own refusals, should any arise outside the access gate: never its bare 401/403. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException refusal, RoutingContext context) {
        return problem(context, ErrorCode.UNAUTHORIZED, "A valid bearer token is required", Map.of())
                .header("WWW-Authenticate", "Bearer realm=\"debrief\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException refusal, RoutingContext context) {
        return respond(context, ErrorCode.FORBIDDEN, "The token does not allow this request", Map.of());
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
        if (DatabaseUnavailable.causes(failure)) {
            // Not a bug: the database is away (an outage, a restart). Readiness says so too; the caller tries again.
            LOG.warnf("The database is unreachable while handling %s %s: %s", context.request().method(), context.request().path(),
                    failure.getMessage());
            return respond(context, ErrorCode.SERVICE_UNAVAILABLE, "The service cannot reach its database; try again shortly",
                    Map.of("retry_after_seconds", 5));
        }
        LOG.errorf(failure, "Unexpected failure while handling %s %s", context.request().method(), context.request().path());
        return respond(context, ErrorCode.INTERNAL_ERROR, "The server could not handle the request", Map.of());
    }

    /** Router-level: failures and unknown paths outside JAX-RS (body limit, /q/unknown, ...). */
    void registerRouterHandlers(@Observes Router router) {
        for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
            router.errorHandler(status, this::renderRouterFailure);
        }
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
        Problem problem = Problem.of(code, detail, context.request().path(), RequestIds.of(context), Map.of());
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
        Object retryAfter = extensions.get("retry_after_seconds");
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
