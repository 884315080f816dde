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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final PdfTextReader pdfReader = new PdfTextReader();
    private final AktrParser parser = new AktrParser();
    private final Tesseract tesseract;
    private final OcrReader ocrReader;
    private volatile Boolean ocrAvailable;

    ReportExtractor(ExtractionConfig config) {
        this.config = config;
        this.readers = Executors.newFixedThreadPool(
                config.threads().orElse(Runtime.getRuntime().availableProcessors()), namedThreads());
        this.tesseract = new Tesseract(config.tesseractPath(), config.ocrLanguage());
        this.ocrReader = new OcrReader(tesseract, config.fileTimeout());
    }

    /** Looks for Tesseract at start, so that the log and the readiness entry say at once whether OCR works. */
    void start(@Observes StartupEvent event) {
        LOG.infof("OCR %s (tesseract: %s, language: %s)", ocrAvailable() ? "available" : "NOT available; images will fail with OCR_UNAVAILABLE",
                config.tesseractPath(), config.ocrLanguage());
    }

    void stop(@Observes ShutdownEvent event) {
        readers.shutdownNow();
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

    /** The report in the file; fails with an {@link ExtractionException} saying why there is none. */
    public Uni<ParsedReport> extract(Path file, FileType type) {
        return Uni.createFrom().<ParsedReport>emitter(emitter -> {
                    Future<?> task = readers.submit(() -> {
                        try {
                            emitter.complete(read(file, type));
                        } catch (ExtractionException e) {
                            emitter.fail(e);
                        } catch (RuntimeException | StackOverflowError e) {
                            LOG.warnf(e, "Unexpected failure reading a %s file", type.wireName());
                            emitter.fail(new ExtractionException(FailureType.INTERNAL_ERROR, "The file could not be read", e));
                        }
                    });
                    emitter.onTermination(() -> task.cancel(true));
                })
                .ifNoItem().after(config.fileTimeout())
                .failWith(() -> new ExtractionException(FailureType.PROCESSING_TIMEOUT,
                        "Reading the file took longer than " + config.fileTimeout().toSeconds() + " s"));
    }

    private ParsedReport read(Path file, FileType type) {
        if (type.image()) {
            return parser.parse(ocr().readImage(file), TextOrigin.OCR);
        }
        PdfText text = pdfReader.read(file);
        if (!text.hasTextLayer()) {
            return parser.parse(ocr().readScannedPdf(file), TextOrigin.OCR);
        }
        return parser.parse(text.text(), TextOrigin.PDF_TEXT);
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

    private static ThreadFactory namedThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "debrief-extract-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
