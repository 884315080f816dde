package dev.debrief.common;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every request an id: the caller's {@code X-Request-ID} (or {@code X-Correlation-ID}) when it is a sane
 * token, else a fresh UUID. The id goes back in the {@code X-Request-ID} header, into problem details, and into
 * the MDC so every log line of the request carries it (Quarkus keeps the MDC on the request's Vert.x context).
 */
@Singleton
public class RequestIds {

    public static final String HEADER = "X-Request-ID";
    public static final String CORRELATION_HEADER = "X-Correlation-ID";
    public static final String MDC_KEY = "request_id";
    private static final String CONTEXT_KEY = "debrief.request-id";
    // Anything a client may send that is safe to echo into headers and logs.
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    void register(@Observes Filters filters) {
        filters.register(this::assign, 1000);
    }

    private void assign(RoutingContext context) {
        String id = chooseId(context.request());
        context.put(CONTEXT_KEY, id);
        MDC.put(MDC_KEY, id);
        context.response().putHeader(HEADER, id);
        context.next();
    }

    static String chooseId(HttpServerRequest request) {
        for (String header : new String[] {HEADER, CORRELATION_HEADER}) {
            String offered = request.getHeader(header);
            if (offered != null && ACCEPTABLE.matcher(offered).matches()) {
                return offered;
            }
        }
        return UUID.randomUUID().toString();
    }

    /** The id of the request whose context the caller runs on. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }

    /** The id of the request being handled, when called on its context. */
    public static String of(RoutingContext context) {
        Object id = context == null ? null : context.get(CONTEXT_KEY);
        if (id != null) {
            return id.toString();
        }
        Object fromLog = MDC.get(MDC_KEY);
        return fromLog == null ? null : fromLog.toString();
    }
}
