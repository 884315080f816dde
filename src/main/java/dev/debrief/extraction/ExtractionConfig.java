package dev.debrief.extraction;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
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

    /** Which Tesseract reads images: {@code library}, in-process (default), or {@code cli}, a child process per call. */
    enum OcrEngineKind {
        LIBRARY,
        CLI
    }

    /**
     * Tesseract in this process, its model loaded once per extractor thread (fast; a native crash takes the
     * process, which the batch takeover survives), or the tesseract executable as a child per page and per
     * code-word pass (each call contained and memory-limited; about twice as slow on photos).
     */
    @WithDefault("library")
    OcrEngineKind ocrEngine();

    /**
     * The folder holding {@code <ocr-language>.traineddata} for the in-process engine; default: TESSDATA_PREFIX,
     * then the usual places of the OS packages (/usr/share/tesseract-ocr/N/tessdata, ...).
     */
    Optional<String> tessdataPath();

    /**
     * The tesseract executable of the {@code cli} engine: a path, or a name looked up on the PATH. When it cannot be run, the service
     * still starts and images fail alone with OCR_UNAVAILABLE.
     */
    @WithDefault("tesseract")
    String tesseractPath();

    /** Tesseract's language data to read with (its traineddata name). */
    @WithDefault("eng")
    String ocrLanguage();

    /**
     * Pixels of one page image at most: a photo or scan as decoded, a PDF page as rendered for OCR, the copy
     * made for Tesseract. A letter page at 600 dpi is 33.7 million. Over it, the file fails with FILE_TOO_COMPLEX.
     */
    @WithDefault("40000000")
    long maxImagePixels();

    /** A page image's longer side over its shorter side at most; a letter page is 1.3. */
    @WithDefault("8")
    double maxAspectRatio();

    /**
     * Heap the page images of one reading may take together (a photo as decoded with its copies; a PDF page as
     * rendered with the samples of the image being drawn onto it); default: the maximum heap divided by four times
     * the number of threads. A file that needs more fails with FILE_TOO_COMPLEX.
     */
    Optional<MemorySize> maxReadingMemory();

    /**
     * Address space each tesseract process may take (prlimit --as), so that a page it cannot cope with ends in
     * OCR_FAILED rather than in the pod's memory; applied when util-linux's prlimit is on the PATH.
     */
    @WithDefault("1G")
    MemorySize ocrMemoryLimit();

    /**
     * Readings abandoned past their time limit whose thread has still not come back (PDFBox and ImageIO do not
     * stop when interrupted), above which the liveness check reports DOWN; default: the number of threads.
     */
    OptionalInt maxAbandonedReaders();
}
