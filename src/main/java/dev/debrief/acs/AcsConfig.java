package dev.debrief.acs;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

@ConfigMapping(prefix = "debrief.acs")
public interface AcsConfig {

    /** The ACS code catalog CSV (acs-codes.csv) loaded into acs_codes at start; absent = keep what is stored. */
    Optional<Path> catalogFile();
}
