package dev.debrief.extraction;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * DOWN when more readings abandoned past their time limit are still running than the configured bound. Those
 * threads are in PDFBox or ImageIO, which do not stop when interrupted; each keeps the memory it took, and the
 * extractor stops adding threads for them past the bound, so the pod reads ever less. A restart is what frees
 * them: that is liveness's business, not readiness's.
 */
@Liveness
@ApplicationScoped
class AbandonedReadersCheck implements HealthCheck {

    private final ReportExtractor extractor;

    AbandonedReadersCheck(ReportExtractor extractor) {
        this.extractor = extractor;
    }

    @Override
    public HealthCheckResponse call() {
        int running = extractor.abandonedReaders();
        int bound = extractor.maxAbandonedReaders();
        return HealthCheckResponse.named("extraction-readers")
                .status(running <= bound)
                .withData("abandoned_readers", running)
                .withData("max_abandoned_readers", bound)
                .build();
    }
}
