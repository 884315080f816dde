package dev.debrief.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Readers that do not give their thread back (PDFBox and ImageIO ignore interrupts): past the time limit the file
 * fails, its slot goes to the next file at once, and the readers still running are counted, reported as meters and
 * by the liveness check until they end.
 */
class AbandonedReadersTest {

    private static final Duration LIMIT = Duration.ofMillis(300);

    /** Released by the test: until then every "stuck" file holds its thread and ignores interrupts. */
    private final CountDownLatch stuckReadersMayEnd = new CountDownLatch(1);
    private final AtomicInteger interruptsIgnored = new AtomicInteger();

    @AfterEach
    void releaseStuckReaders() {
        stuckReadersMayEnd.countDown();
    }

    @Test
    void aReaderPastItsLimitFreesItsSlotIsCountedAndTheLivenessCheckFollowsTheCount() throws Exception {
        ReportExtractor extractor = new ReportExtractor(
                TestExtractionConfig.of(LIMIT, "tesseract", 1).withAbandonedReadersBound(1), this::read);
        AbandonedReadersCheck liveness = new AbandonedReadersCheck(extractor);
        MeterRegistry meters = new SimpleMeterRegistry();
        ExtractionMetrics.register(extractor, meters);

        CompletableFuture<ReportExtractor.Reading> stuck = read(extractor, "stuck-1.pdf");
        CompletableFuture<ReportExtractor.Reading> next = read(extractor, "next-1.pdf");

        assertThat(stuck.get(5, TimeUnit.SECONDS).failure().type()).isEqualTo(FailureType.PROCESSING_TIMEOUT);
        // one thread, still spinning in the stuck reader: only a new thread can have read this one
        assertThat(next.get(2, TimeUnit.SECONDS).failure().type()).isEqualTo(FailureType.NOT_AN_AKTR);
        assertThat(extractor.abandonedReaders()).isEqualTo(1);
        assertThat(liveness.call().getStatus()).as("one abandoned reader, one allowed").isEqualTo(HealthCheckResponse.Status.UP);

        CompletableFuture<ReportExtractor.Reading> secondStuck = read(extractor, "stuck-2.pdf");
        assertThat(secondStuck.get(5, TimeUnit.SECONDS).failure().type()).isEqualTo(FailureType.PROCESSING_TIMEOUT);

        assertThat(extractor.abandonedReaders()).isEqualTo(2);
        assertThat(meters.get(ExtractionMetrics.ABANDONED_READERS).gauge().value()).isEqualTo(2);
        assertThat(meters.get(ExtractionMetrics.ABANDONMENTS).functionCounter().count()).isEqualTo(2);
        HealthCheckResponse down = liveness.call();
        assertThat(down.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(down.getData().orElseThrow()).containsEntry("abandoned_readers", 2L).containsEntry("max_abandoned_readers", 1L);

        // past the bound no thread is added: the file waits for a stuck reader to end (or for the restart)
        CompletableFuture<ReportExtractor.Reading> waiting = read(extractor, "next-2.pdf");
        await("the file waits while the bound holds").during(LIMIT.multipliedBy(2)).atMost(LIMIT.multipliedBy(4))
                .until(() -> !waiting.isDone());

        stuckReadersMayEnd.countDown();

        assertThat(waiting.get(5, TimeUnit.SECONDS).failure().type()).isEqualTo(FailureType.NOT_AN_AKTR);
        awaitNoAbandonedReaders(extractor);
        assertThat(liveness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(meters.get(ExtractionMetrics.ABANDONED_READERS).gauge().value()).isZero();
        assertThat(meters.get(ExtractionMetrics.ABANDONMENTS).functionCounter().count()).as("all abandonments").isEqualTo(2);
        assertThat(interruptsIgnored.get()).as("the stuck readers were interrupted, and carried on").isEqualTo(2);
    }

    @Test
    void aReadingThatEndsInTimeIsNotCounted() throws Exception {
        ReportExtractor extractor = new ReportExtractor(TestExtractionConfig.of(LIMIT, "tesseract", 1), this::read);

        for (int i = 0; i < 5; i++) {
            assertThat(read(extractor, "next-" + i + ".pdf").get(5, TimeUnit.SECONDS).failure().type())
                    .isEqualTo(FailureType.NOT_AN_AKTR);
        }

        assertThat(extractor.abandonedReaders()).isZero();
        assertThat(extractor.abandonments()).isZero();
    }

    @Test
    void theMetersKeepTheirOwnNamesInPrometheus() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ExtractionMetrics.register(new ReportExtractor(TestExtractionConfig.of(LIMIT, "tesseract", 1), this::read), prometheus);

        assertThat(prometheus.scrape())
                .contains("debrief_extraction_readers_abandoned 0.0")
                .contains("debrief_extraction_readers_abandonments_total 0.0");
    }

    /** The stand-in for PDFBox and the parser: "stuck" files hold their thread until released, deaf to interrupts. */
    private ParsedReport read(Path file, FileType type) {
        if (file.getFileName().toString().startsWith("stuck")) {
            boolean interrupted = false;
            while (true) {
                try {
                    if (stuckReadersMayEnd.await(30, TimeUnit.SECONDS)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                interruptsIgnored.incrementAndGet();
            }
        }
        throw new ExtractionException(FailureType.NOT_AN_AKTR, "Not a knowledge test report");
    }

    private static CompletableFuture<ReportExtractor.Reading> read(ReportExtractor extractor, String name) {
        return extractor.read(Path.of(name), FileType.PDF).subscribeAsCompletionStage();
    }

    private static void awaitNoAbandonedReaders(ReportExtractor extractor) {
        await("abandoned readers once the stuck ones ended").atMost(Duration.ofSeconds(5))
                .until(() -> extractor.abandonedReaders() == 0);
    }
}
