package dev.debrief.drive;

import static dev.debrief.testsupport.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.debrief.testsupport.Batches;
import dev.debrief.testsupport.FakeDriveResource;
import dev.debrief.testsupport.FakeDriveServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One database connection and a slow Drive: if any transaction stayed open across a Drive call, the archive and
 * every GET would queue behind it. Both must flow. The profile also turns on "anyone with the link" sharing
 * (off by default), checked on the same batch to save an application start.
 */
@QuarkusTest
@TestProfile(DriveWithOneConnectionTest.OneConnection.class)
@WithTestResource(FakeDriveResource.class)
class DriveWithOneConnectionTest {

    public static class OneConnection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.max-size", "1", "debrief.drive.share-with-anyone-with-link", "true");
        }
    }

    @Test
    void getsAreServedWhileSlowUploadsRun() {
        FakeDriveServer fake = FakeDriveResource.fake();
        fake.reset();
        fake.latency(FakeDriveServer.Endpoint.UPLOAD, Duration.ofMillis(1500));
        given().when().get("/q/health/ready").then().statusCode(200);
        String batchId = Batches.withPdfsToDrive("slow", 8, 6).header("Prefer", "respond-async")
                .when().post("/v1/batches").then().statusCode(202).extract().path("batch_id");

        int seenUnsettled = 0;
        long slowestGetMs = 0;
        for (int i = 0; i < 40; i++) {
            long started = System.nanoTime();
            JsonPath batch = given().when().get("/v1/batches/" + batchId).then().statusCode(200).extract().jsonPath();
            slowestGetMs = Math.max(slowestGetMs, (System.nanoTime() - started) / 1_000_000);
            String drive = batch.getString("drive_integration.status");
            if ("uploading".equals(drive) || "pending".equals(drive)) {
                seenUnsettled++;
            }
            if ("completed".equals(drive)) {
                break;
            }
            sleep(100);
        }
        assertThat(seenUnsettled).as("GETs answered while uploads were in flight").isGreaterThanOrEqualTo(2);
        assertThat(slowestGetMs).as("no GET waited for a Drive upload (each takes 1500 ms)").isLessThan(1000);
        JsonPath done = Batches.settled(batchId, Duration.ofSeconds(60));
        assertThat(done.getString("drive_integration.status")).isEqualTo("completed");
        assertThat(fake.snapshot().fileCountByName()).hasSize(10);
        assertThat(fake.snapshot().files()).filteredOn(item -> !item.name().equals("summary.json") && !item.name().equals("class-report.pdf"))
                .hasSize(8).allSatisfy(item -> assertThat(item.permissions()).containsExactly("anyone:reader"));
        assertThat(done.getList("files.drive.error")).containsOnlyNulls();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
