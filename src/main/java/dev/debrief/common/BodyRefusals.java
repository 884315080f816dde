package dev.debrief.common;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells which limit of the HTTP layer a request body broke, or that its client went away, so that each is
 * answered with its documented code rather than a bare status or a 500.
 *
 * <p>RESTEasy Reactive's multipart reader says little: a {@code WebApplicationException(413)} for both a body over
 * {@code max-body-size} and a text part over {@code max-form-attribute-size}, a plain {@code RuntimeException}
 * ("Param limit of N was exceeded") past {@code max-parameters} parts, and an {@code IOException} ("Connection
 * terminated ...") for a body that ended before its closing boundary. The two texts matched here are pinned by
 * MultipartFailuresTest, so an upgrade that rewords them fails the build instead of turning 400s back into 500s.
 */
@Singleton
public class BodyRefusals {

    private static final Pattern PART_LIMIT = Pattern.compile("Param limit of \\d+ was exceeded");
    private static final String UNTERMINATED = "Connection terminated";

    private final long maxBodySize;
    private final long maxFieldSize;
    private final int maxParts;
    private final long maxRequestSize;

    BodyRefusals(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
                 @ConfigProperty(name = "quarkus.http.limits.max-form-attribute-size") MemorySize maxFieldSize,
                 @ConfigProperty(name = "quarkus.http.limits.max-parameters") int maxParts,
                 @ConfigProperty(name = "debrief.upload.max-request-size") MemorySize maxRequestSize) {
        this.maxBodySize = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        this.maxFieldSize = maxFieldSize.asLongValue();
        this.maxParts = maxParts;
        this.maxRequestSize = maxRequestSize.asLongValue();
    }

    /** Why the body was not taken, as the client will read it; {@code clientGone}: nobody is left to read it. */
    public record Refusal(ErrorCode code, String detail, Map<String, Object> extensions, boolean clientGone) {
    }

    /** The bytes the HTTP layer reads of one body, at most; beyond them a client is cut off. */
    public long maxBodySize() {
        return maxBodySize;
    }

    /** A body declared larger than the transport limit, refused before a byte of it is read. */
    public Optional<Refusal> declaredTooLarge(HttpServerRequest request) {
        String declared = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (declared == null) {
            return Optional.empty();
        }
        try {
            long length = Long.parseLong(declared.strip());
            return length > maxBodySize ? Optional.of(bodyTooLarge(length)) : Optional.empty();
        } catch (NumberFormatException malformed) {
            // Not ours to judge: the HTTP codec answers a malformed Content-Length itself
            return Optional.empty();
        }
    }

    /** The refusal a failure stands for, when it was raised reading the request body; empty for anything else. */
    public Optional<Refusal> classify(Throwable failure, RoutingContext context) {
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() == 413) {
            // The reader counts both limits with the same exception; only the bytes read tell them apart
            return Optional.of(context.request().bytesRead() > maxBodySize ? bodyTooLarge(-1) : fieldTooLarge());
        }
        if (failure.getClass() == RuntimeException.class && failure.getMessage() != null
                && PART_LIMIT.matcher(failure.getMessage()).matches()) {
            return Optional.of(tooManyParts());
        }
        if (failure instanceof IOException || failure instanceof HttpClosedException) {
            if (context.response().closed()) {
                return Optional.of(new Refusal(ErrorCode.INVALID_REQUEST,
                        "The client closed the connection before its request was read", Map.of(), true));
            }
            if (failure instanceof IOException && failure.getMessage() != null && failure.getMessage().startsWith(UNTERMINATED)) {
                return Optional.of(new Refusal(ErrorCode.INVALID_REQUEST,
                        "The multipart body ended before its closing boundary", Map.of(), false));
            }
        }
        return Optional.empty();
    }

    private Refusal bodyTooLarge(long declared) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("max_request_size_bytes", maxRequestSize);
        extensions.put("max_body_size_bytes", maxBodySize);
        if (declared >= 0) {
            extensions.put("provided_size_bytes", declared);
        }
        return new Refusal(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than the service accepts: at most "
                + maxRequestSize + " bytes of files, " + maxBodySize + " bytes of body with its multipart framing",
                extensions, false);
    }

    private Refusal fieldTooLarge() {
        return new Refusal(ErrorCode.PAYLOAD_TOO_LARGE, "A form field that is not a file is larger than "
                + maxFieldSize + " bytes", Map.of("max_form_field_size_bytes", maxFieldSize), false);
    }

    private Refusal tooManyParts() {
        return new Refusal(ErrorCode.INVALID_REQUEST, "The form has more than " + maxParts
                + " parts; a batch needs only its files, options, drive_upload and drive_folder_name",
                Map.of("max_form_parts", maxParts), false);
    }
}
