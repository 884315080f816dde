package dev.debrief.export;

import dev.debrief.report.ReportView;
import dev.debrief.summary.BatchSummary;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The class debrief as a printable document: the class figures, the score distribution and the weak areas as charts
 * (JFreeChart, drawn into the page as images), the most-missed codes with their ACS text, one row per student and the
 * study plan. Made from the stored summary and reports only, so it says what the API says. Blocking CPU work: call it
 * off the event loop.
 */
public final class ClassReportPdf {

    public static final String MEDIA_TYPE = "application/pdf";
    /** Latin, Greek and Cyrillic names print as they are; PDFBox ships the font, so no system font is needed. */
    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final float MARGIN = 50;
    private static final float CHART_SCALE = 2;
    private static final Color BAR = new Color(0x2F, 0x5D, 0x8A);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.US);

    /** What the document is made from. */
    public record ClassReport(UUID batchId, OffsetDateTime createdAt, BatchSummary summary, List<ReportView> reports) {
    }

    private ClassReportPdf() {
    }

    public static byte[] render(ClassReport report) {
        try (PDDocument document = new PDDocument(); InputStream font = ClassReportPdf.class.getResourceAsStream(FONT)) {
            if (font == null) {
                throw new IllegalStateException("PDFBox's font " + FONT + " is not on the class path");
            }
            Pages pages = new Pages(document, PDType0Font.load(document, font));
            write(report, pages);
            pages.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(ClassReport report, Pages pages) throws IOException {
        BatchSummary summary = report.summary();
        BatchSummary.Statistics statistics = summary.scoreAnalysis().statistics();
        pages.heading("Class debrief", 20);
        pages.line("Batch " + report.batchId() + ", uploaded " + DAY.format(report.createdAt()), 9);
        pages.gap(8);

        pages.heading("The class", 13);
        pages.line("Reports read: " + summary.successfulFiles() + " of " + summary.totalFiles() + " files", 10);
        pages.line("Scores: mean " + number(statistics.mean()) + ", median " + number(statistics.median()) + ", lowest "
                + number(statistics.min()) + ", highest " + number(statistics.max()), 10);
        pages.line("Pass rate: " + (summary.scoreAnalysis().passRate() == null ? "-" : number(summary.scoreAnalysis().passRate()) + " %"), 10);
        pages.line("Exams: " + (summary.examDistribution().isEmpty() ? "-" : summary.examDistribution().entrySet().stream()
                .map(exam -> exam.getKey() + " " + exam.getValue()).collect(Collectors.joining(", "))), 10);
        pages.gap(6);

        DefaultCategoryDataset scores = new DefaultCategoryDataset();
        summary.scoreAnalysis().distribution().forEach((bucket, count) -> scores.addValue(count, "Students", bucket));
        pages.chart(chart("Score distribution", "Score", "Students", scores, PlotOrientation.VERTICAL), 500, 170);

        if (!summary.weakAreasByArea().isEmpty()) {
            DefaultCategoryDataset areas = new DefaultCategoryDataset();
            summary.weakAreasByArea().forEach(area -> areas.addValue(area.percentage(), "% of class", area.area()));
            pages.chart(chart("Weak areas of operation", "", "% of the class with a miss in the area", areas,
                    PlotOrientation.HORIZONTAL), 500, 50 + 18 * summary.weakAreasByArea().size());
        }

        pages.heading("Most-missed codes", 13);
        if (summary.commonWeakAreas().isEmpty()) {
            pages.line("No code was missed by more than 30 % of the class.", 10);
        }
        for (BatchSummary.WeakCode code : summary.commonWeakAreas()) {
            pages.line(code.code() + "  (" + number(code.percentage()) + " % of the class)", 10);
            pages.paragraph(code.description() == null ? "(not in the ACS catalog)" : code.description(), 9, 12);
        }
        pages.gap(6);

        pages.heading("Students", 13);
        pages.row(9, new float[] {0, 170, 300, 370, 420, 470}, "Name", "Exam", "Date", "Score", "Result", "Take");
        for (ReportView file : report.reports()) {
            ReportView.Metadata student = file.metadata();
            if (student == null) {
                pages.row(9, new float[] {0, 170}, file.fileName(), "not read: " + (file.error() == null ? file.status() : file.error().type()));
                continue;
            }
            pages.row(9, new float[] {0, 170, 300, 370, 420, 470}, value(student.name()), value(student.examCode()),
                    student.examDate() == null ? "-" : student.examDate().toString(), number(student.score()), value(student.grade()),
                    number(student.take()));
        }
        pages.gap(6);

        pages.heading("Study plan", 13);
        List<String> plan = summary.studyRecommendations().studyPlan();
        if (plan.isEmpty()) {
            pages.line("Nothing stands out for the class as a whole.", 10);
        }
        for (String step : plan) {
            pages.paragraph("- " + step, 10, 0);
        }
    }

    private static JFreeChart chart(String title, String categoryAxis, String valueAxis, DefaultCategoryDataset data,
                                    PlotOrientation orientation) {
        JFreeChart chart = ChartFactory.createBarChart(title, categoryAxis, valueAxis, data, orientation, false, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, BAR);
        return chart;
    }

    private static String number(Number value) {
        if (value == null) {
            return "-";
        }
        double d = value.doubleValue();
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.US, "%.1f", d);
    }

    private static String value(String text) {
        return text == null || text.isBlank() ? "-" : text;
    }

    /** A cursor down US Letter pages that starts a new page when the next block would not fit. */
    private static final class Pages {

        private final PDDocument document;
        private final PDFont font;
        private PDPageContentStream content;
        private float y;

        Pages(PDDocument document, PDFont font) throws IOException {
            this.document = document;
            this.font = font;
            newPage();
        }

        void heading(String text, float size) throws IOException {
            room(size * 2.2f);
            gap(size * 0.6f);
            text(MARGIN, text, size);
            y -= size * 1.4f;
        }

        void line(String text, float size) throws IOException {
            room(size * 1.5f);
            text(MARGIN, text, size);
            y -= size * 1.45f;
        }

        /** Text wrapped at the right margin, indented by {@code indent}. */
        void paragraph(String text, float size, float indent) throws IOException {
            float width = PDRectangle.LETTER.getWidth() - 2 * MARGIN - indent;
            StringBuilder current = new StringBuilder();
            for (String word : printable(text).split(" ")) {
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (!current.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
                    room(size * 1.4f);
                    text(MARGIN + indent, current.toString(), size);
                    y -= size * 1.35f;
                    current = new StringBuilder(word);
                } else {
                    current = new StringBuilder(candidate);
                }
            }
            if (!current.isEmpty()) {
                room(size * 1.4f);
                text(MARGIN + indent, current.toString(), size);
                y -= size * 1.35f;
            }
        }

        /** One table row: each cell starts at its column's offset and is cut short before the next column. */
        void row(float size, float[] columns, String... cells) throws IOException {
            room(size * 1.5f);
            for (int i = 0; i < cells.length; i++) {
                float limit = i + 1 < columns.length ? columns[i + 1] - columns[i] - 6 : PDRectangle.LETTER.getWidth() - 2 * MARGIN - columns[i];
                text(MARGIN + columns[i], fit(printable(cells[i]), size, limit), size);
            }
            y -= size * 1.5f;
        }

        void chart(JFreeChart chart, float width, float height) throws IOException {
            room(height + 10);
            BufferedImage image = chart.createBufferedImage((int) (width * CHART_SCALE), (int) (height * CHART_SCALE));
            PDImageXObject picture = LosslessFactory.createFromImage(document, image);
            content.drawImage(picture, MARGIN, y - height, width, height);
            y -= height + 10;
        }

        void gap(float points) {
            y -= points;
        }

        void close() throws IOException {
            content.close();
        }

        private void room(float needed) throws IOException {
            if (y - needed < MARGIN) {
                content.close();
                newPage();
            }
        }

        private void newPage() throws IOException {
            PDPage page = new PDPage(PDRectangle.LETTER);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = PDRectangle.LETTER.getHeight() - MARGIN;
        }

        private void text(float x, String text, float size) throws IOException {
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, y - size);
            content.showText(printable(text));
            content.endText();
        }

        private String fit(String text, float size, float width) throws IOException {
            String shown = text;
            while (shown.length() > 1 && font.getStringWidth(shown) / 1000 * size > width) {
                shown = shown.substring(0, shown.length() - 2) + "…";
            }
            return shown;
        }

        /** The text with every character the font cannot draw replaced, so no name can fail the document. */
        private String printable(String text) {
            StringBuilder shown = new StringBuilder(text.length());
            text.codePoints().forEach(point -> {
                String character = Character.isISOControl(point) ? " " : new String(Character.toChars(point));
                try {
                    font.encode(character);
                    shown.append(character);
                } catch (IOException | IllegalArgumentException e) {
                    shown.append('?');
                }
            });
            return shown.toString();
        }
    }
}
