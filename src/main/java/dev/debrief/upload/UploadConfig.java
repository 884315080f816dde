package dev.debrief.upload;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

@ConfigMapping(prefix = "debrief.upload")
public interface UploadConfig {

    @WithDefault("30")
    int maxFiles();

    @WithDefault("10M")
    MemorySize maxFileSize();

    @WithDefault("100M")
    MemorySize maxRequestSize();

    /** Where uploaded bytes are kept until their batch no longer needs them; every replica must see it. */
    Path stagingDirectory();

    /**
     * Staged bytes with no batch row (a crash or a database error between staging and commit) are removed once
     * untouched this long: long enough that no request still between its staging and its commit is affected.
     */
    @WithDefault("1h")
    Duration orphanGrace();

    /** Below this much free space where files are staged, readiness is DOWN and new batches get 503. */
    @WithDefault("1G")
    MemorySize minFreeSpace();
}
