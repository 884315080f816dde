package dev.debrief.extraction;

import io.quarkus.runtime.configuration.MemorySize;
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

    /**
     * The tesseract executable: a path, or a name looked up on the PATH. When it cannot be run, the service
     * still starts and images fail alone with OCR_UNAVAILABLE.
     */
    @WithDefault("tesseract")
    String tesseractPath();

    /** Tesseract's language data to read with (its traineddata name). */
    @WithDefault("eng")
    String ocrLanguage();

    /**
     * Address space each tesseract process may take (prlimit --as), so that a page it cannot cope with ends in
     * OCR_FAILED rather than in the pod's memory; applied when util-linux's prlimit is on the PATH.
     */
    @WithDefault("1G")
    MemorySize ocrMemoryLimit();
}
