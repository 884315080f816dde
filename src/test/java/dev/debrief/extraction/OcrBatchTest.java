package dev.debrief.extraction;

import static dev.debrief.testsupport.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrSample;
import dev.debrief.testsupport.ScanDamage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Photos and scans through the real API: POST /v1/batches with a PNG, a JPEG photo and an image-only PDF. */
@QuarkusTest
class OcrBatchTest {

    private final AktrDocumentFactory factory = new AktrDocumentFactory();

    @Test
    void readinessSaysOcrIsAvailableOnceTheProbeAfterStartHasRun() {
        // The probe runs on an extractor thread after start; no file has to be read for readiness to know
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.find { it.name == 'ocr' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'ocr' }.data.ocr_available", equalTo(true)));
    }

    @Test
    void aPngAPhotoAndAScannedPdfComeBackAsOcrReports() {
        Random random = new Random(606);
        AktrSample png = AktrSample.random(random);
        AktrSample photo = AktrSample.random(random);
        AktrSample scan = AktrSample.random(random);
        Random damage = new Random(607);
        byte[] jpeg = ScanDamage.random(damage).jpeg(factory.scan(photo, AktrDocumentFactory.Layout.STANDARD, 250), damage);

        JsonPath body = given()
                .multiPart("files", "scan.png", factory.png(png, 300), "image/png")
                .multiPart("files", "photo.jpg", jpeg, "image/jpeg")
                .multiPart("files", "scanned.pdf", factory.imageOnlyPdf(scan, 200), "application/pdf")
                .when().post("/v1/batches")
                .then().statusCode(201)
                .body("successful_files", equalTo(3))
                .body("reports", hasSize(3))
                .extract().jsonPath();

        List<AktrSample> samples = List.of(png, photo, scan);
        for (int i = 0; i < 3; i++) {
            Map<String, Object> report = body.getMap("reports[" + i + "]");
            AktrSample sample = samples.get(i);
            assertThat(report.get("status")).as("status of %s", report.get("file_name")).isEqualTo("success");
            assertThat(report.get("extraction_method")).isEqualTo("ocr");
            assertThat((Float) report.get("confidence")).isBetween(0.5f, 0.9f);
            assertThat(body.getInt("reports[" + i + "].metadata.score")).isEqualTo(sample.score());
            assertThat(body.getString("reports[" + i + "].metadata.exam_code")).isEqualTo(sample.examCode());
            List<String> codes = body.getList("reports[" + i + "].codes.code", String.class);
            if (i == 1) {
                // a damaged photo: one code may be missed (OcrAccuracyTest holds the rate over twenty photos)
                assertThat(sample.codes()).filteredOn(codes::contains).hasSizeGreaterThanOrEqualTo(sample.codes().size() - 1);
            } else {
                assertThat(codes).containsAll(sample.codes());
            }
        }
        assertThat(body.getString("reports[0].metadata.name")).isEqualTo(png.name());
        assertThat(body.getString("reports[2].metadata.ftn")).isEqualTo(scan.ftn());
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'ocr' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'ocr' }.data.ocr_available", equalTo(true));
    }
}
