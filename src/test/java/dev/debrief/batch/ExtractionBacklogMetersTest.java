package dev.debrief.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.debrief.common.ServiceMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The backlog's meters across a restart in one JVM (a dev-mode reload, a test restart), where Micrometer's registry
 * outlives the application: once the stopping application's meters are removed, the next instance's gauge reads the
 * next instance, and the framework's meters are left alone.
 */
class ExtractionBacklogMetersTest {

    private static final String GAUGE = "debrief.extraction.backlog.files";

    /** The service's own defaults, with durations read as Quarkus reads them ("10s"). */
    private final BatchConfig config = new SmallRyeConfigBuilder().withMapping(BatchConfig.class)
            .withConverter(Duration.class, 200, new DurationConverter()).build().getConfigMapping(BatchConfig.class);

    @Test
    void theNextApplicationsGaugeReadsItsOwnBacklog() {
        MeterRegistry registry = new SimpleMeterRegistry();
        Counter frameworks = registry.counter("http.server.requests");
        ExtractionBacklog first = new ExtractionBacklog(config, registry);
        first.reserve(3);
        assertThat(registry.get(GAUGE).gauge().value()).isEqualTo(3.0);

        ServiceMeters.removeAll(registry);
        assertThat(registry.find(GAUGE).gauge()).isNull();
        assertThat(registry.find("debrief.batches.shed").counter()).isNull();
        assertThat(registry.find("http.server.requests").counter()).isSameAs(frameworks);
        ExtractionBacklog next = new ExtractionBacklog(config, registry);
        next.reserve(1);

        assertThat(registry.get(GAUGE).gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("debrief.batches.shed").counter().count()).isZero();
    }
}
