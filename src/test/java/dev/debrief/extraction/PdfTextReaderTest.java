package dev.debrief.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrDocumentFactory.Layout;
import dev.debrief.testsupport.AktrSample;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PdfTextReaderTest {

    private static final AktrDocumentFactory DOCUMENTS = new AktrDocumentFactory();
    private static final AktrSample SAMPLE = AktrSample.random(new Random(11));
    private final PdfTextReader reader = new PdfTextReader();

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                Arguments.of("empty", DOCUMENTS.emptyFile(), FailureType.EMPTY_FILE),
                Arguments.of("truncated", DOCUMENTS.truncatedPdf(), FailureType.INVALID_PDF),
                Arguments.of("garbage after a PDF header", DOCUMENTS.garbageWithPdfHeader(), FailureType.INVALID_PDF),
                Arguments.of("encrypted", DOCUMENTS.encryptedPdf(), FailureType.ENCRYPTED_PDF),
                Arguments.of("a PNG called .pdf", DOCUMENTS.png(SAMPLE, 30), FailureType.INVALID_PDF),
                Arguments.of("plain text called .pdf", "NAME: DOE, JANE\nSCORE: 85\n".getBytes(StandardCharsets.US_ASCII),
                        FailureType.INVALID_PDF));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void brokenFilesFailWithTheirTypeAndASafeMessage(String description, byte[] bytes, FailureType expected)
            throws IOException {
        Path file = write("upload.pdf", bytes);

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOfSatisfying(ExtractionException.class, e -> {
                    assertThat(e.type()).isEqualTo(expected);
                    assertThat(e.getMessage()).isNotBlank()
                            .doesNotContain(dir.toString(), "upload.pdf", "Exception", "org.apache", "\n");
                });
    }

    @Test
    void aMissingFileIsOurFaultNotTheClients() {
        Path missing = dir.resolve("gone.pdf");

        assertThatThrownBy(() -> reader.read(missing))
                .isInstanceOfSatisfying(ExtractionException.class,
                        e -> assertThat(e.type()).isEqualTo(FailureType.INTERNAL_ERROR))
                .hasMessageNotContaining("gone.pdf");
    }

    @Test
    void aPdfWithoutPagesIsInvalid() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument empty = new PDDocument()) {
            empty.save(out);
        }
        Path file = write("no-pages.pdf", out.toByteArray());

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOfSatisfying(ExtractionException.class,
                        e -> assertThat(e.type()).isEqualTo(FailureType.INVALID_PDF));
    }

    @Test
    void anOwnerPasswordAloneDoesNotStopReading() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument document = Loader.loadPDF(DOCUMENTS.pdf(SAMPLE, Layout.STANDARD))) {
            AccessPermission noCopying = new AccessPermission();
            noCopying.setCanExtractContent(false);
            document.protect(new StandardProtectionPolicy("owner-secret", "", noCopying));
            document.save(out);
        }

        PdfText text = reader.read(write("restricted.pdf", out.toByteArray()));

        assertThat(text.hasTextLayer()).isTrue();
        assertThat(text.text()).contains("NAME: " + SAMPLE.name());
    }

    @Test
    void anImageOnlyPdfHasNoTextLayer() throws IOException {
        PdfText text = reader.read(write("scan.pdf", DOCUMENTS.imageOnlyPdf(SAMPLE)));

        assertThat(text.pageCount()).isEqualTo(1);
        assertThat(text.hasTextLayer()).isFalse();
        assertThat(text.text()).isBlank();
    }

    @Test
    void aScannedPdfIsRenderedPageByPageAndWhatTheReaderThrowsIsNotBlamedOnTheFile() throws IOException {
        OcrReader ocr = new OcrReader(new Tesseract("tesseract", "eng", 1L << 30), TestExtractionConfig.LIMITS);
        Path scan = write("scan.pdf", DOCUMENTS.imageOnlyPdf(SAMPLE));
        List<BufferedImage> pages = new ArrayList<>();

        ocr.forEachRenderedPage(scan, pages::add);

        assertThat(pages).singleElement().satisfies(page -> {
            assertThat(page.getWidth()).isEqualTo(2550); // a letter page at 300 dpi
            assertThat(page.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        });
        IllegalStateException bug = new IllegalStateException("a bug in reading the page");
        assertThatThrownBy(() -> ocr.forEachRenderedPage(scan, page -> {
            throw bug;
        })).as("the OCR's own failure, for the extractor to report as INTERNAL_ERROR").isSameAs(bug);
        ExtractionException failedOcr = new ExtractionException(FailureType.OCR_FAILED, "Text recognition failed on this file");
        assertThatThrownBy(() -> ocr.forEachRenderedPage(scan, page -> {
            throw failedOcr;
        })).isSameAs(failedOcr);
        assertThatThrownBy(() -> ocr.forEachRenderedPage(write("broken.pdf", DOCUMENTS.truncatedPdf()), pages::add))
                .isInstanceOfSatisfying(ExtractionException.class, e -> assertThat(e.type()).isEqualTo(FailureType.INVALID_PDF));
        assertThatThrownBy(() -> ocr.forEachRenderedPage(write("locked.pdf", DOCUMENTS.encryptedPdf()), pages::add))
                .isInstanceOfSatisfying(ExtractionException.class, e -> assertThat(e.type()).isEqualTo(FailureType.ENCRYPTED_PDF));
    }

    @Test
    void aLetterHasTextButIsNotAnAktr() throws IOException {
        PdfText text = reader.read(write("letter.pdf", DOCUMENTS.notAnAktrPdf()));

        assertThat(text.hasTextLayer()).isTrue();
        assertThatThrownBy(() -> new AktrParser().parse(text.text(), TextOrigin.PDF_TEXT))
                .isInstanceOfSatisfying(ExtractionException.class,
                        e -> assertThat(e.type()).isEqualTo(FailureType.NOT_AN_AKTR));
    }

    @Test
    void readsInPositionOrderWithSideBySideItemsOnOneLine() throws IOException {
        PdfText text = reader.read(write("two-column.pdf", DOCUMENTS.pdf(SAMPLE, Layout.TWO_COLUMN)));
        List<String> lines = text.text().lines().toList();

        assertThat(text.pageCount()).isEqualTo(1);
        assertThat(lines).contains("NAME: " + SAMPLE.name() + " EXAM ID: " + SAMPLE.examId(),
                "SCORE: " + SAMPLE.score() + " GRADE: " + SAMPLE.grade());
        assertThat(lines.indexOf("AIRMAN KNOWLEDGE TEST REPORT"))
                .isLessThan(lines.indexOf("DO NOT LOSE THIS REPORT")).isNotNegative();
    }

    @Test
    void pagesComeInOrder() throws IOException {
        AktrSample many = AktrSample.random(new Random(3));
        PdfText text = reader.read(write("two-pages.pdf", DOCUMENTS.pdf(many, Layout.TWO_PAGES)));

        assertThat(text.pageCount()).isEqualTo(2);
        assertThat(text.text().indexOf("Page 1 of 2")).isLessThan(text.text().indexOf("Page 2 of 2"));
        assertThat(text.text().indexOf("Page 1 of 2")).isLessThan(text.text().indexOf("EXPIRATION DATE"));
    }

    @Test
    void aFewStrayCharactersAreNoTextLayer() {
        assertThat(new PdfText("", 1).hasTextLayer()).isFalse();
        assertThat(new PdfText(null, 1).hasTextLayer()).isFalse();
        assertThat(new PdfText(" Scanned with a phone app \n Page 1 of 1 \n 2024-03-01 10:42 \n", 1).hasTextLayer())
                .isFalse();
        assertThat(new PdfText("AIRMAN KNOWLEDGE TEST REPORT\nNAME: DOE, JANE\nFAA TRACKING NUMBER (FTN): A1234567\n"
                + "EXAM: Private Pilot Airplane (PAR)\nSCORE: 85\n", 1).hasTextLayer()).isTrue();
    }

    // ------------------------------------------------------------------ the document factory itself

    @Test
    void factoryFilesAreRealisticAndDeterministic() throws IOException {
        byte[] pdf = DOCUMENTS.pdf(SAMPLE, Layout.STANDARD);
        byte[] scan = DOCUMENTS.imageOnlyPdf(SAMPLE);

        assertThat(pdf).startsWith("%PDF-".getBytes(StandardCharsets.US_ASCII));
        assertThat(pdf.length).isBetween(1_000, 10_000);
        assertThat(Arrays.equals(DOCUMENTS.pdf(SAMPLE, Layout.STANDARD), pdf)).as("same bytes for the same sample").isTrue();
        assertThat(DOCUMENTS.textOf(SAMPLE, Layout.STANDARD)).isEqualTo(DOCUMENTS.textOf(SAMPLE, Layout.STANDARD));
        assertThat(scan.length).isBetween(10_000, 400_000);
        assertThat(DOCUMENTS.encryptedPdf()).startsWith("%PDF-".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void factoryImagesDecodeAtTheirResolution() throws IOException {
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(DOCUMENTS.png(SAMPLE, 100)));
        BufferedImage jpeg = ImageIO.read(new ByteArrayInputStream(DOCUMENTS.jpeg(SAMPLE, 72)));

        assertThat(DOCUMENTS.png(SAMPLE, 100)).startsWith(0x89, 'P', 'N', 'G');
        assertThat(DOCUMENTS.jpeg(SAMPLE, 72)).startsWith(0xFF, 0xD8, 0xFF);
        assertThat(png.getWidth()).isCloseTo(850, within(1));   // 8.5 in at 100 dpi
        assertThat(png.getHeight()).isCloseTo(1100, within(1));
        assertThat(jpeg.getWidth()).isCloseTo(612, within(1));
        assertThat(darkPixels(png)).isGreaterThan(1_000); // text was drawn, not a blank page
    }

    private static int darkPixels(BufferedImage image) {
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFF) < 128) {
                    dark++;
                }
            }
        }
        return dark;
    }

    // ------------------------------------------------------------------ speed

    @Test
    void extractsAOnePageReportInAFewMilliseconds() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Layout layout = Layout.values()[i % Layout.values().length];
            files.add(write("speed-" + i + ".pdf", DOCUMENTS.pdf(AktrSample.random(new Random(i)), layout)));
        }
        for (int warmUp = 0; warmUp < 10; warmUp++) {
            files.forEach(reader::read);
        }

        double millisPerFile = Double.MAX_VALUE; // best round: the machine is shared
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            files.forEach(reader::read);
            millisPerFile = Math.min(millisPerFile, (System.nanoTime() - start) / 1e6 / files.size());
        }

        System.out.printf("PdfTextReader: %.2f ms per one-page file%n", millisPerFile);
        // generous: guards against a gross regression (e.g. a font scan per file), not a benchmark
        assertThat(millisPerFile).isLessThan(50);
    }
}
