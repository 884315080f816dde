package dev.debrief.extraction;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says whether OCR is available, for the operator. Always UP: without Tesseract the service still reads every
 * PDF with a text layer, and images fail one by one with OCR_UNAVAILABLE; taking the pod out of service for
 * that would refuse the PDFs too.
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
        return HealthCheckResponse.named("ocr")
                .up()
                .withData("ocr_available", extractor.ocrAvailable())
                .build();
    }
}
