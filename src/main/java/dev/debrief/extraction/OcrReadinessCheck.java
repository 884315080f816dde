package dev.debrief.extraction;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says whether OCR is available, for the operator. Always UP: without Tesseract the service still reads every
 * PDF with a text layer, and images fail one by one with OCR_UNAVAILABLE; taking the pod out of service for
 * that would refuse the PDFs too. For the moment after start while the probe still runs, it says so instead.
 */
@Readiness
@ApplicationScoped
class OcrReadinessCheck implements HealthCheck {

    private final ReportExtractor extractor;

    OcrReadinessCheck(ReportExtractor extractor) {
        this.extractor = extractor;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("ocr").up();
        // Never probes here: the start's probe runs on an extractor thread, and a second one would load a second model
        extractor.ocrAvailableIfKnown().ifPresentOrElse(available -> response.withData("ocr_available", available),
                () -> response.withData("ocr_check", "running"));
        return response.build();
    }
}
