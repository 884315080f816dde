package dev.debrief.common;

import java.util.Map;
import java.util.UUID;

/** Path ids arrive as text; a malformed one is the client's mistake (400 INVALID_ID), not an unknown id. */
public final class Ids {

    private Ids() {
    }

    public static UUID parse(String raw, String what) {
        try {
            if (raw != null && raw.length() == 36) {
                return UUID.fromString(raw);
            }
        } catch (IllegalArgumentException ignored) {
            // answered below
        }
        throw new ApiProblem(ErrorCode.INVALID_ID, "'" + raw + "' is not a valid " + what + " id (a UUID is expected)",
                Map.of("parameter", what + "_id"));
    }
}
