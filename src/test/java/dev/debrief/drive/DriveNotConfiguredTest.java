package dev.debrief.drive;

import static dev.debrief.testsupport.Api.given;
import static org.hamcrest.Matchers.equalTo;

import dev.debrief.testsupport.Batches;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The default test setup has no Drive credentials: the service works, and says no to Drive. */
@QuarkusTest
class DriveNotConfiguredTest {

    @Test
    void askingForDriveWithoutCredentialsIs422() {
        Batches.withPdfsToDrive("nodrive", 1, 1)
                .when().post("/v1/batches")
                .then().statusCode(422)
                .body("code", equalTo("DRIVE_NOT_CONFIGURED"));
    }

    @Test
    void readinessIsUpAndSaysDriveIsNotConfigured() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'google-drive' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'google-drive' }.data.configured", equalTo(false));
    }
}
