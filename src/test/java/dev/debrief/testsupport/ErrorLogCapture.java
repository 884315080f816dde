package dev.debrief.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects every record logged at ERROR (or above) anywhere in the process while it is open: a request that a
 * client got wrong must not page anyone. Quarkus logs through the JBoss LogManager, which is the JUL manager in
 * tests (see the surefire configuration), so a handler on the JUL root logger sees every category.
 *
 * <pre>{@code try (ErrorLogCapture errors = ErrorLogCapture.start()) { ...; assertThat(errors.messages()).isEmpty(); }}</pre>
 */
public final class ErrorLogCapture implements AutoCloseable {

    private final Logger root = Logger.getLogger("");
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                Throwable thrown = record.getThrown();
                messages.add("[" + record.getLoggerName() + "] " + record.getMessage()
                        + (thrown == null ? "" : " <" + thrown + ">"));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private ErrorLogCapture() {
        root.addHandler(handler);
    }

    public static ErrorLogCapture start() {
        return new ErrorLogCapture();
    }

    /** What was logged at ERROR so far (the raw message, before parameters are filled in, and the exception). */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        root.removeHandler(handler);
    }
}
