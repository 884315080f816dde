package dev.debrief.extraction;

import java.util.Objects;

/**
 * A file could not be turned into a report. The message goes to the client as it is, so it never
 * carries a path, a stack trace or a library's own wording; the cause keeps those for the logs.
 */
public class ExtractionException extends RuntimeException {

    private final FailureType type;

    public ExtractionException(FailureType type, String message) {
        this(type, message, null);
    }

    public ExtractionException(FailureType type, String message, Throwable cause) {
        super(message, cause);
        this.type = Objects.requireNonNull(type, "type");
    }

    public FailureType type() {
        return type;
    }
}
