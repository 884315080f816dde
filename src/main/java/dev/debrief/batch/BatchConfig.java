package dev.debrief.batch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "debrief.batch")
public interface BatchConfig {

    /** How long a batch and its reports are kept after creation. */
    @WithDefault("24h")
    Duration lifetime();

    /** How often expired batches are purged (read by the scheduler). */
    @WithDefault("10m")
    Duration purgeEvery();

    /** Expired batches deleted per transaction by the purge. */
    @WithDefault("100")
    int purgeChunk();

    /**
     * How long the process reading a batch holds it without renewing. A batch whose lease ran out (its process
     * stopped) is taken over by another process, which reads the files still pending.
     */
    @WithDefault("2m")
    Duration lease();

    /** How often a process renews the leases of the batches it is reading (read by the scheduler). */
    @WithDefault("30s")
    Duration leaseRenewEvery();

    /** How often a process looks for batches to take over (read by the scheduler; "off" disables it). */
    @WithDefault("1m")
    String takeoverEvery();

    /** Processes that may start reading one batch; after that its remaining files fail instead. */
    @WithDefault("3")
    int maxProcessingAttempts();

    /**
     * Processes that may start reading one file: a file in hand when its process stopped is read again until
     * this many have tried, then fails alone with QUARANTINED.
     */
    @WithDefault("2")
    int maxFileReads();

    /** Files accepted and not yet read, all batches together, past which new batches get 503 SERVICE_BUSY. */
    @WithDefault("300")
    int maxUnreadFiles();

    /** The Retry-After of a 503 SERVICE_BUSY. */
    @WithDefault("10s")
    Duration busyRetryAfter();

    /** How often a client following a batch's events (GET /v1/batches/{id}/events) is sent what the log gained. */
    @WithDefault("250ms")
    Duration eventsPoll();

    /** After this long with nothing to send, an event stream gets a comment, so that proxies keep it open. */
    @WithDefault("15s")
    Duration eventsHeartbeat();

    /**
     * Event streams one replica keeps open at once. Each reads the event log every events-poll, so past this many a new
     * GET /v1/batches/{id}/events is 503 SERVICE_BUSY (with Retry-After) rather than a share of the database pool.
     */
    @WithDefault("100")
    int eventsMaxStreams();
}
