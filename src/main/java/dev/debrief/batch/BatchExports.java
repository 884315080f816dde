package dev.debrief.batch;

import dev.debrief.export.ClassReportPdf;
import dev.debrief.export.ClassReportPdf.ClassReport;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The class report of a settled batch. Its summary and reports are read as the API answers them (so a batch still
 * processing is 409 SUMMARY_NOT_READY, another school's 404); the document is drawn on threads of its own, at most
 * {@link #AT_ONCE} at a time, so that printing neither blocks the event loop nor takes the shared worker pool.
 */
@ApplicationScoped
class BatchExports {

    static final int AT_ONCE = 2;

    private final BatchService batches;
    private final ExecutorService drawing = Executors.newFixedThreadPool(AT_ONCE, task -> {
        Thread thread = new Thread(task, "class-report");
        thread.setDaemon(true);
        return thread;
    });

    BatchExports(BatchService batches) {
        this.batches = batches;
    }

    Uni<byte[]> classReport(String school, UUID batchId) {
        return batches.summary(school, batchId)
                .chain(summary -> batches.view(school, batchId, true)
                        .map(batch -> new ClassReport(batchId, summary.createdAt(), summary.summary(), batch.reports())))
                .chain(report -> Uni.createFrom().item(() -> ClassReportPdf.render(report)).runSubscriptionOn(drawing));
    }

    @PreDestroy
    void stop() {
        drawing.shutdownNow();
    }
}
