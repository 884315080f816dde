package dev.debrief.acs;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

@ConfigMapping(prefix = "debrief.acs")
public interface AcsConfig {

    /**
     * The operator's ACS catalog (acs-codes.csv format), loaded at start after the bundled catalog for the tests no
     * bundled ACS covers; absent = the bundled catalog alone.
     */
    Optional<Path> catalogFile();
}
