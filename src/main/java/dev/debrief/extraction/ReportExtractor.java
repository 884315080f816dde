package dev.debrief.extraction;

import dev.debrief.upload.FileType;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Reads one staged file into a report. PDFBox and the parser are blocking and CPU-bound, so they run on a
 * fixed pool of this service's own (one thread per core unless configured): every batch shares that bound, and
 * the event loop never waits. A file that takes longer than the configured limit is abandoned (its thread is
 * interrupted) and fails alone with PROCESSING_TIMEOUT.
 */
@ApplicationScoped
public class ReportExtractor {

    private static final Logger LOG = Logger.getLogger(ReportExtractor.class);

    private final ExtractionConfig config;
    private final ExecutorService readers;
    private final PdfTextReader pdfReader = new PdfTextReader();
    private final AktrParser parser = new AktrParser();

    ReportExtractor(ExtractionConfig config) {
        this.config = config;
        this.readers = Executors.newFixedThreadPool(
                config.threads().orElse(Runtime.getRuntime().availableProcessors()), namedThreads());
    }

    void stop(@Observes ShutdownEvent event) {
        readers.shutdownNow();
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
            throw ocrUnavailable();
        }
        PdfText text = pdfReader.read(file);
        if (!text.hasTextLayer()) {
            throw ocrUnavailable();
        }
        return parser.parse(text.text(), TextOrigin.PDF_TEXT);
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
