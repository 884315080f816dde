package dev.debrief.drive;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failed Drive call, classified once (by {@link DriveErrors}) so that the scheduler only asks
 * questions of it instead of re-parsing HTTP errors.
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

    public DriveCallException(Kind kind, String reason, Duration retryAfter, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** A short machine-readable cause: Google's error reason, or {@code http_<status>}, {@code connection}, {@code timeout}. */
    public String reason() {
        return reason;
    }

    /** The server's Retry-After, when it sent one; the scheduler waits at least this long. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean retryable() {
        return kind == Kind.RETRYABLE;
    }
}
