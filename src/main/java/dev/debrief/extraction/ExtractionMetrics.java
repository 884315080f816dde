package dev.debrief.extraction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The extractor's counts of abandoned readers, as meters. The counter is not named {@code ...abandoned.total}: in
 * Prometheus a counter's family drops the {@code _total}, which would be the gauge's own name, and the registry
 * refuses the second of the two (at start, which would stop the service).
 */
@ApplicationScoped
class ExtractionMetrics {

    /** debrief_extraction_readers_abandoned */
    static final String ABANDONED_READERS = "debrief.extraction.readers.abandoned";
    /** debrief_extraction_readers_abandonments_total */
    static final String ABANDONMENTS = "debrief.extraction.readers.abandonments";

    void register(@Observes StartupEvent event, ReportExtractor extractor, MeterRegistry registry) {
        register(extractor, registry);
    }

    static void register(ReportExtractor extractor, MeterRegistry registry) {
        Gauge.builder(ABANDONED_READERS, extractor, ReportExtractor::abandonedReaders)
                .description("Readings abandoned past their time limit whose thread is still running")
                .strongReference(true)
                .register(registry);
        FunctionCounter.builder(ABANDONMENTS, extractor, ReportExtractor::abandonments)
                .description("Readings abandoned past their time limit (or no longer wanted) since start")
                .register(registry);
    }
}
