package dev.debrief.drive;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failed Drive call, classified once (by {@link DriveErrors}) so that the scheduler only asks
 * questions of it instead of re-parsing HTTP errors.
 *
 * <p>The message is for the log: it may quote Google's own error text, which is not ours to show callers.
 * What callers are told is {@link DriveErrors#forCallers}.
 */
public class DriveCallException extends RuntimeException {

    /** What the scheduler should do next. */
    public enum Kind {
        /** Transient: back off and try the same call again. */
        RETRYABLE,
        /** Every further call of this batch would fail the same way (quota, credentials): stop the batch. */
        FATAL_FOR_BATCH,
        /** This call failed for good, but the batch's other calls may still succeed (e.g. 400, 404). */
        FAILED
    }

    private final Kind kind;
    private final String reason;
    private final Duration retryAfter;
    private final Integer status;

    public DriveCallException(Kind kind, String reason, Duration retryAfter, String message, Throwable cause) {
        this(kind, reason, null, retryAfter, message, cause);
    }

    /** @param status Drive's HTTP status, when the call got an answer */
    public DriveCallException(Kind kind, String reason, Integer status, Duration retryAfter, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** A short machine-readable cause: Google's error reason, or {@code http_<status>}, {@code connection}, {@code timeout}. */
    public String reason() {
        return reason;
    }

    /** Drive's HTTP status; empty when no answer came (network, token endpoint, local failures). */
    public Optional<Integer> status() {
        return Optional.ofNullable(status);
    }

    /** The server's Retry-After, when it sent one; the scheduler waits at least this long. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean retryable() {
        return kind == Kind.RETRYABLE;
    }
}
