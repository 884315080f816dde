package dev.debrief.batch;

import dev.debrief.common.FreshContexts;
import dev.debrief.export.ClassReportPdf;
import dev.debrief.export.ClassReportPdf.ClassReport;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * The class report of a settled batch, for GET and for the Drive archive. Its summary and reports are read as the API
 * answers them (so a batch still processing is 409 SUMMARY_NOT_READY, another school's 404); the document is drawn on threads of its own, at most
 * {@link #AT_ONCE} at a time, so that printing neither blocks the event loop nor takes the shared worker pool.
 */
@ApplicationScoped
class BatchExports {

    static final int AT_ONCE = 2;

    private static final Logger LOG = Logger.getLogger(BatchExports.class);

    private final BatchService batches;
    private final FreshContexts contexts;
    private final ExecutorService drawing = Executors.newFixedThreadPool(AT_ONCE, task -> {
        Thread thread = new Thread(task, "class-report");
        thread.setDaemon(true);
        return thread;
    });

    BatchExports(BatchService batches, FreshContexts contexts) {
        this.batches = batches;
        this.contexts = contexts;
    }

    Uni<byte[]> classReport(String school, UUID batchId) {
        return contentsOf(school, batchId).chain(this::draw);
    }

    /**
     * The class report archived beside summary.json, read on a context of its own; null when it cannot be made
     * (logged), so that summary.json, which the archive promises, never waits on or fails with it.
     */
    Uni<byte[]> forArchive(Batch batch, String requestId) {
        return contexts.run(requestId, () -> contentsOf(batch.schoolId, batch.id)).chain(this::draw)
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
        return Uni.createFrom().item(() -> ClassReportPdf.render(report)).runSubscriptionOn(drawing);
    }

    @PreDestroy
    void stop() {
        drawing.shutdownNow();
    }
}
