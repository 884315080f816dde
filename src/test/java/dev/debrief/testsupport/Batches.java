package dev.debrief.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Set;

/** Waits, through the API, for a batch that runs in the background. */
public final class Batches {

    private static final Set<String> UNSETTLED = Set.of("pending", "uploading");

    private Batches() {
    }

    /** GET /v1/batches/{id} until extraction and Drive have both settled. */
    public static JsonPath settled(String batchId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonPath batch = given().when().get("/v1/batches/" + batchId).then().statusCode(200).extract().jsonPath();
            if (!"processing".equals(batch.getString("status")) && !UNSETTLED.contains(batch.getString("drive_integration.status"))) {
                return batch;
            }
            assertThat(System.nanoTime()).as("batch %s settles within %s (drive: %s)", batchId, timeout,
                    batch.getString("drive_integration.status")).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
