package dev.debrief.acs;

import static dev.debrief.testsupport.Api.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The catalog file is loaded at start (test profile: the shared acs-codes.csv) and served per code. */
@QuarkusTest
class AcsCodeResourceTest {

    @Test
    void knownCodeHasAreaTaskAndText() {
        given().when().get("/v1/acs-codes/PA.I.B.K1")
                .then().statusCode(200)
                .body("code", equalTo("PA.I.B.K1"))
                .body("area_of_operation", equalTo("I. Preflight Preparation"))
                .body("task", startsWith("B. Airworthiness"))
                .body("type", equalTo("knowledge"))
                .body("exam_types", hasItems("PAR"));
    }

    @Test
    void instructorCodesListEveryTestThatUsesThem() {
        given().when().get("/v1/acs-codes/FI.I.A.K1")
                .then().statusCode(200)
                .body("exam_types", hasItems("FOI", "FIA", "AFA", "FRH", "HFA", "FIP", "IPA"));
    }

    @Test
    void unknownOrMalformedCodeIs404() {
        given().when().get("/v1/acs-codes/PA.XV.Z.K99").then().statusCode(404).body("code", equalTo("ACS_CODE_NOT_FOUND"));
        given().when().get("/v1/acs-codes/hello").then().statusCode(404).body("code", equalTo("ACS_CODE_NOT_FOUND"));
    }

    @Test
    void startedProbeReportsTheCatalog() {
        given().when().get("/q/health/started")
                .then().statusCode(200)
                .body("checks.find { it.name == 'acs-catalog' }.data.catalog", equalTo("loaded"));
    }
}
