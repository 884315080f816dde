package dev.debrief.extraction;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Fuzz targets for everything a client's file goes through before Tesseract: the AKTR text parser,
 * the PDF text layer, and the decoding and preparation of a photo or scan. Each file may fail, but
 * only as an {@link ExtractionException} (the documented per-file failure); any other exception,
 * an error such as StackOverflowError, or an input that runs past its time bound is a finding.
 *
 * <p>In the normal build (no JAZZER_FUZZ) every target replays its inputs directory,
 * {@code src/test/resources/dev/debrief/extraction/ExtractionFuzzTestInputs/<method>/}: seeds made with
 * {@code AktrDocumentFactory} (see {@code dev.debrief.testsupport.FuzzSeeds}) and the findings of past
 * runs, so a fixed finding stays fixed. To fuzz one target (it runs for {@link #FUZZ_DURATION}):
 *
 * <pre>JAZZER_FUZZ=1 nice -n 19 ./mvnw -B test -Dtest='ExtractionFuzzTest#parserNeverFailsOtherwise'</pre>
 *
 * JAZZER_FUZZ also turns on the pom's {@code fuzz} profile. The generated corpus goes to
 * {@code .cifuzz-corpus/} (ignored by git); a crashing input is written into the target's inputs
 * directory, where it is a regression test from then on.
 *
 * <p>The per-input bound is each method's {@link Timeout}: in the replay JUnit enforces it (on a
 * separate thread, so that even a loop that never ends fails the test); while fuzzing Jazzer hands it to
 * libFuzzer as {@code -timeout}, and the fuzz profile switches JUnit's own enforcement off, since
 * the whole fuzzing run is one JUnit invocation. The bounds are generous: the runs are niced on a
 * shared machine, and a report or page takes milliseconds.
 */
class ExtractionFuzzTest {

    /** The service's defaults for one reading (see ExtractionConfig), with the tests' fixed reading memory. */
    private static final ReadingLimits LIMITS = TestExtractionConfig.LIMITS;

    /** How long one fuzzing run lasts (ignored by the replay). Jazzer 0.24 reads it only from the annotation. */
    static final String FUZZ_DURATION = "10m";

    private static final AktrParser PARSER = new AktrParser();
    private static final PdfTextReader PDF_READER = new PdfTextReader();
    private static final Path DEV_NULL = Path.of("/dev/null");

    private static Path dir;
    private static Path upload;

    /*
     * PDFBox logs every damage it works around (with a stack trace), which at a hundred broken files a
     * second is most of a fuzzing run's time and output. Held here so that the level stays set.
     */
    private static final Logger PDFBOX_LOG = Logger.getLogger("org.apache.pdfbox");
    private static Level pdfboxLevel;

    @BeforeAll
    static void makeUploadFile() throws IOException {
        dir = Files.createTempDirectory("debrief-fuzz-");
        upload = dir.resolve("upload");
        pdfboxLevel = PDFBOX_LOG.getLevel();
        PDFBOX_LOG.setLevel(Level.OFF);
    }

    @AfterAll
    static void removeUploadFile() throws IOException {
        PDFBOX_LOG.setLevel(pdfboxLevel);
        Files.deleteIfExists(upload);
        Files.deleteIfExists(dir.resolve("page.pgm"));
        Files.deleteIfExists(dir);
    }

    /** (a) Any text, as a PDF's text layer and as OCR output: a report or NOT_AN_AKTR. */
    @Timeout(value = 5, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = FUZZ_DURATION)
    void parserNeverFailsOtherwise(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        for (TextOrigin origin : TextOrigin.values()) {
            try {
                checkReport(PARSER.parse(text, origin), origin);
            } catch (ExtractionException documented) {
                // the file's own failure, reported to the client as such
            }
        }
    }

    /** (b) Any bytes as an uploaded PDF: PDFBox reads the text layer, the parser reads the text. */
    @Timeout(value = 15, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = FUZZ_DURATION)
    void pdfNeverFailsOtherwise(byte[] input) {
        write(input);
        try {
            PdfText text = PDF_READER.read(upload);
            if (text.pageCount() < 1) {
                throw new AssertionError("a PDF read without failure has pages: " + text.pageCount());
            }
            if (text.hasTextLayer()) {
                checkReport(PARSER.parse(text.text(), TextOrigin.PDF_TEXT), TextOrigin.PDF_TEXT);
            }
            // without a text layer the file goes to OCR, which is the image target's and Tesseract's business
        } catch (ExtractionException documented) {
            // the file's own failure
        }
    }

    /**
     * (c) Any bytes as an uploaded photo or scan, up to the call to Tesseract: what
     * {@code OcrReader.readImage} does before {@code readPage}, and the page file {@code readPage} writes.
     */
    @Timeout(value = 15, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = FUZZ_DURATION)
    void imagePreparationNeverFailsOtherwise(byte[] input) throws IOException {
        write(input);
        try {
            int quarterTurns = ExifOrientation.quarterTurns(upload);
            if (quarterTurns < 0 || quarterTurns > 3) {
                throw new AssertionError("quarter turns out of range: " + quarterTurns);
            }
            PageImages.Decoded decoded = PageImages.decode(upload, LIMITS, quarterTurns);
            BufferedImage page = PageImages.prepare(decoded.image(), quarterTurns, decoded.maxPreparedPixels());
            if (page.getType() != BufferedImage.TYPE_BYTE_GRAY || page.getWidth() < 1 || page.getHeight() < 1) {
                throw new AssertionError("not a grey page: " + page);
            }
            // the page as Tesseract is given it, written where it costs no disk
            PageImages.writePgm(page, Files.isWritable(DEV_NULL) ? DEV_NULL : dir.resolve("page.pgm"));
        } catch (ExtractionException documented) {
            // the file's own failure
        }
    }

    private static void write(byte[] input) {
        try {
            Files.write(upload, input);
        } catch (IOException e) {
            throw new UncheckedIOException("the fuzz input could not be staged", e);
        }
    }

    /** What every report promises its readers, whatever text it came from. */
    private static void checkReport(ParsedReport report, TextOrigin origin) {
        check(report.origin() == origin, "origin", report);
        check(report.confidence() >= 0 && report.confidence() <= 1, "confidence in [0, 1]", report);
        check(report.score() == null || (report.score() >= 0 && report.score() <= 100), "score in [0, 100]", report);
        check(report.take() == null || report.take() >= 1, "take at least 1", report);
        check(report.grade() == null || report.grade().equals("Pass") || report.grade().equals("Fail"), "grade", report);
        check(report.exam() != null || report.score() != null || !report.codes().isEmpty(),
                "an exam, a score or a code", report);
        check(report.repairs() >= 0 && (origin == TextOrigin.OCR || report.repairs() == 0), "repairs", report);
        for (AcsCode code : report.codes()) {
            check(AcsCode.parse(code.code()).isPresent(), "every code fits the grammar", report);
        }
        check(report.codes().stream().map(AcsCode::code).distinct().count() == report.codes().size(),
                "codes are distinct", report);
    }

    private static void check(boolean holds, String what, ParsedReport report) {
        if (!holds) {
            throw new AssertionError("broken promise (" + what + "): " + report);
        }
    }
}
