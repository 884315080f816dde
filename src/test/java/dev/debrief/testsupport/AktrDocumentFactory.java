package dev.debrief.testsupport;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Writes Airman Knowledge Test Reports with the fields in the order public guides describe, in
 * several layouts (no public sample fixes the exact labels, so the layouts vary them), plus the
 * broken and hostile files an upload endpoint meets. Output depends only on the sample and
 * the layout (the encrypted file excepted: encryption salts are random).
 *
 * <p>Every layout is first laid out as positioned text; {@link #pdf} draws that, and {@link #textOf}
 * reads it back line by line, so the two always agree.
 */
public final class AktrDocumentFactory {

    public enum Layout {
        /** FAA-like: header, colon labels, score/grade/take on one line, codes in four columns. */
        STANDARD(Header.STANDARD, DateStyle.US, CodeStyle.COLUMNS_4, Typeface.HELVETICA),
        STANDARD_TIMES(Header.STANDARD, DateStyle.US, CodeStyle.COLUMNS_3, Typeface.TIMES),
        STANDARD_COURIER(Header.STANDARD, DateStyle.US, CodeStyle.COLUMNS_3, Typeface.COURIER),
        /** Label/value pairs side by side in two columns. */
        TWO_COLUMN(Header.TWO_COLUMN, DateStyle.US, CodeStyle.COLUMNS_4, Typeface.TIMES),
        /** Each label on its own line, its value on the next. */
        VALUE_BELOW(Header.VALUE_BELOW, DateStyle.US, CodeStyle.COLUMNS_3, Typeface.COURIER),
        /** Applicant Name, Test ID, Test, Test Date, Score 85%, Grade: Passed... */
        LABEL_VARIANTS(Header.VARIANTS, DateStyle.US_SHORT, CodeStyle.COLUMNS_4, Typeface.TIMES),
        /** SCORE GRADE TAKE as column heads with the values on the row below; bare DATE label. */
        SCORE_TABLE(Header.SCORE_TABLE, DateStyle.US_SHORT, CodeStyle.COLUMNS_4, Typeface.HELVETICA),
        /** Labels without colons. */
        NO_COLONS(Header.NO_COLONS, DateStyle.US, CodeStyle.COLUMNS_4, Typeface.HELVETICA),
        ISO_DATES(Header.STANDARD, DateStyle.ISO, CodeStyle.COLUMNS_4, Typeface.HELVETICA),
        LONG_DATES(Header.STANDARD, DateStyle.LONG, CodeStyle.COLUMNS_4, Typeface.TIMES),
        DAY_MONTH_DATES(Header.STANDARD, DateStyle.DAY_MONTH, CodeStyle.COLUMNS_3, Typeface.HELVETICA),
        UPPER_MONTH_DATES(Header.STANDARD, DateStyle.UPPER_MONTH, CodeStyle.COLUMNS_4, Typeface.COURIER),
        COMMA_CODES(Header.STANDARD, DateStyle.US, CodeStyle.COMMAS, Typeface.HELVETICA),
        SEMICOLON_CODES(Header.STANDARD, DateStyle.ISO, CodeStyle.SEMICOLONS, Typeface.TIMES),
        /** Some codes printed twice; a reader keeps the first. */
        DUPLICATE_CODES(Header.STANDARD, DateStyle.US, CodeStyle.DUPLICATED, Typeface.HELVETICA),
        /** Half the codes on page 1, the rest with the expiration date and the instructor block on page 2. */
        TWO_PAGES(Header.STANDARD, DateStyle.US, CodeStyle.COLUMNS_4, Typeface.HELVETICA, true, false),
        /** The instructor's statement typed in, with its own Name, Cert. No. and Date. */
        INSTRUCTOR_FILLED(Header.STANDARD, DateStyle.US, CodeStyle.COLUMNS_4, Typeface.HELVETICA, false, true),
        /** The pre-ACS report: EXAM TITLE, learning statement wording, codes in five columns. */
        LEGACY_FORM(Header.LEGACY, DateStyle.US, CodeStyle.COLUMNS_5, Typeface.COURIER);

        private final Header header;
        private final DateStyle dates;
        private final CodeStyle codes;
        private final Typeface typeface;
        private final boolean twoPages;
        private final boolean instructorFilled;

        Layout(Header header, DateStyle dates, CodeStyle codes, Typeface typeface) {
            this(header, dates, codes, typeface, false, false);
        }

        Layout(Header header, DateStyle dates, CodeStyle codes, Typeface typeface, boolean twoPages,
                boolean instructorFilled) {
            this.header = header;
            this.dates = dates;
            this.codes = codes;
            this.typeface = typeface;
            this.twoPages = twoPages;
            this.instructorFilled = instructorFilled;
        }
    }

    private enum Header { STANDARD, TWO_COLUMN, VALUE_BELOW, VARIANTS, SCORE_TABLE, NO_COLONS, LEGACY }

    private enum DateStyle {
        US("MM/dd/yyyy"), US_SHORT("M/d/yyyy"), ISO("yyyy-MM-dd"), LONG("MMMM d, yyyy"), DAY_MONTH("d MMMM yyyy"),
        UPPER_MONTH("MMM dd yyyy");

        private final DateTimeFormatter format;

        DateStyle(String pattern) {
            this.format = DateTimeFormatter.ofPattern(pattern, Locale.US);
        }

        String print(LocalDate date) {
            String s = format.format(date);
            return this == UPPER_MONTH ? s.toUpperCase(Locale.US) : s;
        }
    }

    private enum CodeStyle {
        COLUMNS_3(3, null), COLUMNS_4(4, null), COLUMNS_5(5, null), COMMAS(0, ", "), SEMICOLONS(0, "; "),
        DUPLICATED(4, null);

        private final int columns;
        private final String separator;

        CodeStyle(int columns, String separator) {
            this.columns = columns;
            this.separator = separator;
        }
    }

    private enum Typeface {
        HELVETICA(FontName.HELVETICA, FontName.HELVETICA_BOLD),
        TIMES(FontName.TIMES_ROMAN, FontName.TIMES_BOLD),
        COURIER(FontName.COURIER, FontName.COURIER_BOLD);

        /*
         * Shared by every document: a Standard 14 font is not embedded, so its object is only a small
         * dictionary naming it, and building it again per document would repeat PDFBox's font lookup.
         */
        private final PDType1Font regular;
        private final PDType1Font bold;

        Typeface(FontName regular, FontName bold) {
            this.regular = new PDType1Font(regular);
            this.bold = new PDType1Font(bold);
        }

        float width(String text, boolean bold, float size) {
            try {
                return (bold ? this.bold : regular).getStringWidth(text) / 1000f * size;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final float PAGE_WIDTH = PDRectangle.LETTER.getWidth();
    private static final float PAGE_HEIGHT = PDRectangle.LETTER.getHeight();
    private static final float LEFT = 54;
    private static final float RIGHT = PAGE_WIDTH - 54;
    private static final float TOP = PAGE_HEIGHT - 54;
    private static final float BOTTOM = 64;
    private static final float BODY = 10;
    private static final float SMALL = 8.5f;

    private static final String ACS_PARAGRAPH = "The Airman Certification Standards (ACS) codes listed below "
            + "identify the areas in which questions were answered incorrectly. Look each code up in the ACS "
            + "for this exam to find the knowledge, risk management or skill element it refers to. A single code "
            + "may represent more than one incorrect response.";
    private static final String LEGACY_PARAGRAPH = "The learning statement codes listed below name the subject "
            + "areas of the questions answered incorrectly. Their text is in the Learning Statement Reference "
            + "Guide for airman knowledge testing. A single code may represent more than one incorrect response.";
    private static final String INSTRUCTOR_TEXT = "I have given the applicant named above the additional "
            + "instruction needed in each subject area shown to be deficient and consider the applicant "
            + "competent to pass the test.";

    // ------------------------------------------------------------------ reports

    public byte[] pdf(AktrSample sample, Layout layout) {
        return draw(layOut(sample, layout), layout.typeface);
    }

    /** The text the layout prints, line by line, blanks between items roughly as wide as the gap. */
    public String textOf(AktrSample sample, Layout layout) {
        List<Item> items = new ArrayList<>(layOut(sample, layout).items);
        items.sort(Comparator.comparingInt(Item::page).thenComparing(Item::y, Comparator.reverseOrder())
                .thenComparing(Item::x));
        StringBuilder out = new StringBuilder(2048);
        Item previous = null;
        for (Item item : items) {
            if (previous != null) {
                if (previous.page() == item.page() && previous.y() == item.y()) {
                    float gap = item.x() - (previous.x() + layout.typeface.width(previous.text(), previous.bold(),
                            previous.size()));
                    out.append(" ".repeat(Math.max(1, Math.round(gap / (BODY * 0.5f)))));
                } else {
                    out.append('\n');
                }
            }
            out.append(item.text());
            previous = item;
        }
        return out.append('\n').toString();
    }

    // ------------------------------------------------------------------ broken and hostile files

    public byte[] emptyFile() {
        return new byte[0];
    }

    /** The first part of a real report: the objects that hold its page tree never arrive. */
    public byte[] truncatedPdf() {
        byte[] whole = pdf(fixedSample(), Layout.STANDARD);
        byte[] part = new byte[whole.length / 3];
        System.arraycopy(whole, 0, part, 0, part.length);
        return part;
    }

    /** A PDF header, then noise: what a mislabelled or corrupted upload looks like. */
    public byte[] garbageWithPdfHeader() {
        byte[] header = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] noise = new byte[4096];
        new Random(8080).nextBytes(noise);
        byte[] out = new byte[header.length + noise.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(noise, 0, out, header.length, noise.length);
        return out;
    }

    /** A real report that needs a user password to open. */
    public byte[] encryptedPdf() {
        try (PDDocument document = document(layOut(fixedSample(), Layout.STANDARD), Layout.STANDARD.typeface)) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "student", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report as a scan: one page that is only an image, with no text layer at all. */
    public byte[] imageOnlyPdf(AktrSample sample) {
        return imageOnlyPdf(sample, 110);
    }

    /** The report as a scan at the given resolution, JPEG-compressed inside a PDF without a text layer. */
    public byte[] imageOnlyPdf(AktrSample sample, int dpi) {
        BufferedImage scan = render(sample, dpi);
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            document.addPage(page);
            PDImageXObject image = JPEGFactory.createFromImage(document, scan, 0.75f);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawImage(image, 0, 0, PAGE_WIDTH, PAGE_HEIGHT);
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A readable letter from a flight school: dates and a name, but no exam, score or code. */
    public byte[] notAnAktrPdf() {
        Sheet sheet = new Sheet(Typeface.TIMES);
        sheet.row(LEFT, true, 14, "BLUE SKY AVIATION");
        sheet.down(16);
        sheet.row(LEFT, false, BODY, "1200 Airport Road, Hangar 4, Englewood, CO 80112");
        sheet.down(28);
        sheet.row(LEFT, false, BODY, "Date: March 3, 2024");
        sheet.down(28);
        sheet.row(LEFT, false, BODY, "Dear Student,");
        sheet.down(20);
        sheet.paragraph("Thank you for enrolling in our private pilot ground school. Classes meet on Tuesday and "
                + "Thursday evenings in the main classroom, starting the first week of next month. Please bring "
                + "your logbook, a plotter and a flight computer to the first class.", BODY, 14);
        sheet.down(8);
        sheet.paragraph("When you are ready to schedule your knowledge test, ask the front desk for an "
                + "endorsement appointment with your instructor. We look forward to flying with you.", BODY, 14);
        sheet.down(28);
        sheet.row(LEFT, false, BODY, "Sincerely,");
        sheet.down(40);
        sheet.row(LEFT, false, BODY, "Name: Pat Lee, Chief Instructor");
        return draw(sheet, Typeface.TIMES);
    }

    /** The standard layout rendered as a grey-scale PNG, as a phone or scanner app would send it. */
    public byte[] png(AktrSample sample, int dpi) {
        return encode(render(sample, dpi), "png");
    }

    /** The standard layout rendered as a grey-scale JPEG. */
    public byte[] jpeg(AktrSample sample, int dpi) {
        return encode(render(sample, dpi), "jpeg");
    }

    // ------------------------------------------------------------------ layout

    private Sheet layOut(AktrSample s, Layout layout) {
        Sheet sheet = new Sheet(layout.typeface);
        Function<LocalDate, String> date = layout.dates::print;
        sheet.title();

        String grade = s.passed() ? "PASS" : "FAIL";
        switch (layout.header) {
            case STANDARD, NO_COLONS, LEGACY -> {
                String colon = layout.header == Header.NO_COLONS ? "" : ":";
                sheet.pair(LEFT, "NAME" + colon, s.name());
                sheet.pair(LEFT, "FAA TRACKING NUMBER (FTN)" + colon, s.ftn());
                sheet.pair(LEFT, "EXAM ID" + colon, s.examId());
                sheet.pair(LEFT, (layout.header == Header.LEGACY ? "EXAM TITLE" : "EXAM") + colon, s.examTitle());
                sheet.pair(LEFT, "EXAM DATE" + colon, date.apply(s.examDate()));
                sheet.pair(LEFT, "EXAM SITE" + colon, s.examSite());
                sheet.pairsOnOneRow("SCORE" + colon, String.valueOf(s.score()), "GRADE" + colon, grade,
                        "TAKE" + colon, String.valueOf(s.take()));
            }
            case TWO_COLUMN -> {
                float right = PAGE_WIDTH / 2 + 14;
                sheet.pairAndPair("NAME:", s.name(), right, "EXAM ID:", s.examId());
                sheet.pairAndPair("FAA TRACKING NUMBER (FTN):", s.ftn(), right, "EXAM DATE:", date.apply(s.examDate()));
                sheet.pairAndPair("EXAM:", s.examTitle(), right, "TAKE:", String.valueOf(s.take()));
                sheet.pairAndPair("SCORE:", String.valueOf(s.score()), right, "GRADE:", s.grade());
                sheet.pair(LEFT, "EXAM SITE:", s.examSite());
            }
            case VALUE_BELOW -> {
                sheet.labelOver("NAME", s.name());
                sheet.labelOver("FAA TRACKING NUMBER (FTN)", s.ftn());
                sheet.labelOver("EXAM ID", s.examId());
                sheet.labelOver("EXAM", s.examTitle());
                sheet.labelOver("EXAM DATE", date.apply(s.examDate()));
                sheet.labelOver("EXAM SITE", s.examSite());
                sheet.labelOver("SCORE", String.valueOf(s.score()));
                sheet.labelOver("GRADE", grade);
                sheet.labelOver("TAKE", String.valueOf(s.take()));
            }
            case VARIANTS -> {
                sheet.pair(LEFT, "Applicant Name:", s.name());
                sheet.pair(LEFT, "FAA Tracking Number:", s.ftn());
                sheet.pair(LEFT, "Test ID:", s.examId());
                sheet.pair(LEFT, "Test:", s.examTitle());
                sheet.pair(LEFT, "Test Date:", date.apply(s.examDate()));
                sheet.pair(LEFT, "Test Site:", s.examSite());
                sheet.pairsOnOneRow("Score", s.score() + "%", "Grade:", s.passed() ? "Passed" : "Failed",
                        "Take:", String.valueOf(s.take()));
            }
            case SCORE_TABLE -> {
                sheet.pair(LEFT, "NAME:", s.name());
                sheet.pair(LEFT, "FTN:", s.ftn());
                sheet.pair(LEFT, "EXAM ID:", s.examId());
                sheet.pair(LEFT, "EXAM:", s.examTitle());
                sheet.pair(LEFT, "DATE:", date.apply(s.examDate()));
                sheet.pair(LEFT, "EXAM SITE:", s.examSite());
                sheet.tableRow(new String[] {"SCORE", "GRADE", "TAKE"},
                        new String[] {String.valueOf(s.score()), grade, String.valueOf(s.take())});
            }
            default -> throw new IllegalStateException(layout.header.name());
        }

        sheet.down(8);
        sheet.paragraph(layout.header == Header.LEGACY ? LEGACY_PARAGRAPH : ACS_PARAGRAPH, 9, 12);
        sheet.down(6);

        List<String> printed = new ArrayList<>(s.codes());
        if (layout.codes == CodeStyle.DUPLICATED) {
            for (int i = 0; i < s.codes().size(); i += 2) {
                printed.add(s.codes().get(i));
            }
        }
        if (layout.twoPages) {
            int half = (printed.size() + 1) / 2;
            sheet.codes(printed.subList(0, half), layout.codes);
            sheet.newPage();
            sheet.codes(printed.subList(half, printed.size()), layout.codes);
        } else {
            sheet.codes(printed, layout.codes);
        }

        sheet.down(8);
        String expiration = date.apply(s.expirationDate());
        switch (layout.header) {
            case NO_COLONS -> sheet.pair(LEFT, "EXPIRATION DATE", expiration);
            case VALUE_BELOW -> sheet.labelOver("EXPIRATION DATE", expiration);
            case VARIANTS -> sheet.pair(LEFT, "Expiration Date:", expiration);
            default -> sheet.pair(LEFT, "EXPIRATION DATE:", expiration);
        }
        sheet.down(10);
        sheet.centered(true, 11, "DO NOT LOSE THIS REPORT");
        sheet.down(12);
        sheet.instructorBlock(layout.instructorFilled, date.apply(s.examDate().plusDays(9)));
        sheet.finishPages();
        return sheet;
    }

    // ------------------------------------------------------------------ positioned text

    private record Item(int page, float x, float y, boolean bold, float size, String text) {
    }

    private record Rule(int page, float y) {
    }

    /** Text placed on pages top to bottom; breaks to a new page when the bottom margin is reached. */
    private static final class Sheet {
        private final Typeface face;
        private final List<Item> items = new ArrayList<>();
        private final List<Rule> rules = new ArrayList<>();
        private int page;
        private float y = TOP;

        Sheet(Typeface face) {
            this.face = face;
        }

        int pages() {
            return page + 1;
        }

        byte[] fingerprint() {
            try {
                MessageDigest md5 = MessageDigest.getInstance("MD5");
                for (Item item : items) {
                    md5.update((item.page() + " " + item.x() + " " + item.y() + " " + item.text() + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
                return md5.digest();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void row(float x, boolean bold, float size, String text) {
            items.add(new Item(page, x, y, bold, size, text));
        }

        void down(float dy) {
            y -= dy;
            if (y < BOTTOM) {
                newPage();
            }
        }

        void newPage() {
            page++;
            y = TOP;
            centered(true, 12, "AIRMAN KNOWLEDGE TEST REPORT (CONTINUED)");
            down(24);
        }

        void title() {
            centered(true, 12, "U.S. DEPARTMENT OF TRANSPORTATION");
            down(15);
            centered(true, 12, "FEDERAL AVIATION ADMINISTRATION");
            down(19);
            centered(true, 14, "AIRMAN KNOWLEDGE TEST REPORT");
            down(10);
            rules.add(new Rule(page, y));
            down(20);
        }

        void centered(boolean bold, float size, String text) {
            row((PAGE_WIDTH - face.width(text, bold, size)) / 2, bold, size, text);
        }

        /** "LABEL value" on its own line. */
        void pair(float x, String label, String value) {
            inlinePair(x, label, value);
            down(15);
        }

        private void inlinePair(float x, String label, String value) {
            row(x, true, BODY, label);
            row(x + face.width(label, true, BODY) + 5, false, BODY, value);
        }

        void pairAndPair(String leftLabel, String leftValue, float right, String rightLabel, String rightValue) {
            inlinePair(LEFT, leftLabel, leftValue);
            inlinePair(right, rightLabel, rightValue);
            down(15);
        }

        /** Up to three label/value pairs spread across one line. */
        void pairsOnOneRow(String... labelsAndValues) {
            float step = (RIGHT - LEFT) / 3;
            for (int i = 0; i < labelsAndValues.length; i += 2) {
                inlinePair(LEFT + step * (i / 2), labelsAndValues[i], labelsAndValues[i + 1]);
            }
            down(15);
        }

        void labelOver(String label, String value) {
            row(LEFT, true, BODY, label);
            down(13);
            row(LEFT, false, BODY, value);
            down(17);
        }

        void tableRow(String[] heads, String[] values) {
            float step = (RIGHT - LEFT) / 3;
            for (int i = 0; i < heads.length; i++) {
                row(LEFT + step * i, true, BODY, heads[i]);
            }
            down(13);
            for (int i = 0; i < values.length; i++) {
                row(LEFT + step * i, false, BODY, values[i]);
            }
            down(17);
        }

        void paragraph(String text, float size, float leading) {
            StringBuilder line = new StringBuilder();
            for (String word : text.split(" ")) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (face.width(candidate, false, size) > RIGHT - LEFT && line.length() > 0) {
                    row(LEFT, false, size, line.toString());
                    down(leading);
                    line.setLength(0);
                    line.append(word);
                } else {
                    line.setLength(0);
                    line.append(candidate);
                }
            }
            if (line.length() > 0) {
                row(LEFT, false, size, line.toString());
                down(leading);
            }
        }

        void codes(List<String> codes, CodeStyle style) {
            if (style.separator != null) {
                // one run of text, wrapped after a separator
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < codes.size(); i++) {
                    String token = codes.get(i) + (i + 1 < codes.size() ? style.separator.strip() : "");
                    String candidate = line.length() == 0 ? token : line + " " + token;
                    if (face.width(candidate, false, BODY) > RIGHT - LEFT) {
                        row(LEFT, false, BODY, line.toString());
                        down(14);
                        line.setLength(0);
                        line.append(token);
                    } else {
                        line.setLength(0);
                        line.append(candidate);
                    }
                }
                if (line.length() > 0) {
                    row(LEFT, false, BODY, line.toString());
                    down(14);
                }
                return;
            }
            float step = (RIGHT - LEFT) / style.columns;
            for (int i = 0; i < codes.size(); i += style.columns) {
                for (int c = 0; c < style.columns && i + c < codes.size(); c++) {
                    row(LEFT + step * c, false, BODY, codes.get(i + c));
                }
                down(14);
            }
        }

        void instructorBlock(boolean filled, String date) {
            rules.add(new Rule(page, y + 8));
            row(LEFT, true, 9, "AUTHORIZED INSTRUCTOR'S STATEMENT: (if applicable)");
            down(13);
            paragraph(INSTRUCTOR_TEXT, SMALL, 11);
            down(10);
            float right = PAGE_WIDTH / 2 + 14;
            if (filled) {
                inlinePair(LEFT, "Name:", "ROE, RICHARD A");
                inlinePair(right, "Cert. No.:", "3456789CFI");
                down(16);
                inlinePair(LEFT, "Signature:", "Richard A. Roe");
                inlinePair(right, "Date:", date);
            } else {
                row(LEFT, false, 9, "Name ________________________________");
                row(right, false, 9, "Cert. No. ______________________");
                down(16);
                row(LEFT, false, 9, "Signature ____________________________");
                row(right, false, 9, "Date ____________________");
            }
            down(16);
        }

        /** Multi-page reports number their pages, as printed reports do. */
        void finishPages() {
            if (page == 0) {
                return;
            }
            int total = page + 1;
            for (int p = 0; p < total; p++) {
                String footer = "Page " + (p + 1) + " of " + total;
                items.add(new Item(p, (PAGE_WIDTH - face.width(footer, false, SMALL)) / 2, 36, false, SMALL, footer));
            }
        }
    }

    // ------------------------------------------------------------------ PDF output

    private static AktrSample fixedSample() {
        return AktrSample.random(new Random(20230509));
    }

    private static byte[] draw(Sheet sheet, Typeface face) {
        try (PDDocument document = document(sheet, face)) {
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PDDocument document(Sheet sheet, Typeface face) throws IOException {
        PDDocument document = new PDDocument();
        document.getDocumentInformation().setTitle("Airman Knowledge Test Report");
        // PDFBox would otherwise derive the file identifier from the clock: same sheet, same bytes
        COSString id = new COSString(sheet.fingerprint());
        COSArray ids = new COSArray();
        ids.add(id);
        ids.add(id);
        document.getDocument().getTrailer().setItem(COSName.ID, ids);
        for (int p = 0; p < sheet.pages(); p++) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                for (Rule rule : sheet.rules) {
                    if (rule.page() == p) {
                        content.setLineWidth(0.75f);
                        content.moveTo(LEFT, rule.y());
                        content.lineTo(RIGHT, rule.y());
                        content.stroke();
                    }
                }
                for (Item item : sheet.items) {
                    if (item.page() != p) {
                        continue;
                    }
                    content.beginText();
                    content.setFont(item.bold() ? face.bold : face.regular, item.size());
                    content.newLineAtOffset(item.x(), item.y());
                    content.showText(item.text());
                    content.endText();
                }
            }
        }
        return document;
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        document.save(out);
        return out.toByteArray();
    }

    private BufferedImage render(AktrSample sample, int dpi) {
        return scan(sample, Layout.STANDARD, dpi);
    }

    /** The first page of the report in the given layout as a clean grey-scale scan at the given resolution. */
    public BufferedImage scan(AktrSample sample, Layout layout, int dpi) {
        try (PDDocument document = document(layOut(sample, layout), layout.typeface)) {
            return new PDFRenderer(document).renderImageWithDPI(0, dpi, ImageType.GRAY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An image as PNG or JPEG bytes ("png", "jpeg"); JPEG at ImageIO's default quality. */
    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
