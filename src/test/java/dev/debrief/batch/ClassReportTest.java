package dev.debrief.batch;

import static dev.debrief.testsupport.Api.SCHOOL_A;
import static dev.debrief.testsupport.Api.asSchool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrDocumentFactory.Layout;
import dev.debrief.testsupport.AktrSample;
import dev.debrief.testsupport.Batches;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The class debrief PDF, read back as a person would: its text, and its first page rendered to look at. */
@QuarkusTest
class ClassReportTest {

    private static final AktrDocumentFactory FACTORY = new AktrDocumentFactory();
    private String batchId;

    @AfterEach
    void deleteBatch() {
        if (batchId != null) {
            asSchool(SCHOOL_A).when().delete("/v1/batches/" + batchId);
        }
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

    @Test
    void anotherSchoolsBatchIsNotFound() {
        batchId = asSchool(SCHOOL_A)
                .multiPart("files", "one.pdf", FACTORY.pdf(AktrSample.random(new Random(50)), Layout.STANDARD), "application/pdf")
                .when().post("/v1/batches").then().statusCode(201).extract().path("batch_id");
        asSchool("school-b").when().get("/v1/batches/" + batchId + "/report.pdf")
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("BATCH_NOT_FOUND"));
    }

    private static String figure(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(java.util.Locale.US, "%.1f", value);
    }
}
