package dev.debrief.batch;

import dev.debrief.acs.AcsCatalog;
import dev.debrief.common.DatabaseUnavailable;
import dev.debrief.common.FreshContexts;
import dev.debrief.extraction.ExtractionConfig;
import dev.debrief.extraction.ExtractionException;
import dev.debrief.extraction.FailureType;
import dev.debrief.extraction.FileType;
import dev.debrief.extraction.ParsedReport;
import dev.debrief.extraction.ReportExtractor;
import dev.debrief.report.Report;
import dev.debrief.report.ReportViews;
import dev.debrief.upload.StagingStore;
import dev.debrief.upload.UploadIntake;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Reads every pending file of a batch into a report, then settles the batch. Files are read on the extractor's
 * bounded pool, as the processing mode asks; each outcome is written as soon as it is known, in its own
 * transaction on its own context, so a crash loses at most the files in hand and no transaction ever waits on
 * a file being read. One file's failure never stops the others.
 */
@ApplicationScoped
class BatchPipeline {

    private static final Logger LOG = Logger.getLogger(BatchPipeline.class);
    /** Results being written at once; each is its own short transaction. */
    private static final int RECORDS_IN_FLIGHT = 4;
    private static final Duration OUTAGE_FIRST_WAIT = Duration.ofMillis(250);
    private static final Duration OUTAGE_LONGEST_WAIT = Duration.ofSeconds(5);
    private static final int OUTAGE_TRIES = 30;

    private final BatchService batches;
    private final ReportExtractor extractor;
    private final AcsCatalog catalog;
    private final ReportViews reportViews;
    private final StagingStore staging;
    private final FreshContexts contexts;
    private final ExtractionConfig extractionConfig;
    private final BatchLeases leases;
    private final UploadIntake intake;
    private final Clock clock;

    BatchPipeline(BatchService batches, ReportExtractor extractor, AcsCatalog catalog, ReportViews reportViews,
                  StagingStore staging, FreshContexts contexts, ExtractionConfig extractionConfig, BatchLeases leases,
                  UploadIntake intake, Clock clock) {
        this.batches = batches;
        this.extractor = extractor;
        this.catalog = catalog;
        this.reportViews = reportViews;
        this.staging = staging;
        this.contexts = contexts;
        this.extractionConfig = extractionConfig;
        this.leases = leases;
        this.intake = intake;
        this.clock = clock;
    }

    /**
     * Processes the pending files of the batch to its end, its lease renewed while it reads; the Uni completes
     * when the batch is settled.
     */
    Uni<Batch> run(UUID batchId, int attempt, List<BatchFile> files, BatchOptions options, ExtractionBacklog.Reservation backlog,
                   String requestId) {
        long started = System.nanoTime();
        List<BatchFile> pending = files.stream().filter(f -> BatchFile.PENDING.equals(f.processingStatus)).toList();
        int parallel = Math.max(1, extractionConfig.parallelFiles());
        Reader reader = new Reader(batchId, attempt, backlog, requestId);
        Uni<Void> reading = switch (options.processingMode()) {
            case SEQUENTIAL -> reader.readAll(pending, 1);
            case PARALLEL -> reader.readAll(pending, parallel);
            case AUTO -> Uni.combine().all()
                    .unis(reader.readAll(pending.stream().filter(f -> !isImage(f)).toList(), 1),
                          reader.readAll(pending.stream().filter(BatchPipeline::isImage).toList(), parallel))
                    .discardItems();
        };
        return leases.holding(batchId, attempt, reading.onTermination().invoke(backlog::releaseRest))
                .chain(() -> throughOutages(contexts.run(requestId, () -> batches.finish(batchId, attempt, elapsedMs(started),
                        options.generateSummary()))))
                .call(batch -> {
                    if (batch.processing()) {
                        LOG.warnf("Batch %s was taken over by another process while this one read it; left to that process", batchId);
                        return Uni.createFrom().voidItem();
                    }
                    LOG.infof("Batch %s %s: %d of %d files read in %d ms", batchId, batch.status, batch.successfulFiles,
                            batch.totalFiles, batch.processingTimeMs);
                    return discardStagedBytes(batch);
                });
    }

    /**
     * One batch's reading under one attempt: its share of the extraction backlog is given back file by file, and
     * nothing is recorded once the batch is no longer this attempt's (handed back at shutdown, or taken over).
     */
    private final class Reader {
        private final UUID batchId;
        private final int attempt;
        private final ExtractionBacklog.Reservation backlog;
        private final String requestId;

        Reader(UUID batchId, int attempt, ExtractionBacklog.Reservation backlog, String requestId) {
            this.batchId = batchId;
            this.attempt = attempt;
            this.backlog = backlog;
            this.requestId = requestId;
        }

        /**
         * Reads the files with the given concurrency and records each outcome as it comes, so the next file is
         * being read while the previous result is written.
         */
        Uni<Void> readAll(List<BatchFile> files, int concurrency) {
            if (files.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return Multi.createFrom().iterable(files)
                    .select().where(file -> leases.holds(batchId, attempt))
                    .onItem().transformToUni(file -> read(file, requestId).onTermination().invoke(backlog::fileRead)).merge(concurrency)
                    .onItem().transformToUni(outcome -> leases.holds(batchId, attempt)
                            ? record(outcome, requestId)
                            : Uni.createFrom().voidItem()).merge(RECORDS_IN_FLIGHT)
                    .collect().last().replaceWithVoid();
        }
    }

    private Uni<Outcome> read(BatchFile file, String requestId) {
        FileType type = FileType.fromWireName(file.fileType).orElseThrow();
        // Every file is marked and counted as it is taken in hand, PDFs too (a page rendered for OCR can be what
        // kills a process): after a crash the takeover knows which files were being read, and how often.
        return throughOutages(Uni.createFrom().deferred(() -> contexts.run(requestId, () -> batches.markReading(file.id)))).chain(() -> extractor.read(staging.open(file.storageKey), type))
                .map(reading -> new Outcome(file, reading.report(), reading.failure(), reading.millis()))
                .onFailure().recoverWithItem(failure -> new Outcome(file, null, failure, 0));
    }

    private Uni<Void> record(Outcome outcome, String requestId) {
        BatchFile file = outcome.file();
        return throughOutages(Uni.createFrom().deferred(() -> contexts.run(requestId, () -> outcome.report() != null
                        ? recordReport(file, outcome.report(), outcome.processingTimeMs())
                        : recordFailure(file, outcome.failure(), outcome.processingTimeMs()))))
                .onFailure().recoverWithUni(failure -> contexts.run(requestId, () -> recordFailure(file, failure, outcome.processingTimeMs())))
                .onFailure().recoverWithItem(failure -> {
                    // The database refused even the failure; finish() fails the file when settling the batch.
                    LOG.errorf(failure, "Could not record the outcome of file %s", file.id);
                    return null;
                });
    }

    private record Outcome(BatchFile file, ParsedReport report, Throwable failure, int processingTimeMs) {
    }

    private Uni<Void> recordReport(BatchFile file, ParsedReport parsed, int processingTimeMs) {
        return catalog.describe(parsed.codes(), parsed.examCode()).chain(codes -> {
            Report report = new Report();
            report.id = UUID.randomUUID();
            report.batchId = file.batchId;
            report.name = parsed.name();
            report.ftn = parsed.ftn();
            report.examId = parsed.examId();
            report.examCode = parsed.examCode();
            report.examName = parsed.examName();
            report.examDate = parsed.examDate();
            report.examSite = parsed.examSite();
            report.score = parsed.score();
            report.grade = parsed.grade();
            report.take = parsed.take();
            report.expirationDate = parsed.expirationDate();
            report.codes = reportViews.codesColumn(codes);
            report.confidence = BigDecimal.valueOf(parsed.confidence()).setScale(3, RoundingMode.HALF_UP);
            report.extractionMethod = parsed.origin().wireName();
            report.processingTimeMs = processingTimeMs;
            report.createdAt = OffsetDateTime.now(clock);
            return batches.recordSuccess(file.id, report);
        });
    }

    private Uni<Void> recordFailure(BatchFile file, Throwable failure, int processingTimeMs) {
        if (failure instanceof ExtractionException known) {
            return batches.recordFailure(file.id, known.type(), known.getMessage(), processingTimeMs);
        }
        LOG.errorf(failure, "Unexpected failure while processing file %s", file.id);
        return batches.recordFailure(file.id, FailureType.INTERNAL_ERROR, "The file could not be processed", processingTimeMs);
    }

    /** Extraction is done with the bytes; they stay while the Drive archive still needs them (BatchDrive discards them then). */
    private Uni<Void> discardStagedBytes(Batch batch) {
        return batch.driveIntegrationEnabled ? Uni.createFrom().voidItem() : intake.discardInBackground(List.of(batch.id));
    }

    /**
     * A write that meets a database outage waits for the database rather than losing the outcome of a file already
     * read: tried again with backoff for about as long as the batch's lease, after which a takeover finishes it.
     */
    private <T> Uni<T> throughOutages(Uni<T> write) {
        return write.onFailure(DatabaseUnavailable::causes).retry()
                .withBackOff(OUTAGE_FIRST_WAIT, OUTAGE_LONGEST_WAIT).atMost(OUTAGE_TRIES);
    }

    private static boolean isImage(BatchFile file) {
        return FileType.fromWireName(file.fileType).map(FileType::image).orElse(false);
    }

    private static int elapsedMs(long startedNanos) {
        return (int) ((System.nanoTime() - startedNanos) / 1_000_000);
    }
}
