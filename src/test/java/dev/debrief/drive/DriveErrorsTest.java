package dev.debrief.drive;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import com.google.auth.Retryable;
import dev.debrief.drive.DriveCallException.Kind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

class DriveErrorsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T12:00:00Z"), ZoneOffset.UTC);

    private static GoogleJsonResponseException google(int status, String reason, String retryAfter) {
        HttpHeaders headers = new HttpHeaders();
        if (retryAfter != null) {
            headers.setRetryAfter(retryAfter);
        }
        GoogleJsonError details = new GoogleJsonError();
        details.setCode(status);
        details.setMessage("message for " + reason);
        GoogleJsonError.ErrorInfo info = new GoogleJsonError.ErrorInfo();
        info.setReason(reason);
        info.setDomain("usageLimits");
        details.setErrors(List.of(info));
        return new GoogleJsonResponseException(new HttpResponseException.Builder(status, "status " + status, headers), details);
    }

    private static HttpResponseException plain(int status) {
        return new HttpResponseException.Builder(status, "status " + status, new HttpHeaders()).build();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "429, rateLimitExceeded,         RETRYABLE",
            "403, rateLimitExceeded,         RETRYABLE",
            "403, userRateLimitExceeded,     RETRYABLE",
            "403, sharingRateLimitExceeded,  RETRYABLE",
            "500, backendError,              RETRYABLE",
            "502, badGateway,                RETRYABLE",
            "503, backendError,              RETRYABLE",
            "504, gatewayTimeout,            RETRYABLE",
            "408, requestTimeout,            RETRYABLE",
            "403, storageQuotaExceeded,      FATAL_FOR_BATCH",
            "403, dailyLimitExceeded,        FATAL_FOR_BATCH",
            "429, dailyLimitExceeded,        FATAL_FOR_BATCH",
            "403, insufficientPermissions,   FATAL_FOR_BATCH",
            "403, forbidden,                 FATAL_FOR_BATCH",
            "403, appNotAuthorizedToFile,    FATAL_FOR_BATCH",
            "403, domainPolicy,              FATAL_FOR_BATCH",
            "403, teamDriveFileLimitExceeded, FATAL_FOR_BATCH",
            "401, authError,                 FATAL_FOR_BATCH",
            "401, required,                  FATAL_FOR_BATCH",
            "403, publishOutNotPermitted,    FAILED",
            "400, badRequest,                FAILED",
            "400, invalid,                   FAILED",
            "404, notFound,                  FAILED",
            "409, conflict,                  FAILED",
            "413, uploadTooLarge,            FAILED",
    })
    void googleErrorsAreClassifiedByStatusAndReason(int status, String reason, Kind kind) {
        DriveCallException e = DriveErrors.classify(google(status, reason, null), CLOCK);

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.getMessage()).contains(String.valueOf(status)).contains("message for " + reason);
        assertThat(e.getCause()).isInstanceOf(GoogleJsonResponseException.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"401, FATAL_FOR_BATCH", "403, FATAL_FOR_BATCH", "404, FAILED", "429, RETRYABLE", "502, RETRYABLE", "503, RETRYABLE"})
    void errorsWithoutGoogleDetailsAreClassifiedByStatus(int status, Kind kind) {
        DriveCallException e = DriveErrors.classify(plain(status), CLOCK);

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.reason()).isEqualTo("http_" + status);
    }

    @Property(tries = 200)
    void everyServerErrorIsRetryable(@ForAll @IntRange(min = 500, max = 599) int status) {
        assertThat(DriveErrors.classify(plain(status), CLOCK).kind()).isEqualTo(Kind.RETRYABLE);
    }

    @Property(tries = 200)
    void otherClientErrorsFailOnlyTheCall(@ForAll @IntRange(min = 400, max = 499) int status) {
        Kind kind = DriveErrors.classify(plain(status), CLOCK).kind();
        switch (status) {
            case 401, 403 -> assertThat(kind).isEqualTo(Kind.FATAL_FOR_BATCH);
            case 408, 429 -> assertThat(kind).isEqualTo(Kind.RETRYABLE);
            default -> assertThat(kind).isEqualTo(Kind.FAILED);
        }
    }

    @Test
    void retryAfterInSecondsIsKept() {
        DriveCallException e = DriveErrors.classify(google(429, "rateLimitExceeded", "120"), CLOCK);

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
    }

    @Test
    void retryAfterAsHttpDateBecomesTheDelayFromNow() {
        DriveCallException e = DriveErrors.classify(google(503, "backendError", "Fri, 01 May 2026 12:01:30 GMT"), CLOCK);

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(90));
    }

    @Test
    void retryAfterOnAnErrorWithoutDetailsIsKept() {
        HttpHeaders headers = new HttpHeaders();
        headers.setRetryAfter("3");
        HttpResponseException e = new HttpResponseException.Builder(503, "Service Unavailable", headers).build();

        assertThat(DriveErrors.classify(e, CLOCK).retryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void retryAfterEdgeCases() {
        assertThat(DriveErrors.parseRetryAfter("Fri, 01 May 2026 11:00:00 GMT", CLOCK)).isEqualTo(Duration.ZERO);
        assertThat(DriveErrors.parseRetryAfter(" 0 ", CLOCK)).isEqualTo(Duration.ZERO);
        assertThat(DriveErrors.parseRetryAfter("soon", CLOCK)).isNull();
        assertThat(DriveErrors.parseRetryAfter("-5", CLOCK)).isNull();
        assertThat(DriveErrors.parseRetryAfter("99999999999999999999999", CLOCK)).isNull();
        assertThat(DriveErrors.parseRetryAfter("", CLOCK)).isNull();
        assertThat(DriveErrors.parseRetryAfter(null, CLOCK)).isNull();
    }

    @Test
    void networkFailuresAreRetryable() {
        assertThat(DriveErrors.classify(new SocketTimeoutException("Read timed out"), CLOCK))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.RETRYABLE))
                .satisfies(e -> assertThat(e.reason()).isEqualTo("timeout"));
        assertThat(DriveErrors.classify(new SocketException("Connection reset"), CLOCK).reason()).isEqualTo("connection");
        assertThat(DriveErrors.classify(new SocketException("Unexpected end of file from server"), CLOCK).reason())
                .isEqualTo("connection");
        assertThat(DriveErrors.classify(new ConnectException("Connection refused"), CLOCK).reason()).isEqualTo("connection");
        assertThat(DriveErrors.classify(new UnknownHostException("www.googleapis.com"), CLOCK))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.RETRYABLE))
                .satisfies(e -> assertThat(e.reason()).isEqualTo("unknown_host"));
    }

    @Test
    void wrappedCausesAreFound() {
        assertThat(DriveErrors.classify(new UncheckedIOException(new SocketTimeoutException()), CLOCK).reason())
                .isEqualTo("timeout");
        DriveCallException e = DriveErrors.classify(
                new ExecutionException(new RuntimeException(google(403, "storageQuotaExceeded", null))), CLOCK);
        assertThat(e.kind()).isEqualTo(Kind.FATAL_FOR_BATCH);
        assertThat(e.reason()).isEqualTo("storageQuotaExceeded");
    }

    /** Stands for the auth library's token-endpoint failure, whose class is not public. */
    static final class TokenEndpointFailure extends IOException implements Retryable {
        private final boolean retryable;

        TokenEndpointFailure(boolean retryable, Throwable cause) {
            super("Error getting access token", cause);
            this.retryable = retryable;
        }

        @Override
        public boolean isRetryable() {
            return retryable;
        }

        @Override
        public int getRetryCount() {
            return 0;
        }
    }

    @Test
    void aRefusedRefreshIsFatalEvenThoughItWrapsA400() {
        DriveCallException e = DriveErrors.classify(new TokenEndpointFailure(false, plain(400)), CLOCK);

        assertThat(e.kind()).isEqualTo(Kind.FATAL_FOR_BATCH);
        assertThat(e.reason()).isEqualTo("auth_refresh_failed");
    }

    @Test
    void aTokenEndpointOutageIsRetryable() {
        DriveCallException e = DriveErrors.classify(new TokenEndpointFailure(true, plain(503)), CLOCK);

        assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(e.reason()).isEqualTo("auth_token_endpoint");
    }

    @Test
    void anAlreadyClassifiedFailurePassesThrough() {
        DriveCallException original = new DriveCallException(Kind.FAILED, "local_file_unreadable", null, "gone", null);

        assertThat(DriveErrors.classify(new RuntimeException(original), CLOCK)).isSameAs(original);
    }

    @Test
    void anythingElseFailsTheCallOnly() {
        DriveCallException e = DriveErrors.classify(new IllegalStateException("bug"), CLOCK);

        assertThat(e.kind()).isEqualTo(Kind.FAILED);
        assertThat(e.reason()).isEqualTo("unexpected");
        assertThat(DriveErrors.classify(null).kind()).isEqualTo(Kind.FAILED);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "403 | storageQuotaExceeded | storageQuotaExceeded: Google Drive refused the upload: the storage quota is exceeded (HTTP 403)",
            "403 | dailyLimitExceeded   | dailyLimitExceeded: Google Drive refused the upload: the daily limit is exceeded (HTTP 403)",
            "403 | appNotAuthorizedToFile | appNotAuthorizedToFile: Google Drive refused the upload: the service may not write there (HTTP 403)",
            "404 | notFound             | notFound: Google Drive refused the upload: the folder or file is not there, or the service may not see it (HTTP 404)",
            "403 | aReasonNoOneKnowsYet | http_403: Google Drive refused the upload: HTTP 403",
            "401 | authError            | authError: Drive rejected the service's credentials (HTTP 401)",
            "429 | rateLimitExceeded    | rateLimitExceeded: Drive answered 429 (too many requests)",
            "503 | backendError         | backendError: Drive answered 503",
    })
    void callersAreToldInOurWords(int status, String reason, String told) {
        DriveCallException e = DriveErrors.classify(google(status, reason, null), CLOCK);

        assertThat(DriveErrors.forCallers(e, "the upload")).isEqualTo(told);
        assertThat(e.getMessage()).as("the log keeps Google's words").contains("message for " + reason);
    }

    @Test
    void aCallThatRanOutOfAttemptsSaysHowOften() {
        DriveCallException last = DriveErrors.classify(google(503, "backendError", null), CLOCK);

        assertThat(DriveErrors.forCallers(new DriveCalls.OutOfAttempts(last, 10), "the upload"))
                .isEqualTo("backendError: Drive kept answering 503; tried 10 times");
        assertThat(DriveErrors.forCallers(new DriveCalls.OutOfAttempts(DriveErrors.classify(
                        new SocketException("Connection reset by 10.20.30.40"), CLOCK), 4), "the upload"))
                .isEqualTo("connection: the connection to Drive kept failing; tried 4 times");
    }

    @Test
    void failuresWithoutADriveAnswerAreToldWithoutTheirExceptionText() {
        assertThat(DriveErrors.forCallers(DriveErrors.classify(new SocketTimeoutException("Read timed out from 10.1.2.3"), CLOCK), "x"))
                .isEqualTo("timeout: Drive did not answer in time");
        assertThat(DriveErrors.forCallers(DriveErrors.classify(new TokenEndpointFailure(false, plain(400)), CLOCK), "x"))
                .isEqualTo("auth_refresh_failed: the token endpoint refused the service's credentials");
        assertThat(DriveErrors.forCallers(DriveErrors.classify(new IllegalStateException("bug near /srv/secret"), CLOCK), "x"))
                .isEqualTo("unexpected: the Drive call failed unexpectedly");
        assertThat(DriveErrors.forCallers(new DriveCallException(Kind.FAILED, "local_file_unreadable", null,
                "cannot read /var/lib/debrief/staging/abc/report.pdf", null), "x"))
                .isEqualTo("local_file_unreadable: the staged copy of the file could not be read");
    }

    @Property(tries = 200)
    void googlesMessageNeverReachesCallers(@ForAll @IntRange(min = 400, max = 599) int status,
                                           @ForAll("reasons") String reason, @ForAll @AlphaChars @StringLength(min = 6, max = 12) String secret) {
        GoogleJsonResponseException google = google(status, reason, null);
        google.getDetails().setMessage("Google-" + secret);
        DriveCallException e = DriveErrors.classify(google, CLOCK);

        assertThat(DriveErrors.forCallers(e, "the upload")).doesNotContain("Google-" + secret);
        assertThat(DriveErrors.forCallers(new DriveCalls.OutOfAttempts(e, 3), "the upload")).doesNotContain("Google-" + secret);
    }

    @Provide
    Arbitrary<String> reasons() {
        return Arbitraries.of("storageQuotaExceeded", "backendError", "rateLimitExceeded", "authError", "notFound",
                "publishOutNotPermitted", "somethingNew", "badRequest");
    }

    @Test
    void aCauseCycleDoesNotHang() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        assertThat(DriveErrors.classify(a, CLOCK).reason()).isEqualTo("unexpected");
    }
}
