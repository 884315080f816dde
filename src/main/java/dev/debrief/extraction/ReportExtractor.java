package dev.debrief.extraction;

import dev.debrief.upload.FileType;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Reads one staged file into a report. PDFBox, Tesseract and the parser are blocking and CPU-bound, so they run
 * on a fixed pool of this service's own (one thread per core unless configured): every batch shares that bound,
 * and the event loop never waits. With one single-threaded tesseract process per pool thread, OCR uses the
 * cores it is given and no more. A file that takes longer than the configured limit is abandoned (its thread
 * is interrupted, which destroys its tesseract process) and fails alone with PROCESSING_TIMEOUT.
 */
@ApplicationScoped
public class ReportExtractor {

    private static final Logger LOG = Logger.getLogger(ReportExtractor.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final ExtractionConfig config;
    private final ExecutorService readers;
    /** Ends readings that run past the time limit; one thread, it only interrupts. */
    private final ScheduledExecutorService deadlines;
    private final PdfTextReader pdfReader = new PdfTextReader();
    private final AktrParser parser = new AktrParser();
    private final Tesseract tesseract;
    private final OcrReader ocrReader;
    private final ReadingLimits limits;
    private volatile Boolean ocrAvailable;

    ReportExtractor(ExtractionConfig config) {
        this.config = config;
        int threads = config.threads().orElse(Runtime.getRuntime().availableProcessors());
        this.readers = Executors.newFixedThreadPool(threads, namedThreads("debrief-extract-"));
        ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, namedThreads("debrief-extract-deadline-"));
        // a reading that ends in time cancels its deadline; without this the cancelled task (and the reading's
        // emitter it holds) would stay queued for the whole time limit
        deadlines.setRemoveOnCancelPolicy(true);
        this.deadlines = deadlines;
        this.limits = ReadingLimits.of(config, threads);
        this.tesseract = new Tesseract(config.tesseractPath(), config.ocrLanguage(), config.ocrMemoryLimit().asLongValue());
        this.ocrReader = new OcrReader(tesseract, limits);
    }

    /** Looks for Tesseract at start, so that the log and the readiness entry say at once whether OCR works. */
    void start(@Observes StartupEvent event) {
        LOG.infof("OCR %s (tesseract: %s, language: %s)", ocrAvailable() ? "available" : "NOT available; images will fail with OCR_UNAVAILABLE",
                config.tesseractPath(), config.ocrLanguage());
        if (!tesseract.memoryLimited()) {
            LOG.warnf("prlimit (util-linux) is not on the PATH: tesseract runs WITHOUT its memory limit of %d bytes",
                    config.ocrMemoryLimit().asLongValue());
        }
        LOG.infof("Reading limits: %d pixels a page image, aspect ratio %.1f, %d MiB of page images a reading",
                limits.maxPixels(), limits.maxAspectRatio(), limits.maxBytes() >> 20);
    }

    void stop(@Observes ShutdownEvent event) {
        readers.shutdownNow();
        deadlines.shutdownNow();
    }

    /** Whether Tesseract runs and has its language data; asked once, the answer kept. */
    public boolean ocrAvailable() {
        Boolean known = ocrAvailable;
        if (known == null) {
            known = tesseract.probe(PROBE_TIMEOUT);
            ocrAvailable = known;
        }
        return known;
    }

    /** How the reading of a file ended, and how long the reading itself took (not the wait for a free thread). */
    public record Reading(ParsedReport report, ExtractionException failure, int millis) {
    }

    /**
     * Reads the file on the pool; never fails, the failure is in the {@link Reading}. The time limit starts with
     * the reading, not with the request: a file that waits for a free thread behind other batches is not late.
     * At the limit the reading is abandoned (its thread interrupted, which destroys its tesseract process).
     */
    public Uni<Reading> read(Path file, FileType type) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicReference<Future<?>> running = new AtomicReference<>();
            running.set(readers.submit(() -> {
                long started = System.nanoTime();
                // Completing the emitter at the deadline abandons the reading too (its termination hook below).
                ScheduledFuture<?> limit = deadlines.schedule(() -> emitter.complete(new Reading(null,
                                new ExtractionException(FailureType.PROCESSING_TIMEOUT,
                                        "Reading the file took longer than " + config.fileTimeout().toSeconds() + " s"),
                                millisSince(started))),
                        config.fileTimeout().toNanos(), TimeUnit.NANOSECONDS);
                try {
                    emitter.complete(attempt(file, type, started));
                } finally {
                    limit.cancel(false);
                }
            }));
            emitter.onTermination(() -> abandon(running));
        });
    }

    private Reading attempt(Path file, FileType type, long started) {
        try {
            return new Reading(parse(file, type), null, millisSince(started));
        } catch (ExtractionException e) {
            return new Reading(null, e, millisSince(started));
        } catch (RuntimeException | StackOverflowError e) {
            LOG.warnf(e, "Unexpected failure reading a %s file", type.wireName());
            return new Reading(null, new ExtractionException(FailureType.INTERNAL_ERROR, "The file could not be read", e),
                    millisSince(started));
        }
    }

    private ParsedReport parse(Path file, FileType type) {
        if (type.image()) {
            return parser.parse(ocr().readImage(file), TextOrigin.OCR);
        }
        PdfText text = pdfReader.read(file);
        if (!text.hasTextLayer()) {
            return parser.parse(ocr().readScannedPdf(file), TextOrigin.OCR);
        }
        return parser.parse(text.text(), TextOrigin.PDF_TEXT);
    }

    /** Interrupts the reading if it still runs (a tesseract child is destroyed with it). */
    private static void abandon(AtomicReference<Future<?>> running) {
        Future<?> task = running.get();
        if (task != null) {
            task.cancel(true);
        }
    }

    private static int millisSince(long startedNanos) {
        return (int) ((System.nanoTime() - startedNanos) / 1_000_000);
    }

    private OcrReader ocr() {
        if (!ocrAvailable()) {
            throw ocrUnavailable();
        }
        return ocrReader;
    }

    /** Scans and photos need OCR (Tesseract); without it they fail alone, as documented. */
    private static ExtractionException ocrUnavailable() {
        return new ExtractionException(FailureType.OCR_UNAVAILABLE,
                "This file is an image or a scan without text; reading it needs OCR, which is not available");
    }

    private static ThreadFactory namedThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
