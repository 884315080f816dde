package dev.debrief.extraction;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.blend.BlendMode;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * The OCR text source: photos and scans (JPEG, PNG) and PDFs whose pages are only images. Each page is made
 * grey, upright and 200 to about 300 dpi, its printed rules erased ({@link PrintedRules}), then read by the
 * {@link OcrEngine} in two passes: the whole page, then only the words that look like ACS codes, set apart glyph
 * by glyph ({@link GlyphSpacing}) and put back together by {@link CodeAssembly}. Blocking; runs on the extractor's pool. Thread-safe.
 */
final class OcrReader {

    /*
     * Page segmentation 6 (one uniform block): an AKTR page is one column of left-aligned lines, so the layout
     * analysis of modes 3 and 4 (columns, lines of varying size) is time without benefit. With the engine
     * in-process it was measured over the 30 images of OcrAccuracyTest: about 12 % less time a page than mode 4,
     * and no field read worse (damaged photos: names 18/20 against 16/20, codes 214/217 against 213/217); each
     * printed row of codes still comes out as one line. tessedit_do_invert=0: a report is dark on light, so the
     * inverted second look at every line is time lost. A page is read at the resolution it comes with, 200 to
     * about 300 dpi (see PageImages.MIN_KEPT_DPI); the passes' dpi is the page's.
     */
    static final OcrPass PAGE_PASS = new OcrPass(6, PageImages.TARGET_DPI, Map.of("tessedit_do_invert", "0"));

    /** The second pass: a block of short lines, one code each (without its numeral, see GlyphSpacing). */
    static final OcrPass CODE_PASS = new OcrPass(6, PageImages.TARGET_DPI, Map.of("tessedit_do_invert", "0"));

    /** An AKTR is one or two pages; a scan longer than this is read no further (every page costs a second). */
    static final int MAX_PAGES = 3;

    /** A word worth a second look: two capitals (or their look-alikes), a dot further on, no slash (dates). */
    private static final Pattern CODE_LIKE = Pattern.compile("[A-Z0-9l|]{2}[^\\s/]*\\.[^\\s/]{3,}");

    /**
     * A word in a row of codes that the first pass garbled past {@link #CODE_LIKE} ("CALIILA.KS" for CA.II.A.K5):
     * long enough to be a code, no slash (a date), starting with a letter or its look-alikes.
     */
    private static final Pattern IN_A_ROW_OF_CODES = Pattern.compile("[A-Z0-9l|][^\\s/]{4,}");

    private final OcrEngine engine;
    private final ReadingLimits limits;

    OcrReader(OcrEngine engine, ReadingLimits limits) {
        this.engine = engine;
        this.limits = limits;
    }

    /** The text of a JPEG or PNG photo or scan of a report. */
    String readImage(Path file) {
        int quarterTurns = ExifOrientation.quarterTurns(file);
        PageImages.Decoded decoded = PageImages.decode(file, limits, quarterTurns);
        BufferedImage page = PageImages.prepare(decoded.image(), quarterTurns, decoded.maxPreparedPixels());
        return readPage(page, PageImages.dpiOf(page));
    }

    /**
     * The text of a PDF without a text layer, page by page. Every page read, and every image it draws, is checked
     * before the first is rendered, so a file with one page too large fails before any work; then each page is
     * rendered and read in turn, so that only one page image is held at a time.
     */
    String readScannedPdf(Path pdf) {
        StringBuilder text = new StringBuilder(4096);
        forEachRenderedPage(pdf, page -> text.append(readPage(page, PageImages.TARGET_DPI)).append('\n'));
        return text.toString();
    }

    /**
     * Checks the pages of a PDF (see {@link #readScannedPdf}), then renders them one at a time, each handed to
     * {@code read} before the next is rendered. Only PDFBox's own work (loading, checking, rendering) is blamed on
     * the file (INVALID_PDF, ENCRYPTED_PDF); what {@code read} throws is passed on as it is, so that a failure of
     * the OCR is never reported as the file's.
     */
    void forEachRenderedPage(Path pdf, Consumer<BufferedImage> read) {
        try (PDDocument document = PdfTextReader.openBlamed(pdf)) {
            int pages = PdfTextReader.blame(() -> checkPages(document));
            PDFRenderer renderer = PdfTextReader.blame(() -> new PDFRenderer(document));
            // An image at least twice as fine as the page is drawn at (a 600 dpi scan) is read at every n-th pixel,
            // so PDFBox's working copies of it are about the page's size rather than its own; below that it is
            // read whole, as before.
            renderer.setSubsamplingAllowed(true);
            for (int page = 0; page < pages; page++) {
                int index = page;
                read.accept(PdfTextReader.blame(() -> renderer.renderImageWithDPI(index, PageImages.TARGET_DPI, ImageType.GRAY)));
            }
        } catch (IOException closing) {
            throw PdfTextReader.fileFailure(closing);
        }
    }

    /** The pages to read, each checked with the images it draws; FILE_TOO_COMPLEX when one is over a limit. */
    private int checkPages(PDDocument document) {
        int pages = Math.min(document.getNumberOfPages(), MAX_PAGES);
        for (int page = 0; page < pages; page++) {
            PDPage checked = document.getPage(page);
            PDRectangle box = checked.getCropBox();
            long pageBytes = limits.checkRenderedPage(box.getWidth(), box.getHeight(), PageImages.TARGET_DPI,
                    blends(checked) ? ReadingLimits.BLENDED_PAGE_BYTES_PER_PIXEL : 1);
            // the page is held while each image is decoded and drawn onto it: an image has what the page leaves
            EmbeddedImages.check(checked, limits, limits.maxBytes() - pageBytes);
        }
        return pages;
    }

    /**
     * Whether PDFBox will draw this page on ARGB before making it grey, which it does when the page's own
     * graphics states use a blend mode other than Normal (PDFRenderer.renderImage).
     */
    private static boolean blends(PDPage page) {
        PDResources resources = page.getResources();
        if (resources == null) {
            return false;
        }
        for (COSName name : resources.getExtGStateNames()) {
            PDExtendedGraphicsState state = resources.getExtGState(name);
            if (state != null && state.getBlendMode() != BlendMode.NORMAL) {
                return true;
            }
        }
        return false;
    }

    /** The text of one grey page image of this resolution; the image is changed (its printed rules erased). */
    String readPage(BufferedImage page, int dpi) {
        PrintedRules.erase(page);
        OcrWords words = OcrWords.parse(engine.recognise(page, PAGE_PASS.at(dpi), true));
        List<Integer> codeLike = new ArrayList<>();
        List<GlyphSpacing.Box> boxes = new ArrayList<>();
        Set<Integer> rowsOfCodes = rowsOfCodes(words);
        for (int i = 0; i < words.words().size(); i++) {
            OcrWords.Word word = words.words().get(i);
            if (CODE_LIKE.matcher(word.text()).matches()
                    || rowsOfCodes.contains(word.line()) && IN_A_ROW_OF_CODES.matcher(word.text()).matches()) {
                codeLike.add(i);
                boxes.add(new GlyphSpacing.Box(word.left(), word.top(), word.width(), word.height()));
            }
        }
        if (codeLike.isEmpty()) {
            return words.text(Map.of());
        }
        GlyphSpacing.Respaced spaced = GlyphSpacing.respace(page, boxes);
        String[] reread = engine.recognise(spaced.image(), CODE_PASS.at(dpi), false).lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toArray(String[]::new);
        if (reread.length != codeLike.size()) {
            // lines lost or split: which reading belongs to which word is unknown, so the first pass stands
            return words.text(Map.of());
        }
        Map<Integer, String> replaced = new HashMap<>();
        for (int j = 0; j < reread.length; j++) {
            String first = words.words().get(codeLike.get(j)).text();
            replaced.put(codeLike.get(j), CodeAssembly.assemble(first, reread[j], spaced.shapes().get(j)));
        }
        return words.text(replaced);
    }

    /**
     * The lines that are rows of missed codes: the report prints them several to a line, so a line where most
     * words look like codes holds nothing else, and its other words are codes the first pass misread.
     */
    static Set<Integer> rowsOfCodes(OcrWords words) {
        Map<Integer, int[]> counts = new HashMap<>(); // line -> {code-like words, words}
        for (OcrWords.Word word : words.words()) {
            int[] count = counts.computeIfAbsent(word.line(), line -> new int[2]);
            if (CODE_LIKE.matcher(word.text()).matches()) {
                count[0]++;
            }
            count[1]++;
        }
        Set<Integer> rows = new HashSet<>();
        counts.forEach((line, count) -> {
            if (count[0] >= 1 && count[1] >= 2 && 2 * count[0] > count[1]) {
                rows.add(line);
            }
        });
        return rows;
    }
}
