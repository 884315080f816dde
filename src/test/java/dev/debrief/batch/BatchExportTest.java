package dev.debrief.batch;

import static dev.debrief.testsupport.Api.SCHOOL_A;
import static dev.debrief.testsupport.Api.asSchool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrDocumentFactory.Layout;
import dev.debrief.testsupport.AktrSample;
import dev.debrief.testsupport.Batches;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The batch as documents, read back as a person would: the CSV as a spreadsheet parses it, the class debrief PDF by
 * its text, and its first page rendered to look at.
 */
@QuarkusTest
class BatchExportTest {

    private static final AktrDocumentFactory FACTORY = new AktrDocumentFactory();
    private String batchId;

    @AfterEach
    void deleteBatch() {
        if (batchId != null) {
            asSchool(SCHOOL_A).when().delete("/v1/batches/" + batchId);
        }
    }

    @Test
    void theCsvHasOneRowPerFileInUploadOrderAndOpensAsIs() throws IOException {
        AktrSample first = AktrSample.random(new Random(31));
        AktrSample second = AktrSample.random(new Random(32));
        batchId = asSchool(SCHOOL_A)
                .multiPart("files", "first.pdf", FACTORY.pdf(first, Layout.STANDARD), "application/pdf")
                .multiPart("files", "=cmd|' /C calc'!A0.pdf", FACTORY.garbageWithPdfHeader(), "application/pdf")
                .multiPart("files", "second.pdf", FACTORY.pdf(second, Layout.STANDARD), "application/pdf")
                .when().post("/v1/batches").then().statusCode(201).extract().path("batch_id");

        Response csv = asSchool(SCHOOL_A).when().get("/v1/batches/" + batchId + "/reports.csv").then().statusCode(200)
                .contentType("text/csv").extract().response();

        assertThat(csv.header("Content-Type")).contains("charset=utf-8");
        assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"debrief-" + batchId + "-reports.csv\"");
        byte[] bytes = csv.asByteArray();
        assertThat(new String(bytes, 0, 3, StandardCharsets.UTF_8)).isEqualTo("\uFEFF");
        List<String[]> rows = read(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1)).containsExactly("first.pdf", "success", "", first.name(), first.ftn(), first.examCode(),
                first.examDate().toString(), String.valueOf(first.score()), first.grade(), String.valueOf(first.take()),
                String.join(" ", first.codes()));
        assertThat(rows.get(2)[0]).as("a formula-looking file name, made inert").isEqualTo("'=cmd|' /C calc'!A0.pdf");
        assertThat(rows.get(2)[1]).isEqualTo("failed");
        assertThat(rows.get(2)[2]).isNotEmpty();
        assertThat(rows.get(3)[3]).isEqualTo(second.name());
    }

    @Test
    void theClassReportCarriesTheFiguresTheStudentsTheCodesAndThePlan() throws IOException {
        List<AktrSample> students = Batches.students(6, 40);
        batchId = Batches.withPdfsOf(asSchool(SCHOOL_A), students).when().post("/v1/batches").then().statusCode(201).extract().path("batch_id");
        JsonPath summary = asSchool(SCHOOL_A).when().get("/v1/batches/" + batchId + "/summary").then().statusCode(200).extract().jsonPath();

        byte[] pdf = asSchool(SCHOOL_A).when().get("/v1/batches/" + batchId + "/report.pdf").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("Class debrief", "Reports read: 6 of 6 files",
                    "median " + figure(summary.getDouble("score_analysis.statistics.median")),
                    "highest " + summary.getInt("score_analysis.statistics.max"),
                    "Pass rate: " + figure(summary.getDouble("score_analysis.pass_rate")) + " %");
            for (AktrSample student : students) {
                assertThat(text).contains(student.name() + " " + student.examCode() + " " + student.examDate() + " " + student.score());
            }
            List<String> weakCodes = summary.getList("common_weak_areas.code", String.class);
            List<String> plan = summary.getList("study_recommendations.study_plan", String.class);
            assertThat(weakCodes).as("a class with codes to show").isNotEmpty();
            assertThat(plan).as("a class with a plan to show").isNotEmpty();
            for (String code : weakCodes) {
                assertThat(text).contains(code);
            }
            for (String step : plan) {
                assertThat(text).contains(step.replaceAll("\\s+", " ").substring(0, Math.min(40, step.length())));
            }
            // to look at: target/class-report-page1.png
            BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 72);
            Path png = Path.of("target", "class-report-page1.png");
            Files.createDirectories(png.getParent());
            ImageIO.write(page, "png", png.toFile());
            assertThat(page.getWidth()).isEqualTo(612);
        }
    }

    private static List<String[]> read(String text) throws IOException {
        CsvMapper mapper = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(text)) {
            return it.readAll();
        }
    }

    private static String figure(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.US, "%.1f", value);
    }
}
