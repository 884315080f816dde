package dev.debrief.access;

/**
 * The authenticated caller of a /v1 request: the school whose data it may see and change, and who it is (for
 * the record of who created a batch and for the logs).
 */
public record Caller(String school, String subject) {

    /** The school of every caller when access control is switched off (development only). */
    public static final String SCHOOL_WHEN_DISABLED = "default";
}
