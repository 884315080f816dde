package dev.debrief.extraction;

import static dev.debrief.testsupport.Api.given;
import static org.hamcrest.Matchers.equalTo;

import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrSample;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A service whose Tesseract data (and executable) lead nowhere: it starts, stays ready, reads PDFs, and fails images alone. */
@QuarkusTest
@TestProfile(OcrUnavailableTest.NoTesseract.class)
class OcrUnavailableTest {

    public static class NoTesseract implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the in-process engine (default) without its language data, and the CLI's executable nowhere either
            return Map.of("debrief.extraction.tessdata-path", "/nonexistent/tessdata",
                    "debrief.extraction.tesseract-path", "/nonexistent/bin/tesseract");
        }
    }

    private final AktrDocumentFactory factory = new AktrDocumentFactory();

    @Test
    void imagesFailAloneWithOcrUnavailableAndReadinessStaysUp() {
        AktrSample sample = AktrSample.random(new Random(5));
        given()
                .multiPart("files", "photo.png", factory.png(sample, 100), "image/png")
                .multiPart("files", "report.pdf", factory.pdf(sample, AktrDocumentFactory.Layout.STANDARD), "application/pdf")
                .multiPart("files", "scan.pdf", factory.imageOnlyPdf(sample), "application/pdf")
                .when().post("/v1/batches")
                .then().statusCode(201)
                .body("status", equalTo("partial"))
                .body("reports[0].status", equalTo("failed"))
                .body("reports[0].error.type", equalTo("OCR_UNAVAILABLE"))
                .body("reports[1].status", equalTo("success"))
                .body("reports[1].extraction_method", equalTo("pdf_text"))
                .body("reports[2].error.type", equalTo("OCR_UNAVAILABLE"));

        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'ocr' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'ocr' }.data.ocr_available", equalTo(false));
    }
}
