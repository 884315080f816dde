package dev.debrief.batch;

import dev.debrief.common.ApiProblem;
import dev.debrief.common.ErrorCode;
import dev.debrief.common.FreshContexts;
import dev.debrief.export.ClassReportPdf;
import dev.debrief.export.ClassReportPdf.ClassReport;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The class report of a settled batch, for GET and for the Drive archive. Its summary and reports are read as the API
 * answers them (so a batch still processing is 409 SUMMARY_NOT_READY, another school's 404); the document is drawn on
 * threads of its own, at most {@link #AT_ONCE} at a time, so that printing neither blocks the event loop nor takes the
 * shared worker pool. At most {@link #WAITING} more wait for a thread: past them a GET is 503 SERVICE_BUSY with
 * Retry-After rather than a queue without end, and the archive tries again a little later.
 */
@ApplicationScoped
class BatchExports {

    static final int AT_ONCE = 2;
    static final int WAITING = 16;
    private static final int RETRY_AFTER_SECONDS = 2;

    private static final Logger LOG = Logger.getLogger(BatchExports.class);

    private final BatchService batches;
    private final FreshContexts contexts;
    private final ThreadPoolExecutor drawing = new ThreadPoolExecutor(AT_ONCE, AT_ONCE, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(WAITING), task -> {
                Thread thread = new Thread(task, "class-report");
                thread.setDaemon(true);
                return thread;
            });

    BatchExports(BatchService batches, FreshContexts contexts) {
        this.batches = batches;
        this.contexts = contexts;
    }

    Uni<byte[]> classReport(String school, UUID batchId) {
        return contentsOf(school, batchId).chain(this::draw)
                .onFailure(RejectedExecutionException.class).transform(full -> new ApiProblem(ErrorCode.SERVICE_BUSY,
                        "Too many class reports are being drawn; try again shortly", Map.of(ApiProblem.RETRY_AFTER_SECONDS, RETRY_AFTER_SECONDS)));
    }

    /**
     * The class report archived beside summary.json, read on a context of its own; null when it cannot be made
     * (logged), so that summary.json, which the archive promises, never waits on or fails with it.
     */
    Uni<byte[]> forArchive(Batch batch, String requestId) {
        return contexts.run(requestId, () -> contentsOf(batch.schoolId, batch.id)).chain(this::draw)
                .onFailure(RejectedExecutionException.class).retry()
                .withBackOff(Duration.ofSeconds(RETRY_AFTER_SECONDS), Duration.ofSeconds(30)).atMost(10)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf(failure, "Batch %s: class report not drawn for Drive; summary.json goes alone", batch.id);
                    return null;
                });
    }

    private Uni<ClassReport> contentsOf(String school, UUID batchId) {
        return batches.summary(school, batchId)
                .chain(summary -> batches.view(school, batchId, true)
                        .map(batch -> new ClassReport(batchId, summary.createdAt(), summary.summary(), batch.reports())));
    }

    private Uni<byte[]> draw(ClassReport report) {
        return onDrawingThread(() -> ClassReportPdf.render(report));
    }

    /** Fails with RejectedExecutionException when every thread is drawing and {@link #WAITING} wait already. */
    <T> Uni<T> onDrawingThread(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(drawing);
    }

    @PreDestroy
    void stop() {
        drawing.shutdownNow();
    }
}
