package dev.debrief.extraction;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * Reads one staged file into a report. PDFBox, Tesseract and the parser are blocking and CPU-bound, so they run
 * on a pool of this service's own (one thread per core unless configured): every batch shares that bound, and
 * the event loop never waits. With one Tesseract engine per pool thread (in-process, see {@link TessLibrary}, or
 * a single-threaded child with ocr-engine=cli), OCR uses the cores it is given and no more. A file that takes
 * longer than the configured limit is abandoned and fails alone with PROCESSING_TIMEOUT: its thread is
 * interrupted, which cancels the in-process recognition at its next word (or destroys the tesseract child).
 *
 * <p>PDFBox and ImageIO do not stop when interrupted, so an abandoned reading may keep its thread for a long
 * time. Its slot is freed all the same: the pool takes one more thread for each abandoned reader still running
 * (up to {@code max-abandoned-readers}) and gives it back when the reader ends, so the files queued behind it
 * start at once. More abandoned readers than that make {@link AbandonedReadersCheck} report the pod not live.
 */
@ApplicationScoped
public class ReportExtractor {

    private static final Logger LOG = Logger.getLogger(ReportExtractor.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final ExtractionConfig config;
    private final int threads;
    private final int maxAbandonedReaders;
    private final ThreadPoolExecutor readers;
    /** Ends readings that run past the time limit; one thread, it only interrupts. */
    private final ScheduledExecutorService deadlines;
    private final BiFunction<Path, FileType, ParsedReport> reading;
    private final PdfTextReader pdfReader = new PdfTextReader();
    private final AktrParser parser = new AktrParser();
    private final OcrEngine engine;
    private final Tesseract tesseract;
    private final OcrReader ocrReader;
    private final ReadingLimits limits;
    private final AtomicInteger abandonedRunning = new AtomicInteger();
    private final AtomicLong abandonedTotal = new AtomicLong();
    private volatile Boolean ocrAvailable;

    @Inject
    ReportExtractor(ExtractionConfig config) {
        this(config, null);
    }

    /**
     * @param reading what turns a file into a report, in place of PDFBox, OCR and the parser; null for those
     */
    ReportExtractor(ExtractionConfig config, BiFunction<Path, FileType, ParsedReport> reading) {
        this.config = config;
        this.threads = config.threads().orElse(Runtime.getRuntime().availableProcessors());
        this.maxAbandonedReaders = config.maxAbandonedReaders().orElse(threads);
        this.readers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                namedThreads("debrief-extract-"));
        ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, namedThreads("debrief-extract-deadline-"));
        // a reading that ends in time cancels its deadline; without this the cancelled task (and the reading's
        // emitter it holds) would stay queued for the whole time limit
        deadlines.setRemoveOnCancelPolicy(true);
        this.deadlines = deadlines;
        this.limits = ReadingLimits.of(config, threads);
        this.tesseract = new Tesseract(config.tesseractPath(), config.ocrLanguage(), config.ocrMemoryLimit().asLongValue());
        this.engine = config.ocrEngine() == ExtractionConfig.OcrEngineKind.CLI ? tesseract
                : new TessLibrary(config.ocrLanguage(), config.tessdataPath().map(Path::of));
        this.ocrReader = new OcrReader(engine, limits);
        this.reading = reading != null ? reading : this::parse;
    }

    /**
     * Looks for Tesseract as the service starts, on an extractor thread rather than on the start path: loading the
     * library and the model takes a tenth of a second or more, which nothing before ready needs (OCR never holds
     * readiness back, and a file read meanwhile asks the same question on its own thread). That thread keeps the
     * engine the probe loaded for its own readings. The log and the readiness entry say whether OCR works as soon
     * as it is known.
     */
    void start(@Observes StartupEvent event) {
        readers.execute(() -> LOG.infof("OCR %s (%s)",
                ocrAvailable() ? "available" : "NOT available; images will fail with OCR_UNAVAILABLE", engine.describe()));
        if (engine == tesseract && !tesseract.memoryLimited()) {
            LOG.warnf("prlimit (util-linux) is not on the PATH: tesseract runs WITHOUT its memory limit of %d bytes",
                    config.ocrMemoryLimit().asLongValue());
        }
        LOG.infof("Reading limits: %d pixels a page image, aspect ratio %.1f, %d MiB of page images a reading",
                limits.maxPixels(), limits.maxAspectRatio(), limits.maxBytes() >> 20);
    }

    void stop(@Observes ShutdownEvent event) {
        readers.shutdownNow();
        deadlines.shutdownNow();
        try {
            // an interrupted recognition stops within its page; a reading that ignores the interrupt keeps its engine
            readers.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.close();
    }

    /** Whether Tesseract runs and has its language data, if that is known yet; never waits for the probe. */
    Optional<Boolean> ocrAvailableIfKnown() {
        return Optional.ofNullable(ocrAvailable);
    }

    /** Whether Tesseract runs and has its language data; asked once, the answer kept. */
    public boolean ocrAvailable() {
        Boolean known = ocrAvailable;
        if (known == null) {
            known = engine.probe(PROBE_TIMEOUT);
            ocrAvailable = known;
        }
        return known;
    }

    /** Readings abandoned (past their time limit, or no longer wanted) whose thread has not come back yet. */
    public int abandonedReaders() {
        return abandonedRunning.get();
    }

    /** Readings abandoned since start, whether their thread came back at once or not. */
    public long abandonments() {
        return abandonedTotal.get();
    }

    /** Abandoned readers still running beyond which the process is no longer live. */
    public int maxAbandonedReaders() {
        return maxAbandonedReaders;
    }

    /** How the reading of a file ended, and how long the reading itself took (not the wait for a free thread). */
    public record Reading(ParsedReport report, ExtractionException failure, int millis) {
    }

    /**
     * Reads the file on the pool; never fails, the failure is in the {@link Reading}. The time limit starts with
     * the reading, not with the request: a file that waits for a free thread behind other batches is not late.
     * At the limit the reading is abandoned (its thread interrupted, which stops its recognition).
     */
    public Uni<Reading> read(Path file, FileType type) {
        return Uni.createFrom().emitter(emitter -> {
            Attempt attempt = new Attempt(file, type, emitter);
            attempt.queued = readers.submit(attempt);
            // at the end of the Uni, whichever way: a reading that still runs then is abandoned
            emitter.onTermination(attempt::stop);
        });
    }

    /**
     * One file's reading, from its place in the queue to its end. Its state decides, once, whether the reading
     * or its abandonment answers the emitter, and whether the thread must be given back when the reading ends.
     */
    private final class Attempt implements Runnable {

        private static final int QUEUED = 0;
        private static final int RUNNING = 1;
        private static final int ENDED = 2;
        private static final int ABANDONED = 3;

        private final Path file;
        private final FileType type;
        private final UniEmitter<? super Reading> emitter;
        private final AtomicInteger state = new AtomicInteger(QUEUED);
        private volatile Future<?> queued;
        private volatile long started;

        Attempt(Path file, FileType type, UniEmitter<? super Reading> emitter) {
            this.file = file;
            this.type = type;
            this.emitter = emitter;
        }

        @Override
        public void run() {
            started = System.nanoTime();
            if (!state.compareAndSet(QUEUED, RUNNING)) {
                return; // no longer wanted while it waited
            }
            ScheduledFuture<?> limit = deadlines.schedule(this::timeOut, config.fileTimeout().toNanos(), TimeUnit.NANOSECONDS);
            try {
                Reading done = attempt(file, type, started);
                if (state.compareAndSet(RUNNING, ENDED)) {
                    emitter.complete(done);
                }
            } finally {
                limit.cancel(false);
                if (state.get() == ABANDONED) {
                    readerCameBack();
                }
            }
        }

        private void timeOut() {
            if (abandon()) {
                emitter.complete(new Reading(null, new ExtractionException(FailureType.PROCESSING_TIMEOUT,
                        "Reading the file took longer than " + config.fileTimeout().toSeconds() + " s"), millisSince(started)));
            }
        }

        /** The Uni ended: a reading not started yet never starts, one still running is abandoned. */
        void stop() {
            if (state.compareAndSet(QUEUED, ENDED)) {
                Future<?> task = queued;
                if (task != null) {
                    task.cancel(false);
                }
                return;
            }
            abandon();
        }

        private boolean abandon() {
            if (!state.compareAndSet(RUNNING, ABANDONED)) {
                return false;
            }
            readerAbandoned();
            Future<?> task = queued;
            if (task != null) {
                task.cancel(true); // interrupts: a tesseract child is destroyed, PDFBox and ImageIO carry on
            }
            return true;
        }
    }

    /** A reader was let go while its thread still runs: its slot goes to a new thread. */
    private void readerAbandoned() {
        abandonedTotal.incrementAndGet();
        abandonedRunning.incrementAndGet();
        resizePool();
    }

    /** An abandoned reader's thread ended its work: the extra thread goes (whichever thread is idle first). */
    private void readerCameBack() {
        abandonedRunning.decrementAndGet();
        resizePool();
    }

    /**
     * One thread per live slot and one per abandoned reader still running, up to the bound past which the pod is
     * reported not live anyway: stuck threads keep the memory they took, and past that bound more of them would
     * risk the heap that the restart is about to free.
     */
    private synchronized void resizePool() {
        // the count as it is now, not as it was when the caller changed it: the last resize sees the last change
        int size = threads + Math.max(0, Math.min(abandonedRunning.get(), maxAbandonedReaders));
        if (size > readers.getMaximumPoolSize()) {
            readers.setMaximumPoolSize(size);
            readers.setCorePoolSize(size); // starts a thread for a queued reading at once
        } else if (size < readers.getMaximumPoolSize()) {
            readers.setCorePoolSize(size);
            readers.setMaximumPoolSize(size);
        }
    }

    private Reading attempt(Path file, FileType type, long started) {
        try {
            return new Reading(reading.apply(file, type), null, millisSince(started));
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
