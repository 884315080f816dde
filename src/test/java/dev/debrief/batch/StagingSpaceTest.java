package dev.debrief.batch;

import static dev.debrief.testsupport.Api.anonymous;
import static dev.debrief.testsupport.Api.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrSample;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A staging volume short of space: the replica says it is not ready, and new batches are refused before the disk fills. */
@QuarkusTest
@TestProfile(StagingSpaceTest.NoRoom.class)
class StagingSpaceTest {

    /** No disk has this much free space. */
    public static class NoRoom implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.debrief.upload.min-free-space", "1000000T");
        }
    }

    @Test
    void aNearlyFullStagingVolumeTakesNoNewBatchAndIsNotReady() {
        byte[] pdf = new AktrDocumentFactory().pdf(AktrSample.random(new Random(3)), AktrDocumentFactory.Layout.STANDARD);
        given().multiPart("files", "a.pdf", pdf, "application/pdf").when().post("/v1/batches")
                .then().statusCode(503).contentType("application/problem+json")
                .body("code", equalTo("SERVICE_BUSY"))
                .header("Retry-After", "60");
        anonymous().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.findAll { it.status == 'DOWN' }.name", hasItem("staging"));
    }
}
