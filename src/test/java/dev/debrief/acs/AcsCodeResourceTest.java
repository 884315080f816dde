package dev.debrief.acs;

import static dev.debrief.testsupport.Api.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** With no operator file (the test profile sets none), the bundled catalog alone answers, per code. */
@QuarkusTest
class AcsCodeResourceTest {

    @Test
    void privatePilotCodeComesFromTheCurrentEdition() {
        given().when().get("/v1/acs-codes/PA.I.B.K1")
                .then().statusCode(200)
                .body("code", equalTo("PA.I.B.K1"))
                .body("description", equalTo("General airworthiness requirements and compliance for airplanes, including:"))
                .body("area_of_operation", equalTo("I. Preflight Preparation"))
                .body("task", equalTo("B. Airworthiness Requirements"))
                .body("type", equalTo("knowledge"))
                .body("exam_types", contains("PAR"))
                .body("source", equalTo("bundled"))
                .body("edition", equalTo("FAA-S-ACS-6C"))
                .body("archived", equalTo(false))
                .body("superseded", equalTo(false));
    }

    @Test
    void subElementsAndCommercialCodesAreKnown() {
        given().when().get("/v1/acs-codes/PA.I.B.K1a")
                .then().statusCode(200)
                .body("description", equalTo("Location and expiration dates of required aircraft certificates"));
        given().when().get("/v1/acs-codes/CA.I.I.R3")
                .then().statusCode(200)
                .body("edition", equalTo("FAA-S-ACS-7B"))
                .body("exam_types", contains("CAX"))
                .body("task", startsWith("I. Water and Seaplane Characteristics"))
                .body("type", equalTo("risk_management"));
    }

    @Test
    void anOlderEditionsTextIsThereWhenAskedFor() {
        given().queryParam("edition", "FAA-S-ACS-6B").when().get("/v1/acs-codes/PA.I.A.K1")
                .then().statusCode(200)
                .body("description", equalTo("Requirements for certification, recent flight experience, and recordkeeping."))
                .body("edition", equalTo("FAA-S-ACS-6B"))
                .body("superseded", equalTo(true));
        given().queryParam("edition", "FAA-S-ACS-9Z").when().get("/v1/acs-codes/PA.I.A.K1")
                .then().statusCode(200)
                .body("edition", equalTo("FAA-S-ACS-6C"));
    }

    @Test
    void archivedCodeSaysSoAndGivesItsFormerText() {
        given().queryParam("exam", "PAR").when().get("/v1/acs-codes/PA.III.A.R3")
                .then().statusCode(200)
                .body("archived", equalTo(true))
                .body("description", equalTo("Confirmation or expectation bias."))
                .body("edition", equalTo("FAA-G-ACS-2"))
                .body("area_of_operation", equalTo("III. Airport and Seaplane Base Operations"))
                .body("exam_types", contains("PAR"));
        // An archived code of an ACS that is not bundled: the guide gives its text, not its area or task
        given().when().get("/v1/acs-codes/IR.IV.B.R2")
                .then().statusCode(200)
                .body("archived", equalTo(true))
                .body("description", equalTo("Failure to recognize an unusual flight attitude and follow the proper recovery procedure."))
                .body("area_of_operation", equalTo("IV"))
                .body("task", equalTo("B"))
                .body("exam_types", empty());
    }

    @Test
    void familiesNoBundledPdfCoversAreUnknownWithoutTheOperatorsFile() {
        given().when().get("/v1/acs-codes/FI.I.A.K1").then().statusCode(404).body("code", equalTo("ACS_CODE_NOT_FOUND"));
        given().when().get("/v1/acs-codes/IR.I.A.K1").then().statusCode(404).body("code", equalTo("ACS_CODE_NOT_FOUND"));
    }

    @Test
    void unknownOrMalformedCodeIs404() {
        given().when().get("/v1/acs-codes/PA.XV.Z.K99").then().statusCode(404).body("code", equalTo("ACS_CODE_NOT_FOUND"));
        given().when().get("/v1/acs-codes/hello").then().statusCode(404).body("code", equalTo("ACS_CODE_NOT_FOUND"));
    }

    @Test
    void startedProbeReportsWhatWasLoaded() {
        String check = "checks.find { it.name == 'acs-catalog' }.";
        given().when().get("/q/health/started")
                .then().statusCode(200)
                .body(check + "status", equalTo("UP"))
                .body(check + "data.catalog", equalTo("loaded"))
                .body(check + "data.bundled_rows", greaterThan(3000))
                .body(check + "data.operator_rows", equalTo(0))
                .body(check + "data.editions", equalTo("FAA-G-ACS-2, FAA-S-ACS-6B, FAA-S-ACS-6C, FAA-S-ACS-7B"))
                .body(check + "data.operator_file", equalTo("none"));
    }
}
