package dev.debrief.common;

import java.util.Set;

/**
 * Whether a failure means the database could not be reached (refused, dropped, timed out while connecting), as
 * opposed to a bug or a refused statement: the first is answered 503 and retried, the second is not.
 */
public final class DatabaseUnavailable {

    /* By name: the same conditions come from the JDK, Netty and Vert.x, in classes that move between versions. */
    private static final Set<String> CONNECTION_FAILURES = Set.of("ConnectException", "AnnotatedConnectException",
            "ConnectTimeoutException", "ClosedChannelException", "ClosedConnectionException", "NoRouteToHostException");

    private DatabaseUnavailable() {
    }

    public static boolean causes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (CONNECTION_FAILURES.contains(cause.getClass().getSimpleName())) {
                return true;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (CONNECTION_FAILURES.contains(suppressed.getClass().getSimpleName())) {
                    return true;
                }
            }
        }
        return false;
    }
}
