package dev.debrief.upload;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

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
}
