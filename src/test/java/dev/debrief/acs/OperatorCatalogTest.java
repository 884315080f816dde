package dev.debrief.acs;

import static dev.debrief.testsupport.Api.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator's file adds the families the bundled catalog lacks; for the bundled ones, the PDFs' text stays. */
@QuarkusTest
@TestProfile(OperatorCatalogTest.WithOperatorFile.class)
class OperatorCatalogTest {

    /** An acs-codes.csv of five rows: instrument and instructor codes, and a private pilot row the bundle covers. */
    public static class WithOperatorFile implements QuarkusTestProfile {

        static final Path FILE = Path.of("target", "test-acs", "operator-acs-codes.csv");

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(FILE.getParent());
                Files.writeString(FILE, """
                        code,exam_type,area,task,element_type,description\r
                        IR.I.A.K1,IRA,Preflight Preparation,Pilot Qualifications,knowledge,"Certification requirements, recent flight experience, and recordkeeping."\r
                        FI.I.A.K1,"FOI, FIA, AFA",Fundamentals of Instructing,Human Behavior,knowledge,Elements of human behavior.\r
                        FI.I.A.K1,"FOI, FIP, IPA",Fundamentals of Instructing,Human Behavior,knowledge,Elements of human behavior.\r
                        IR.IV.B.R2,IRA,Flight by Reference to Instruments,Recovery from Unusual Flight Attitudes,risk_management,[Archived]\r
                        PA.I.A.K1,PAR,Preflight Preparation,Pilot Qualifications,knowledge,An older wording the bundled edition replaces.\r
                        """, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("debrief.acs.catalog-file", FILE.toAbsolutePath().toString());
        }
    }

    @Test
    void aFamilyNoBundledPdfCoversComesFromTheOperatorsFile() {
        given().queryParam("exam", "IRA").when().get("/v1/acs-codes/IR.I.A.K1")
                .then().statusCode(200)
                .body("description", equalTo("Certification requirements, recent flight experience, and recordkeeping."))
                .body("area_of_operation", equalTo("I. Preflight Preparation"))
                .body("source", equalTo("operator"))
                .body("edition", nullValue())
                .body("exam_types", contains("IRA"));
        given().queryParam("exam", "FIP").when().get("/v1/acs-codes/FI.I.A.K1")
                .then().statusCode(200)
                .body("exam_types", containsInAnyOrder("FOI", "FIA", "AFA", "FIP", "IPA"));
    }

    @Test
    void theBundledEditionStaysTheTextOfTheFamiliesItCovers() {
        given().queryParam("exam", "PAR").when().get("/v1/acs-codes/PA.I.A.K1")
                .then().statusCode(200)
                .body("source", equalTo("bundled"))
                .body("edition", equalTo("FAA-S-ACS-6C"))
                .body("description", equalTo("Certification requirements, recent flight experience, and recordkeeping."));
    }

    @Test
    void anArchivedPlaceholderGivesWayToTheFormerText() {
        given().queryParam("exam", "IRA").when().get("/v1/acs-codes/IR.IV.B.R2")
                .then().statusCode(200)
                .body("archived", equalTo(true))
                .body("source", equalTo("bundled"))
                .body("edition", equalTo("FAA-G-ACS-2"))
                .body("description", equalTo("Failure to recognize an unusual flight attitude and follow the proper recovery procedure."))
                .body("area_of_operation", equalTo("IV. Flight by Reference to Instruments"))
                .body("task", equalTo("B. Recovery from Unusual Flight Attitudes"))
                .body("exam_types", contains("IRA"));
    }

    @Test
    void startedProbeCountsBothSources() {
        String check = "checks.find { it.name == 'acs-catalog' }.";
        given().when().get("/q/health/started")
                .then().statusCode(200)
                .body(check + "data.catalog", equalTo("loaded"))
                .body(check + "data.operator_rows", equalTo(4))
                .body(check + "data.bundled_rows", equalTo(BundledCatalogResource.rows().size()))
                .body(check + "data.operator_file", equalTo("operator-acs-codes.csv"));
    }
}
