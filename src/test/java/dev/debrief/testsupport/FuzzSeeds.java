package dev.debrief.testsupport;

import dev.debrief.testsupport.AktrDocumentFactory.Layout;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName;

/**
 * Writes the seed inputs of {@code dev.debrief.extraction.ExtractionFuzzTest}: a few real reports (and
 * the broken files an upload meets) per target, small so that the replay stays quick and the fuzzer
 * starts from valid structure. Run once, commit the files:
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.debrief.testsupport.FuzzSeeds</pre>
 */
public final class FuzzSeeds {

    static final Path INPUTS = Path.of("src/test/resources/dev/debrief/extraction/ExtractionFuzzTestInputs");

    private static final AktrDocumentFactory DOCUMENTS = new AktrDocumentFactory();

    private FuzzSeeds() {
    }

    public static void main(String[] args) throws IOException {
        Path inputs = args.length > 0 ? Path.of(args[0]) : INPUTS;
        AktrSample sample = AktrSample.random(new Random(2023));
        AktrSample legacy = AktrSample.randomLegacy(new Random(2014));
        AktrSample labelWords = new AktrSample("DATE, JOHN", sample.ftn(), sample.examId(), sample.examTitle(),
                sample.examCode(), sample.examDate(), "DESERT SKY AERO TEST SITE, MESA, AZ", sample.score(),
                sample.grade(), sample.take(), sample.expirationDate(), sample.codes());

        Path text = inputs.resolve("parserNeverFailsOtherwise");
        for (Layout layout : List.of(Layout.STANDARD, Layout.TWO_COLUMN, Layout.VALUE_BELOW, Layout.SCORE_TABLE,
                Layout.NO_COLONS, Layout.LABEL_VARIANTS, Layout.INSTRUCTOR_FILLED)) {
            write(text, "seed-" + name(layout) + ".txt", DOCUMENTS.textOf(sample, layout));
        }
        write(text, "seed-legacy-form.txt", DOCUMENTS.textOf(legacy, Layout.LEGACY_FORM));
        write(text, "seed-label-words-in-values.txt", DOCUMENTS.textOf(labelWords, Layout.NO_COLONS));
        write(text, "seed-ocr-misread-codes.txt", DOCUMENTS.textOf(sample, Layout.STANDARD)
                .replace(".I.", ". l. ").replace(".II.", ".1I.").replace(".B.", ".8."));

        Path pdf = inputs.resolve("pdfNeverFailsOtherwise");
        write(pdf, "seed-standard.pdf", DOCUMENTS.pdf(sample, Layout.STANDARD));
        write(pdf, "seed-two-pages.pdf", DOCUMENTS.pdf(sample, Layout.TWO_PAGES));
        write(pdf, "seed-legacy-form.pdf", DOCUMENTS.pdf(legacy, Layout.LEGACY_FORM));
        write(pdf, "seed-not-an-aktr.pdf", DOCUMENTS.notAnAktrPdf());
        write(pdf, "seed-encrypted.pdf", DOCUMENTS.encryptedPdf());
        write(pdf, "seed-truncated.pdf", DOCUMENTS.truncatedPdf());
        write(pdf, "seed-image-only.pdf", DOCUMENTS.imageOnlyPdf(sample, 20));
        write(pdf, "seed-uncompressed.pdf", uncompressedPdf(DOCUMENTS.textOf(sample, Layout.STANDARD)));

        Path image = inputs.resolve("imagePreparationNeverFailsOtherwise");
        write(image, "seed-page.png", DOCUMENTS.png(sample, 20));
        write(image, "seed-page.jpg", DOCUMENTS.jpeg(sample, 20));
        BufferedImage sideways = DOCUMENTS.scan(sample, Layout.STANDARD, 16);
        write(image, "seed-page-exif-rotated.jpg", withOrientation(AktrDocumentFactory.encode(sideways, "jpeg"), 6));
        write(image, "seed-page-exif-little-endian.jpg",
                withLittleEndianOrientation(AktrDocumentFactory.encode(sideways, "jpeg"), 3));
    }

    /**
     * The report's text drawn line by line into a PDF saved without any compression: operators and
     * objects in the clear, for the fuzzer to mutate (the factory's PDFs compress their content).
     */
    static byte[] uncompressedPdf(String text) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            document.addPage(page);
            PDType1Font font = new PDType1Font(FontName.HELVETICA);
            try (PDPageContentStream content = new PDPageContentStream(document, page, AppendMode.OVERWRITE, false)) {
                content.beginText();
                content.setFont(font, 9);
                content.setLeading(11);
                content.newLineAtOffset(54, 740);
                for (String line : text.split("\n")) {
                    content.showText(line);
                    content.newLine();
                }
                content.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            document.save(out, CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        }
    }

    private static String name(Layout layout) {
        return layout.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static void write(Path dir, String name, String text) throws IOException {
        write(dir, name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path dir, String name, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }

    /** The JPEG with an EXIF segment (big-endian TIFF) holding only the orientation, right after SOI. */
    static byte[] withOrientation(byte[] jpeg, int orientation) {
        return withExif(jpeg, new byte[] {
                'M', 'M', 0, 42, 0, 0, 0, 8, // TIFF header, first IFD at 8
                0, 1,                        // one entry
                0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // Orientation, SHORT, 1 value
                0, 0, 0, 0});                // no next IFD
    }

    /** The same in Intel byte order. */
    static byte[] withLittleEndianOrientation(byte[] jpeg, int orientation) {
        return withExif(jpeg, new byte[] {
                'I', 'I', 42, 0, 8, 0, 0, 0,
                1, 0,
                0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte) orientation, 0, 0, 0,
                0, 0, 0, 0});
    }

    private static byte[] withExif(byte[] jpeg, byte[] tiff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + tiff.length + 16);
        int length = 2 + 6 + tiff.length;
        out.write(jpeg, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1); // APP1
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
