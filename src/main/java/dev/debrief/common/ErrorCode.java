package dev.debrief.common;

/**
 * The stable machine-readable error codes of the API, each with the HTTP status and title it is always
 * answered with. Clients switch on {@code code}; the type URI is derived from it so both never drift apart.
 */
public enum ErrorCode {
    NO_FILES_PROVIDED(400, "No files provided"),
    TOO_MANY_FILES(400, "Too many files"),
    FILE_TOO_LARGE(400, "File too large"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    NO_VALID_FILES(422, "No valid files"),
    INVALID_OPTIONS(400, "Invalid options"),
    TOO_MANY_FILES_FOR_SYNC_DRIVE(400, "Too many files to wait for Drive"),
    DRIVE_NOT_CONFIGURED(422, "Google Drive is not configured"),
    INVALID_PAGINATION(400, "Invalid pagination"),
    INVALID_ID(400, "Invalid id"),
    INVALID_REQUEST(400, "Invalid request"),
    BATCH_NOT_FOUND(404, "Batch not found"),
    REPORT_NOT_FOUND(404, "Report not found"),
    ACS_CODE_NOT_FOUND(404, "ACS code not found"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    CONFLICT(409, "Conflict"),
    SUMMARY_NOT_READY(409, "Summary not ready"),
    BATCH_STILL_PROCESSING(409, "Batch still processing"),
    DRIVE_NOT_REQUESTED(409, "Drive archiving was not requested"),
    DRIVE_UPLOAD_IN_PROGRESS(409, "Drive upload in progress"),
    BATCH_EXPIRED(410, "Batch expired"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    RATE_LIMIT_EXCEEDED(429, "Rate limit exceeded"),
    UNAUTHORIZED(401, "Unauthorized"),
    FORBIDDEN(403, "Forbidden"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused"),
    SERVICE_BUSY(503, "Service busy"),
    SERVICE_UNAVAILABLE(503, "Service unavailable"),
    INTERNAL_ERROR(500, "Internal error");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String typeUri() {
        return "urn:debrief:problem:" + name().toLowerCase().replace('_', '-');
    }

    /** The generic code for a status produced outside our own code (the HTTP layer, the framework). */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMIT_EXCEEDED;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
        };
    }
}
