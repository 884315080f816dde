package dev.debrief.extraction;

import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The extraction settings for tests that build an extractor by hand, with the production defaults except the
 * reading memory: fixed at what a 512 MiB heap with two threads gives (64 MiB), so that a test does not depend on
 * the heap of the JVM that runs it.
 */
record TestExtractionConfig(Duration fileTimeout, String tesseractPath, int threadCount, long maxImagePixels,
                            double maxAspectRatio, long readingMemoryBytes, int abandonedReadersBound)
        implements ExtractionConfig {

    static final long READING_MEMORY = 64L << 20;

    /** The limits of a reading with these settings, built as the extractor builds them ({@link ReadingLimits#of}). */
    static final ReadingLimits LIMITS = limitsWithReadingMemory(READING_MEMORY);

    static TestExtractionConfig of(Duration fileTimeout, String tesseractPath, int threads) {
        return new TestExtractionConfig(fileTimeout, tesseractPath, threads, 40_000_000L, 8, READING_MEMORY, threads);
    }

    /** The same limits with another reading memory, for tests about the memory budget. */
    static ReadingLimits limitsWithReadingMemory(long bytes) {
        return ReadingLimits.of(of(Duration.ofSeconds(60), "tesseract", 1).withReadingMemory(bytes), 1);
    }

    TestExtractionConfig withAbandonedReadersBound(int bound) {
        return new TestExtractionConfig(fileTimeout, tesseractPath, threadCount, maxImagePixels, maxAspectRatio,
                readingMemoryBytes, bound);
    }

    TestExtractionConfig withReadingMemory(long bytes) {
        return new TestExtractionConfig(fileTimeout, tesseractPath, threadCount, maxImagePixels, maxAspectRatio, bytes,
                abandonedReadersBound);
    }

    @Override
    public OptionalInt threads() {
        return OptionalInt.of(threadCount);
    }

    @Override
    public int parallelFiles() {
        return 1;
    }

    /** The in-process engine, unless the test names a tesseract stand-in (a script), which only the CLI runs. */
    @Override
    public OcrEngineKind ocrEngine() {
        return tesseractPath.equals("tesseract") ? OcrEngineKind.LIBRARY : OcrEngineKind.CLI;
    }

    @Override
    public Optional<String> tessdataPath() {
        return Optional.empty();
    }

    @Override
    public String ocrLanguage() {
        return "eng";
    }

    /** None (the production default, from the heap) when the bytes are 0. */
    @Override
    public Optional<MemorySize> maxReadingMemory() {
        return readingMemoryBytes > 0 ? Optional.of(new MemorySize(BigInteger.valueOf(readingMemoryBytes))) : Optional.empty();
    }

    @Override
    public MemorySize ocrMemoryLimit() {
        return new MemorySize(BigInteger.valueOf(1L << 30));
    }

    @Override
    public OptionalInt maxAbandonedReaders() {
        return OptionalInt.of(abandonedReadersBound);
    }
}
