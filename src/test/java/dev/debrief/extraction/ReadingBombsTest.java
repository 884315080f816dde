package dev.debrief.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrSample;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Small uploads that declare huge pictures, one per shape the security review found: each fails alone with
 * FILE_TOO_COMPLEX, at once, without the picture ever being allocated. All are made here, none is a fixture.
 */
class ReadingBombsTest {

    enum Bomb {
        /** 582 bytes; rendered at 300 dpi it would be 30,000 x 30,000 pixels of grey (900 MB). */
        BLANK_PDF_PAGE_OF_100_BY_100_INCHES(FileType.PDF, () -> Bombs.blankPdf(7200, 7200),
                "of 30000 x 30000 pixels, more than 40000000"),
        /** 300 KiB; 40 Mpx at 8 bytes a pixel is 320 MB decoded, under the pixel limit: refused for its bytes. */
        PNG_OF_40_MEGAPIXELS_16_BIT_RGBA(FileType.PNG, () -> Bombs.png(6325, 6324, 16, Bombs.RGBA),
                "of 6325 x 6324 pixels, 64 bits each, takes more memory than a reading may use"),
        /** 4 MiB; one pixel wide, 2^31 - 1 rows of one bit. */
        PNG_ONE_PIXEL_WIDE_2_BILLION_ROWS(FileType.PNG, () -> Bombs.png(1, Integer.MAX_VALUE, 1, Bombs.GREY),
                "of 1 x 2147483647 pixels, more than 40000000"),
        /**
         * 40 KiB; the strip: 40 Mpx of grey that fits, which prepare() once tripled to the OCR width (360 MB,
         * and a 1 GiB tesseract). At 55:1 it is now refused for its shape, before any upscale is planned; the cap on
         * an upscale within the shape is ReadingLimitsTest's.
         */
        GREY_PNG_850_BY_47000(FileType.PNG, () -> Bombs.png(850, 47_000, 8, Bombs.GREY),
                "of 850 x 47000 pixels, longer than 8.0 times its width"),
        /** 400 KiB; a letter page of normal size that draws a 20,000 x 20,000 grey image, 400 MB of samples. */
        PDF_PAGE_DRAWING_A_400_MEGAPIXEL_IMAGE(FileType.PDF, () -> Bombs.pdfWithImage(20_000, 20_000),
                "an image in the PDF of 20000 x 20000 pixels, more than 40000000");

        final FileType type;
        final Supplier<byte[]> bytes;
        /** What the refusal says: which check stops it. */
        final String refusal;

        Bomb(FileType type, Supplier<byte[]> bytes, String refusal) {
            this.type = type;
            this.bytes = bytes;
            this.refusal = refusal;
        }
    }

    /** Far less than the smallest of the pictures above (40 MB): opening the file and reading a header or a page box. */
    private static final long ALLOCATED_AT_MOST = 16L << 20;

    @TempDir
    Path folder;

    private final AktrDocumentFactory factory = new AktrDocumentFactory();

    @ParameterizedTest
    @EnumSource(Bomb.class)
    void failsAloneAndAtOnceWithFileTooComplex(Bomb bomb) throws Exception {
        Path file = write(bomb);
        AktrSample sample = AktrSample.random(new Random(11));
        Path report = Files.write(folder.resolve("report.pdf"), factory.pdf(sample, AktrDocumentFactory.Layout.STANDARD));
        ReportExtractor extractor = new ReportExtractor(TestExtractionConfig.of(Duration.ofSeconds(30), "tesseract", 1));

        CompletableFuture<ReportExtractor.Reading> bombReading = extractor.read(file, bomb.type).subscribeAsCompletionStage();
        CompletableFuture<ReportExtractor.Reading> reportReading = extractor.read(report, FileType.PDF).subscribeAsCompletionStage();

        ReportExtractor.Reading failed = bombReading.get(30, TimeUnit.SECONDS);
        assertThat(failed.report()).isNull();
        assertThat(failed.failure().type()).isEqualTo(FailureType.FILE_TOO_COMPLEX);
        assertThat(failed.failure().getMessage()).startsWith("The page or image is larger than the service reads")
                .contains(bomb.refusal);
        assertThat(failed.millis()).as("checked, not decoded").isLessThan(2000);
        assertThat(reportReading.get(30, TimeUnit.SECONDS).report().score()).isEqualTo(sample.score());
    }

    @ParameterizedTest
    @EnumSource(Bomb.class)
    void isRefusedBeforeItsPictureIsAllocated(Bomb bomb) throws Exception {
        Path file = write(bomb);
        OcrReader reader = new OcrReader(new Tesseract("tesseract", "eng", 1L << 30),
                TestExtractionConfig.LIMITS);
        warmUp(reader);

        long before = allocatedByThisThread();
        assertThatThrownBy(() -> {
            if (bomb.type == FileType.PDF) {
                reader.readScannedPdf(file);
            } else {
                reader.readImage(file);
            }
        }).isInstanceOfSatisfying(ExtractionException.class, e -> assertThat(e.type()).isEqualTo(FailureType.FILE_TOO_COMPLEX))
                .hasMessageContaining(bomb.refusal);
        long allocated = allocatedByThisThread() - before;

        assertThat(allocated).as("bytes allocated reading %s", bomb).isLessThan(ALLOCATED_AT_MOST);
    }

    @Test
    void aJvmOf96MibReadsTheBombsAndLives() throws Exception {
        // Before the limits, this same child exited with "OutOfMemoryError: Java heap space" (exit 3) on every
        // bomb above: PDFBox allocated the 900 MB page or the 400 MB image's samples, ImageIO the 320 MB image,
        // prepare() the upscaled strip.
        for (Bomb bomb : List.of(Bomb.BLANK_PDF_PAGE_OF_100_BY_100_INCHES, Bomb.PNG_OF_40_MEGAPIXELS_16_BIT_RGBA,
                Bomb.PDF_PAGE_DRAWING_A_400_MEGAPIXEL_IMAGE)) {
            Path file = write(bomb);

            ChildJvm.Result child = ChildJvm.run(List.of("-Xmx96m", "-XX:+ExitOnOutOfMemoryError"), Map.of(), folder,
                    ReadOneFileMain.class, file.toString(), bomb.type.wireName());

            assertThat(child.exitCode()).as("%s: %s", bomb, child.output()).isZero();
            assertThat(child.output()).as("%s", bomb).contains("outcome=FILE_TOO_COMPLEX");
        }
    }

    @Test
    void aPngWhoseTextChunkInflatesToAGigabyteIsDecodedWithoutReadingTheText() throws Exception {
        // 1 MiB of file; ImageIO inflates PNG text chunks whole when it reads metadata, which decode() never asks for
        Path file = Files.write(folder.resolve("text-bomb.png"), Bombs.png(64, 64, 8, Bombs.GREY, 1L << 30));
        ReadingLimits limits = TestExtractionConfig.LIMITS;
        PageImages.decode(Files.write(folder.resolve("warm.png"), Bombs.png(4, 4, 8, Bombs.GREY)), limits, 0);

        long before = allocatedByThisThread();
        PageImages.Decoded decoded = PageImages.decode(file, limits, 0);
        long allocated = allocatedByThisThread() - before;

        assertThat(decoded.image().getWidth()).isEqualTo(64);
        assertThat(allocated).isLessThan(ALLOCATED_AT_MOST);
    }

    @Test
    void aPageAndTheImageItDrawsShareTheReadingsMemory() throws Exception {
        // 36 MB of grey samples fit a reading of 40 MB alone, but not beside the letter page they are drawn on (8.4 MB)
        Path file = Files.write(folder.resolve("image-beside-page.pdf"), Bombs.pdfWithImage(6000, 6000));
        OcrReader reader = new OcrReader(new Tesseract("tesseract", "eng", 1L << 30),
                TestExtractionConfig.limitsWithReadingMemory(40_000_000L));

        assertThatThrownBy(() -> reader.readScannedPdf(file))
                .isInstanceOfSatisfying(ExtractionException.class, e -> assertThat(e.type()).isEqualTo(FailureType.FILE_TOO_COMPLEX))
                .hasMessageContaining("an image in the PDF of 6000 x 6000 pixels, 8 bits each, takes more memory than a reading has"
                        + " left beside its page");
    }

    @Test
    void aScannedReportIsStillReadThroughTheChecks() throws Exception {
        // the shape the checks must let through: a letter page drawing one 200 dpi scan, no text layer
        AktrSample sample = AktrSample.random(new Random(12));
        Path scan = Files.write(folder.resolve("scan.pdf"), factory.imageOnlyPdf(sample, 200));
        ReportExtractor extractor = new ReportExtractor(TestExtractionConfig.of(Duration.ofSeconds(60), "tesseract", 1));

        ReportExtractor.Reading reading = extractor.read(scan, FileType.PDF).await().atMost(Duration.ofSeconds(90));

        assertThat(reading.failure()).as("reading failure").isNull();
        assertThat(reading.report().origin()).isEqualTo(TextOrigin.OCR);
        assertThat(reading.report().score()).isEqualTo(sample.score());
    }

    @Test
    void theBombPngsAreWellFormed() throws Exception {
        // Several compressed blocks and a remainder, as in the bombs, small enough to decode whole.
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Bombs.png(700, 900, 16, Bombs.RGBA)));

        assertThat(image.getWidth()).isEqualTo(700);
        assertThat(image.getHeight()).isEqualTo(900);
        assertThat(image.getRaster().getSample(699, 899, 3)).isZero();
        assertThat(ImageIO.read(new ByteArrayInputStream(Bombs.png(9, 5, 1, Bombs.GREY))).getHeight()).isEqualTo(5);
    }

    private Path write(Bomb bomb) throws Exception {
        return Files.write(folder.resolve(bomb.name().toLowerCase() + "." + bomb.type.wireName()), bomb.bytes.get());
    }

    /** One-off class loading and ImageIO's plugin registry are not the file's allocations. */
    private void warmUp(OcrReader reader) throws Exception {
        Path smallPng = Files.write(folder.resolve("warm.png"), Bombs.png(4, 4, 8, Bombs.GREY));
        PageImages.decode(smallPng, TestExtractionConfig.LIMITS, 0);
        Path smallPdf = Files.write(folder.resolve("warm.pdf"), Bombs.pdfWithImage(20_000, 20_000));
        assertThatThrownBy(() -> reader.readScannedPdf(smallPdf)).isInstanceOf(ExtractionException.class);
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
