package dev.debrief.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrSample;
import dev.debrief.upload.FileType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extractor on its own: the bounded pool, the per-file time limit and the failure it reports. */
class ReportExtractorTest {

    @TempDir
    Path folder;

    private final AktrDocumentFactory factory = new AktrDocumentFactory();

    @Test
    void aFileThatTakesTooLongFailsWithProcessingTimeout() throws Exception {
        // OCR of a page takes Tesseract the better part of a second on any machine, far beyond this limit.
        Path photo = Files.write(folder.resolve("slow.png"), factory.png(AktrSample.random(new Random(1)), 300));
        ReportExtractor extractor = new ReportExtractor(config(Duration.ofMillis(100)));

        assertThat(extractor.ocrAvailable()).as("tesseract installed (the README's prerequisite)").isTrue();
        assertThatThrownBy(() -> extractor.extract(photo, FileType.PNG).await().atMost(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ExtractionException.class,
                        e -> assertThat(e.type()).isEqualTo(FailureType.PROCESSING_TIMEOUT));
    }

    @Test
    void theTimeLimitStartsWithTheReadingNotWithTheWaitForAThread() throws Exception {
        // A stand-in for tesseract that takes one second a page whatever the machine's load (it sleeps), so the
        // test is about the extractor's clock alone: one thread, six pages, the last waits five seconds for its
        // turn against a three-second limit, yet every reading is within it.
        Path slowTesseract = folder.resolve("slow-tesseract");
        Files.writeString(slowTesseract, """
                #!/bin/sh
                if [ "$1" = "--list-langs" ]; then echo "List of available languages (1):"; echo eng; exit 0; fi
                sleep 1
                : > "$2.tsv"
                """);
        assertThat(slowTesseract.toFile().setExecutable(true)).isTrue();
        Duration limit = Duration.ofSeconds(3);
        ReportExtractor extractor = new ReportExtractor(config(limit, slowTesseract.toString(), 1));
        List<CompletableFuture<ReportExtractor.Reading>> readings = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Path photo = Files.write(folder.resolve("queued-" + i + ".png"), factory.png(AktrSample.random(new Random(20 + i)), 100));
            readings.add(extractor.read(photo, FileType.PNG).subscribeAsCompletionStage());
        }

        for (CompletableFuture<ReportExtractor.Reading> reading : readings) {
            ReportExtractor.Reading done = reading.get(1, TimeUnit.MINUTES);
            assertThat(done.failure()).as("a page with no text is not a report").isNotNull();
            assertThat(done.failure().type()).isEqualTo(FailureType.NOT_AN_AKTR);
            assertThat(done.millis()).as("the reading's own time").isBetween(1000, (int) limit.toMillis());
        }
    }

    @Test
    void aReadableReportComesBackParsed() throws Exception {
        AktrSample sample = AktrSample.random(new Random(2));
        Path pdf = Files.write(folder.resolve("ok.pdf"), factory.pdf(sample, AktrDocumentFactory.Layout.STANDARD));
        ReportExtractor extractor = new ReportExtractor(config(Duration.ofSeconds(30)));

        ParsedReport report = extractor.extract(pdf, FileType.PDF).await().atMost(Duration.ofSeconds(30));

        assertThat(report.score()).isEqualTo(sample.score());
        assertThat(report.examCode()).isEqualTo(sample.examCode());
        assertThat(report.origin()).isEqualTo(TextOrigin.PDF_TEXT);
    }

    @Test
    void aBrokenFileFailsWithItsOwnType() throws Exception {
        Path pdf = Files.write(folder.resolve("broken.pdf"), factory.truncatedPdf());
        ReportExtractor extractor = new ReportExtractor(config(Duration.ofSeconds(30)));

        assertThatThrownBy(() -> extractor.extract(pdf, FileType.PDF).await().atMost(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(ExtractionException.class, e -> assertThat(e.type()).isEqualTo(FailureType.INVALID_PDF));
    }

    @Test
    void withoutTesseractImagesFailAloneWithOcrUnavailable() throws Exception {
        AktrSample sample = AktrSample.random(new Random(3));
        Path png = Files.write(folder.resolve("photo.png"), factory.png(sample, 100));
        Path pdf = Files.write(folder.resolve("ok.pdf"), factory.pdf(sample, AktrDocumentFactory.Layout.STANDARD));
        ReportExtractor extractor = new ReportExtractor(config(Duration.ofSeconds(30), folder.resolve("no-such-tesseract").toString()));

        assertThat(extractor.ocrAvailable()).isFalse();
        assertThatThrownBy(() -> extractor.extract(png, FileType.PNG).await().atMost(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(ExtractionException.class,
                        e -> assertThat(e.type()).isEqualTo(FailureType.OCR_UNAVAILABLE));
        assertThat(extractor.extract(pdf, FileType.PDF).await().atMost(Duration.ofSeconds(30)).score()).isEqualTo(sample.score());
    }

    @Test
    void aTesseractThatIsNotTesseractMeansNoOcr() throws Exception {
        // runs, but prints no language list: treated as missing rather than trusted
        ReportExtractor extractor = new ReportExtractor(config(Duration.ofSeconds(30), "true"));

        assertThat(extractor.ocrAvailable()).isFalse();
    }

    private static ExtractionConfig config(Duration timeout) {
        return config(timeout, "tesseract");
    }

    static ExtractionConfig config(Duration timeout, String tesseract) {
        return config(timeout, tesseract, 1);
    }

    static ExtractionConfig config(Duration timeout, String tesseract, int threads) {
        return new ExtractionConfig() {
            @Override
            public String tesseractPath() {
                return tesseract;
            }

            @Override
            public String ocrLanguage() {
                return "eng";
            }

            @Override
            public OptionalInt threads() {
                return OptionalInt.of(threads);
            }

            @Override
            public int parallelFiles() {
                return 1;
            }

            @Override
            public Duration fileTimeout() {
                return timeout;
            }
        };
    }
}
