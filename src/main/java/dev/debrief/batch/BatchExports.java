package dev.debrief.batch;

import dev.debrief.export.ClassReportPdf;
import dev.debrief.export.ClassReportPdf.ClassReport;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.concurrent.Semaphore;

/**
 * The class report of a settled batch. Its summary and reports are read as the API answers them (so a batch still
 * processing is 409 SUMMARY_NOT_READY, another school's 404); the document is drawn off the event loop, at most
 * {@link #AT_ONCE} at a time so that printing cannot crowd out the reading of uploads on the shared worker pool.
 */
@ApplicationScoped
class BatchExports {

    static final int AT_ONCE = 2;

    private final BatchService batches;
    private final Semaphore drawing = new Semaphore(AT_ONCE);

    BatchExports(BatchService batches) {
        this.batches = batches;
    }

    Uni<byte[]> classReport(String school, UUID batchId) {
        return batches.summary(school, batchId)
                .chain(summary -> batches.view(school, batchId, true)
                        .map(batch -> new ClassReport(batchId, summary.createdAt(), summary.summary(), batch.reports())))
                .chain(report -> Uni.createFrom().item(() -> draw(report)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    private byte[] draw(ClassReport report) {
        drawing.acquireUninterruptibly();
        try {
            return ClassReportPdf.render(report);
        } finally {
            drawing.release();
        }
    }
}
