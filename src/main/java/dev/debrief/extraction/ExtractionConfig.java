package dev.debrief.extraction;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.OptionalInt;

@ConfigMapping(prefix = "debrief.extraction")
public interface ExtractionConfig {

    /** Threads reading files, shared by all batches; default: one per core. */
    OptionalInt threads();

    /** Files of one batch read at once in parallel mode, and images in auto mode. */
    @WithDefault("5")
    int parallelFiles();

    /** A file still being read after this long fails alone with PROCESSING_TIMEOUT. */
    @WithDefault("60s")
    Duration fileTimeout();
}
