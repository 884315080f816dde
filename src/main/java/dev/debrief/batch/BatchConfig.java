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
}
