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

    private DriveErrors() {
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
        return new DriveCallException(kindOf(status, googleReason), reason, retryAfter, message, original);
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
