package dev.debrief.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrSample;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-process engine: one per thread, reused, and a recognition stopped by its thread's interrupt. */
class TessLibraryTest {

    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final TessLibrary engine = new TessLibrary("eng", Optional.empty());

    @AfterEach
    void stopThread() {
        thread.shutdownNow();
    }

    private static BufferedImage page(long seed) {
        BufferedImage scan = new AktrDocumentFactory().scan(AktrSample.random(new Random(seed)),
                AktrDocumentFactory.Layout.STANDARD, PageImages.TARGET_DPI);
        return PageImages.prepare(scan, 0, Long.MAX_VALUE);
    }

    @Test
    void readsPageAfterPageWithTheSameEngine() throws Exception {
        AktrSample first = AktrSample.random(new Random(1));
        AktrSample second = AktrSample.random(new Random(2));
        String one = thread.submit(() -> engine.recognise(page(1), OcrReader.PAGE_PASS, false)).get();
        String two = thread.submit(() -> engine.recognise(page(2), OcrReader.PAGE_PASS, true)).get();
        assertThat(one).contains(first.ftn());
        assertThat(OcrWords.parse(two).text(java.util.Map.of())).contains(second.ftn());
    }

    @Test
    void anInterruptStopsARecognitionAndTheThreadReadsOnAfterIt() throws Exception {
        // four pages stacked: a recognition long enough to be caught in the middle
        BufferedImage one = page(3);
        BufferedImage tall = new BufferedImage(one.getWidth(), one.getHeight() * 4, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = tall.createGraphics();
        for (int i = 0; i < 4; i++) {
            g.drawImage(one, 0, i * one.getHeight(), null);
        }
        g.dispose();
        thread.submit(() -> engine.probe(Duration.ofSeconds(10))).get(); // the model loaded, not timed
        long whole = System.nanoTime();
        thread.submit(() -> engine.recognise(tall, OcrReader.PAGE_PASS, false)).get();
        whole = System.nanoTime() - whole;

        AtomicLong ended = new AtomicLong();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Future<?> reading = thread.submit(() -> {
            try {
                engine.recognise(tall, OcrReader.PAGE_PASS, false);
                outcome.complete(null);
            } catch (RuntimeException e) {
                outcome.complete(e);
            } finally {
                ended.set(System.nanoTime());
            }
        });
        long started = System.nanoTime();
        await().pollDelay(Duration.ofMillis(whole / 8_000_000)).until(() -> true);
        reading.cancel(true);
        await().atMost(Duration.ofSeconds(30)).until(outcome::isDone);
        assertThat(outcome.get()).isInstanceOfSatisfying(ExtractionException.class,
                e -> assertThat(e.type()).isEqualTo(FailureType.PROCESSING_TIMEOUT));
        assertThat(ended.get() - started).as("stopped well before a whole recognition").isLessThan(whole * 3 / 4);

        // the thread and its engine are whole: the next page reads
        String after = thread.submit(() -> engine.recognise(one, OcrReader.PAGE_PASS, false)).get();
        assertThat(after).contains(AktrSample.random(new Random(3)).ftn());
    }

    @Test
    void withoutItsLanguageDataTheEngineIsUnavailable() {
        TessLibrary nowhere = new TessLibrary("eng", Optional.of(java.nio.file.Path.of("/nonexistent/tessdata")));
        assertThat(nowhere.probe(Duration.ofSeconds(10))).isFalse();
        assertThatThrownBy(() -> nowhere.recognise(page(4), OcrReader.PAGE_PASS, false))
                .isInstanceOfSatisfying(ExtractionException.class, e -> assertThat(e.type()).isEqualTo(FailureType.OCR_UNAVAILABLE));
    }
}
