package dev.debrief.extraction;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The extractor's liveness entry and meters, as the running service exposes them. */
@QuarkusTest
class ExtractionHealthTest {

    @Test
    void livenessReportsTheAbandonedReadersAndTheMetersAreScraped() {
        given().when().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'extraction-readers' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'extraction-readers' }.data.abandoned_readers", equalTo(0));

        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("debrief_extraction_readers_abandoned "))
                .body(containsString("debrief_extraction_readers_abandonments_total "));
    }
}
