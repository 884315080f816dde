package dev.debrief.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrSample;
import io.smallrye.mutiny.Uni;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        ReportExtractor extractor = new ReportExtractor(TestExtractionConfig.of(Duration.ofMillis(100), "tesseract", 1));

        assertThat(extractor.ocrAvailable()).as("tesseract installed (the README's prerequisite)").isTrue();
        assertThat(failureOf(extractor.read(photo, FileType.PNG))).isEqualTo(FailureType.PROCESSING_TIMEOUT);
    }

    @Test
    void theTimeLimitStartsWithTheReadingNotWithTheWaitForAThread() throws Exception {
        // A stand-in for tesseract that takes one second a page whatever the machine's load (it sleeps), so the
        // test is about the extractor's clock alone: one thread, six pages, the last waits five seconds for its
        // turn against a three-second limit, yet every reading is within it.
        Duration limit = Duration.ofSeconds(3);
        ReportExtractor extractor = new ReportExtractor(TestExtractionConfig.of(limit, tesseractThatSleeps(1), 1));
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
    void aReadingPastItsLimitIsAbandonedItsChildKilledAndItsThreadFreed() throws Exception {
        // One thread, and no thread added for an abandoned reader: only the interrupted thread itself can read the
        // PDF queued behind the photo, and it comes back only when its tesseract (a stand-in that would sleep a
        // minute) is destroyed. Each check below fails if the interrupt leaves the child running.
        ReportExtractor extractor = new ReportExtractor(
                TestExtractionConfig.of(Duration.ofSeconds(2), tesseractThatHangs(), 1).withAbandonedReadersBound(0));
        Path photo = Files.write(folder.resolve("endless.png"), factory.png(AktrSample.random(new Random(4)), 100));
        AktrSample sample = AktrSample.random(new Random(5));
        Path pdf = Files.write(folder.resolve("next.pdf"), factory.pdf(sample, AktrDocumentFactory.Layout.STANDARD));

        CompletableFuture<ReportExtractor.Reading> endless = extractor.read(photo, FileType.PNG).subscribeAsCompletionStage();
        CompletableFuture<ReportExtractor.Reading> next = extractor.read(pdf, FileType.PDF).subscribeAsCompletionStage();

        assertThat(endless.get(10, TimeUnit.SECONDS).failure().type()).isEqualTo(FailureType.PROCESSING_TIMEOUT);
        assertThat(next.get(10, TimeUnit.SECONDS).report().score()).isEqualTo(sample.score());
        await("the abandoned reader's thread is back").atMost(5, TimeUnit.SECONDS).until(() -> extractor.abandonedReaders() == 0);
        long child = Long.parseLong(Files.readString(folder.resolve("tesseract.pid")).strip());
        await("the tesseract child is gone").atMost(5, TimeUnit.SECONDS)
                .until(() -> ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
    }

    @Test
    void aReadableReportComesBackParsed() throws Exception {
        AktrSample sample = AktrSample.random(new Random(2));
        Path pdf = Files.write(folder.resolve("ok.pdf"), factory.pdf(sample, AktrDocumentFactory.Layout.STANDARD));
        ReportExtractor extractor = new ReportExtractor(TestExtractionConfig.of(Duration.ofSeconds(30), "tesseract", 1));

        ParsedReport report = reportOf(extractor.read(pdf, FileType.PDF));

        assertThat(report.score()).isEqualTo(sample.score());
        assertThat(report.examCode()).isEqualTo(sample.examCode());
        assertThat(report.origin()).isEqualTo(TextOrigin.PDF_TEXT);
    }

    @Test
    void aBrokenFileFailsWithItsOwnType() throws Exception {
        Path pdf = Files.write(folder.resolve("broken.pdf"), factory.truncatedPdf());
        ReportExtractor extractor = new ReportExtractor(TestExtractionConfig.of(Duration.ofSeconds(30), "tesseract", 1));

        assertThat(failureOf(extractor.read(pdf, FileType.PDF))).isEqualTo(FailureType.INVALID_PDF);
    }

    @Test
    void withoutTesseractImagesFailAloneWithOcrUnavailable() throws Exception {
        AktrSample sample = AktrSample.random(new Random(3));
        Path png = Files.write(folder.resolve("photo.png"), factory.png(sample, 100));
        Path pdf = Files.write(folder.resolve("ok.pdf"), factory.pdf(sample, AktrDocumentFactory.Layout.STANDARD));
        ReportExtractor extractor = new ReportExtractor(
                TestExtractionConfig.of(Duration.ofSeconds(30), folder.resolve("no-such-tesseract").toString(), 1));

        assertThat(extractor.ocrAvailable()).isFalse();
        assertThat(failureOf(extractor.read(png, FileType.PNG))).isEqualTo(FailureType.OCR_UNAVAILABLE);
        assertThat(reportOf(extractor.read(pdf, FileType.PDF)).score()).isEqualTo(sample.score());
    }

    @Test
    void aTesseractThatIsNotTesseractMeansNoOcr() throws Exception {
        // runs, but prints no language list: treated as missing rather than trusted
        ReportExtractor extractor = new ReportExtractor(TestExtractionConfig.of(Duration.ofSeconds(30), "true", 1));

        assertThat(extractor.ocrAvailable()).isFalse();
    }

    /** A stand-in for tesseract that knows English and takes {@code seconds} over every page, finding no text. */
    private String tesseractThatSleeps(int seconds) throws Exception {
        Path script = folder.resolve("tesseract-sleeping-" + seconds);
        Files.writeString(script, """
                #!/bin/sh
                if [ "$1" = "--list-langs" ]; then echo "List of available languages (1):"; echo eng; exit 0; fi
                sleep %d
                : > "$2.tsv"
                """.formatted(seconds));
        assertThat(script.toFile().setExecutable(true)).isTrue();
        return script.toString();
    }

    /**
     * A stand-in for tesseract that knows English and, on a page, writes its process id and turns into a sleep of
     * a minute (the same process, so the id is the child the extractor must destroy).
     */
    private String tesseractThatHangs() throws Exception {
        Path script = folder.resolve("tesseract-hanging");
        Files.writeString(script, """
                #!/bin/sh
                if [ "$1" = "--list-langs" ]; then echo "List of available languages (1):"; echo eng; exit 0; fi
                echo $$ > "%s"
                exec sleep 60
                """.formatted(folder.resolve("tesseract.pid")));
        assertThat(script.toFile().setExecutable(true)).isTrue();
        return script.toString();
    }

    private static ParsedReport reportOf(Uni<ReportExtractor.Reading> reading) {
        ReportExtractor.Reading done = reading.await().atMost(Duration.ofSeconds(30));
        assertThat(done.failure()).as("reading failure").isNull();
        return done.report();
    }

    private static FailureType failureOf(Uni<ReportExtractor.Reading> reading) {
        ReportExtractor.Reading done = reading.await().atMost(Duration.ofSeconds(30));
        assertThat(done.report()).as("no report").isNull();
        return done.failure().type();
    }
}
