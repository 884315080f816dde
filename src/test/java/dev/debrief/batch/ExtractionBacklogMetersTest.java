package dev.debrief.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The backlog's meters across a restart in one JVM (a dev-mode reload, a test restart), where Micrometer's registry
 * outlives the application: the next instance's gauge reads the next instance.
 */
class ExtractionBacklogMetersTest {

    private static final String GAUGE = "debrief.extraction.backlog.files";

    /** The service's own defaults, with durations read as Quarkus reads them ("10s"). */
    private final BatchConfig config = new SmallRyeConfigBuilder().withMapping(BatchConfig.class)
            .withConverter(Duration.class, 200, new DurationConverter()).build().getConfigMapping(BatchConfig.class);

    @Test
    void theNextApplicationsGaugeReadsItsOwnBacklog() {
        MeterRegistry registry = new SimpleMeterRegistry();
        ExtractionBacklog first = new ExtractionBacklog(config, registry);
        first.reserve(3);
        assertThat(registry.get(GAUGE).gauge().value()).isEqualTo(3.0);

        first.removeMeters();
        assertThat(registry.find(GAUGE).gauge()).isNull();
        ExtractionBacklog next = new ExtractionBacklog(config, registry);
        next.reserve(1);

        assertThat(registry.get(GAUGE).gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("debrief.batches.shed").counter().count()).isZero();
    }
}
