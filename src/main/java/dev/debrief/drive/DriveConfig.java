package dev.debrief.drive;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Google Drive archiving (DOMAIN.md §4). Without credentials the service runs and refuses drive_upload with
 * 422 DRIVE_NOT_CONFIGURED. Credentials, in order of precedence: a service-account key file (needs
 * {@link #sharedDriveId()}), an OAuth client with a refresh token, or a fixed access token (fake server, dev).
 */
@ConfigMapping(prefix = "debrief.drive")
public interface DriveConfig {

    /** Path of a service-account JSON key. */
    Optional<Path> serviceAccountKeyFile();

    /** The shared drive that holds the archive; required with a service account (it owns no storage). */
    Optional<String> sharedDriveId();

    Optional<String> oauthClientId();

    Optional<String> oauthClientSecret();

    Optional<String> oauthRefreshToken();

    /** A bearer token used as is, never refreshed: for the fake Drive server and emulators. */
    Optional<String> accessToken();

    /** Another endpoint than Google's, e.g. {@code http://127.0.0.1:8099/}. */
    Optional<String> rootUrl();

    /**
     * Where a batch's folder goes; placeholders {date}, {year}, {month}, {batch_id}. Unset means
     * {@value FolderPattern#DEFAULT} (optional rather than defaulted so an empty DRIVE_FOLDER_PATTERN also means it).
     */
    Optional<String> folderPattern();

    /** Drive calls in flight at once, for all batches together. */
    @WithDefault("4")
    int concurrency();

    /** Drive calls waiting for a worker, for all batches together; beyond it a call backs off and retries. */
    @WithDefault("256")
    int queueCapacity();

    /** The pacer: on average at most one call per interval ... */
    @WithDefault("100ms")
    Duration pacerMinInterval();

    /** ... after a burst of this many. */
    @WithDefault("10")
    int pacerBurst();

    /** Tries per call, the first one included. */
    @WithDefault("5")
    int maxAttempts();

    /** The first backoff; it doubles per attempt (1, 2, 4, 8, 16 s by default), with jitter. */
    @WithDefault("1s")
    Duration backoffInitial();

    @WithDefault("16s")
    Duration backoffMax();

    /** Each delay is moved by up to this fraction, either way. */
    @WithDefault("0.2")
    double backoffJitter();

    /** A Retry-After longer than this is cut to it, so a batch never sleeps for hours. */
    @WithDefault("60s")
    Duration retryAfterMax();

    @WithDefault("10s")
    Duration connectTimeout();

    @WithDefault("60s")
    Duration readTimeout();

    /** Files larger than this use a resumable upload session. */
    @WithDefault("5M")
    MemorySize resumableThreshold();

    /**
     * An archive that shows no progress for this long is taken to have lost its process (a restart mid-upload)
     * and may be retried. Well above the longest wait between two steps (backoff max, Retry-After max).
     */
    @WithDefault("10m")
    Duration staleAfter();

    /** How often a process looks for archives gone stale and resumes them (read by the scheduler; "off" disables it). */
    @WithDefault("2m")
    String resumeEvery();

    /**
     * The longest wait before an archive whose round ran out of attempts is resumed. The wait is the archive's age
     * when that round ended (so it doubles from one round to the next), never shorter than {@link #staleAfter()}.
     */
    @WithDefault("2h")
    Duration resumeBackoffMax();

    /** Grant "anyone with the link" reader access to each uploaded file; off: these are people's results. */
    @WithDefault("false")
    boolean shareWithAnyoneWithLink();
}
