package dev.debrief.drive;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;
import com.google.auth.Retryable;
import dev.debrief.drive.DriveCallException.Kind;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns whatever the Google client threw into a {@link DriveCallException} (DOMAIN.md §4). Pure: no
 * I/O, and the clock is only read to turn an HTTP-date Retry-After into a delay.
 */
public final class DriveErrors {

    /** Quotas that will not come back within the batch's retry window. */
    private static final Set<String> FATAL_REASONS = Set.of(
            "storageQuotaExceeded", "dailyLimitExceeded", "quotaExceeded",
            "activeItemCreationLimitExceeded", "teamDriveFileLimitExceeded",
            "numChildrenInNonRootLimitExceeded", "accessNotConfigured");

    /** Google's per-user/per-project pacing answers: slow down and try again. */
    private static final Set<String> RATE_LIMIT_REASONS = Set.of(
            "userRateLimitExceeded", "rateLimitExceeded", "sharingRateLimitExceeded");

    /**
     * 403s that concern one call only. Sharing policies refuse "anyone with the link" while uploads into
     * the same folder keep working, so they must not stop the batch.
     */
    private static final Set<String> PER_CALL_403_REASONS = Set.of(
            "publishOutNotPermitted", "shareOutNotPermitted", "shareInNotPermitted",
            "cannotShareTeamDriveTopFolderWithAnyoneOrDomains",
            "teamDriveDomainUsersOnlyRestriction", "teamDriveTeamMembersOnlyRestriction",
            "cannotModifyViewersCanCopyContent", "fileNotDownloadable");

    private static final int MAX_CAUSE_DEPTH = 16;

    /**
     * Google's reasons that callers may see as a code, with our words for them. Google's reason is a stable
     * identifier, but any other one it might send is shown as {@code http_<status>}: what callers read is a set this
     * service chose.
     */
    private static final Map<String, String> GOOGLE_REASON_WORDS = Map.ofEntries(
            Map.entry("storageQuotaExceeded", "the storage quota is exceeded"),
            Map.entry("dailyLimitExceeded", "the daily limit is exceeded"),
            Map.entry("quotaExceeded", "a quota is exceeded"),
            Map.entry("activeItemCreationLimitExceeded", "the limit of items made is reached"),
            Map.entry("teamDriveFileLimitExceeded", "the shared drive holds as many items as it may"),
            Map.entry("numChildrenInNonRootLimitExceeded", "the folder holds as many items as it may"),
            Map.entry("accessNotConfigured", "the Drive API is not enabled for the service's Google Cloud project"),
            Map.entry("rateLimitExceeded", "too many requests"),
            Map.entry("userRateLimitExceeded", "too many requests"),
            Map.entry("sharingRateLimitExceeded", "too many sharing requests"),
            Map.entry("backendError", "Drive failed"),
            Map.entry("internalError", "Drive failed"),
            Map.entry("authError", "the credentials were refused"),
            Map.entry("insufficientPermissions", "the credentials do not allow it"),
            Map.entry("insufficientFilePermissions", "the service may not write there"),
            Map.entry("appNotAuthorizedToFile", "the service may not write there"),
            Map.entry("forbidden", "the service may not do that"),
            Map.entry("domainPolicy", "the domain's policy forbids it"),
            Map.entry("publishOutNotPermitted", "the domain's sharing policy forbids it"),
            Map.entry("shareOutNotPermitted", "the domain's sharing policy forbids it"),
            Map.entry("shareInNotPermitted", "the domain's sharing policy forbids it"),
            Map.entry("cannotShareTeamDriveTopFolderWithAnyoneOrDomains", "the shared drive's sharing policy forbids it"),
            Map.entry("teamDriveDomainUsersOnlyRestriction", "the shared drive's sharing policy forbids it"),
            Map.entry("teamDriveTeamMembersOnlyRestriction", "the shared drive's sharing policy forbids it"),
            Map.entry("notFound", "the folder or file is not there, or the service may not see it"),
            Map.entry("badRequest", "the request was not valid"),
            Map.entry("invalid", "the request was not valid"),
            Map.entry("uploadTooLarge", "the file is too large"));

    /** Reasons of our own (no Drive answer, or none we could read), with our words. */
    private static final Map<String, String> OWN_REASON_WORDS = Map.of(
            "timeout", "Drive did not answer in time",
            "connection", "the connection to Drive failed",
            "unknown_host", "Drive's address could not be resolved",
            "auth_token_endpoint", "no Drive access token could be obtained",
            "auth_refresh_failed", "the token endpoint refused the service's credentials",
            "auth_scope_too_broad", "the service's credentials grant more than the drive.file scope, so they are not used",
            "local_file_unreadable", "the staged copy of the file could not be read",
            "local_queue_full", "the service had too many Drive calls waiting",
            "interrupted", "the service was stopping");

    private DriveErrors() {
    }

    /**
     * What a caller is told about a failed call: our own words, made from the classified reason, the HTTP status and
     * the attempts alone. Google's message, and any exception's, stays in the log: it is free text that may name
     * accounts, projects or internals, and changes without notice. Starts with a code clients may match on (a reason
     * listed here, or {@code http_<status>}).
     *
     * @param what what Drive would have done, read after "refused", e.g. "the upload"
     */
    public static String forCallers(DriveCallException failure, String what) {
        Integer status = failure.status().orElse(null);
        String reason = failure.reason();
        int attempts = failure instanceof DriveCalls.OutOfAttempts out ? out.attempts() : 0;
        String code;
        String words;
        if (OWN_REASON_WORDS.containsKey(reason)) {
            code = reason;
            words = OWN_REASON_WORDS.get(reason);
            if (attempts > 1 && ("timeout".equals(reason) || "connection".equals(reason))) {
                words = "timeout".equals(reason) ? "Drive kept not answering in time" : "the connection to Drive kept failing";
            }
        } else if (status == null) {
            code = "unexpected";
            words = "the Drive call failed unexpectedly";
        } else {
            code = GOOGLE_REASON_WORDS.containsKey(reason) ? reason : "http_" + status;
            String said = GOOGLE_REASON_WORDS.get(reason);
            if (status == 401) {
                words = "Drive rejected the service's credentials (HTTP 401)";
            } else if (failure.retryable()) {
                words = (attempts > 1 ? "Drive kept answering " : "Drive answered ") + status
                        + (said != null && RATE_LIMIT_REASONS.contains(reason) ? " (" + said + ")" : "");
            } else {
                words = "Google Drive refused " + what + ": " + (said != null ? said : "HTTP " + status)
                        + (said != null ? " (HTTP " + status + ")" : "");
            }
        }
        return code + ": " + words + (attempts > 1 ? "; tried " + attempts + " times" : "");
    }

    public static DriveCallException classify(Throwable t) {
        return classify(t, Clock.systemUTC());
    }

    static DriveCallException classify(Throwable t, Clock clock) {
        if (t == null) {
            return new DriveCallException(Kind.FAILED, "unknown", null, "Drive call failed for an unknown reason", null);
        }
        // The first recognisable link of the cause chain wins: a token-endpoint failure wraps the token
        // endpoint's own HTTP error, which must not be read as a Drive status.
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        IOException firstIo = null;
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_CAUSE_DEPTH && seen.add(c); c = c.getCause(), depth++) {
            if (c instanceof DriveCallException d) {
                return d;
            }
            if (c instanceof Retryable r && c instanceof IOException) {
                return r.isRetryable()
                        ? new DriveCallException(Kind.RETRYABLE, "auth_token_endpoint", null,
                                "Could not obtain a Drive access token: " + c.getMessage(), t)
                        : new DriveCallException(Kind.FATAL_FOR_BATCH, "auth_refresh_failed", null,
                                "Drive credentials were refused by the token endpoint: " + c.getMessage(), t);
            }
            if (c instanceof HttpResponseException h) {
                return fromHttp(h, t, clock);
            }
            if (firstIo == null && c instanceof IOException io) {
                firstIo = io;
            }
        }
        if (firstIo != null) {
            return fromIo(firstIo, t);
        }
        return new DriveCallException(Kind.FAILED, "unexpected", null,
                "Drive call failed: " + t.getClass().getSimpleName() + ": " + t.getMessage(), t);
    }

    private static DriveCallException fromHttp(HttpResponseException h, Throwable original, Clock clock) {
        int status = h.getStatusCode();
        String googleReason = null;
        String googleMessage = null;
        if (h instanceof GoogleJsonResponseException g && g.getDetails() != null) {
            GoogleJsonError details = g.getDetails();
            googleMessage = details.getMessage();
            if (details.getErrors() != null && !details.getErrors().isEmpty()) {
                googleReason = details.getErrors().get(0).getReason();
            }
        }
        String reason = googleReason != null && !googleReason.isBlank() ? googleReason : "http_" + status;
        Duration retryAfter = h.getHeaders() == null ? null
                : parseRetryAfter(h.getHeaders().getFirstHeaderStringValue("Retry-After"), clock);
        String message = "Drive answered " + status + " " + reason
                + (googleMessage != null ? ": " + googleMessage : "");
        return new DriveCallException(kindOf(status, googleReason), reason, status, retryAfter, message, original);
    }

    static Kind kindOf(int status, String reason) {
        if (status == 401) {
            return Kind.FATAL_FOR_BATCH;
        }
        if (reason != null && FATAL_REASONS.contains(reason)) {
            return Kind.FATAL_FOR_BATCH;
        }
        if (reason != null && RATE_LIMIT_REASONS.contains(reason)) {
            return Kind.RETRYABLE;
        }
        if (status == 408 || status == 429 || (status >= 500 && status <= 599)) {
            return Kind.RETRYABLE;
        }
        if (status == 403) {
            // Anything else Drive refuses with 403 is an authorisation problem that every later call of
            // the batch would hit too.
            return reason != null && PER_CALL_403_REASONS.contains(reason) ? Kind.FAILED : Kind.FATAL_FOR_BATCH;
        }
        return Kind.FAILED;
    }

    private static DriveCallException fromIo(IOException io, Throwable original) {
        String reason;
        if (io instanceof InterruptedIOException) {
            // SocketTimeoutException and HttpTimeoutException are both InterruptedIOExceptions.
            reason = "timeout";
        } else if (io instanceof UnknownHostException) {
            reason = "unknown_host";
        } else {
            reason = "connection";
        }
        return new DriveCallException(Kind.RETRYABLE, reason, null,
                "Drive call failed on the network: " + io.getClass().getSimpleName()
                        + (io.getMessage() != null ? ": " + io.getMessage() : ""), original);
    }

    /**
     * RFC 9110 Retry-After: either delay-seconds or an HTTP-date. Unparseable values are ignored (the
     * scheduler's own backoff applies); a date in the past means "now".
     */
    static Duration parseRetryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(v));
            } catch (NumberFormatException tooLarge) {
                return null;
            }
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(clock.instant(), at.toInstant());
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
