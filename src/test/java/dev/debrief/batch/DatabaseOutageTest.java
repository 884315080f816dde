package dev.debrief.batch;

import static dev.debrief.testsupport.Api.anonymous;
import static dev.debrief.testsupport.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrDocumentFactory.Layout;
import dev.debrief.testsupport.AktrSample;
import dev.debrief.testsupport.Batches;
import dev.debrief.testsupport.DatabaseProxyResource;
import dev.debrief.testsupport.TcpProxy;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away while batches arrive and are read, then comes back: callers are told the service is
 * unavailable (503, not 500), readiness follows the database down and up by itself, and every batch accepted
 * before the outage settles afterwards with every file's outcome written.
 */
@QuarkusTest
@WithTestResource(DatabaseProxyResource.class)
class DatabaseOutageTest {

    private final AktrDocumentFactory factory = new AktrDocumentFactory();
    private final TcpProxy database = DatabaseProxyResource.proxy();

    @AfterEach
    void databaseIsBack() {
        database.restore();
    }

    @Test
    void anOutageIsAnsweredWith503AndNothingAcceptedIsLost() {
        String reading = Batches.photosBeingRead(4, 70);

        database.cut();

        given().when().get("/v1/batches/" + reading).then().statusCode(503).contentType("application/problem+json")
                .body("code", equalTo("SERVICE_UNAVAILABLE"))
                .body("detail", not(containsString("Exception")))
                .header("Retry-After", equalTo("5"));
        given().multiPart("files", "during.pdf", factory.pdf(AktrSample.random(new Random(79)), Layout.STANDARD), "application/pdf")
                .when().post("/v1/batches").then().statusCode(503).body("code", equalTo("SERVICE_UNAVAILABLE"));
        await("readiness follows the database down").atMost(Duration.ofSeconds(30))
                .until(() -> anonymous().when().get("/q/health/ready").statusCode() == 503);
        // The outage outlasts the reading of a photo (about a second each, two read at once), so outcomes of files
        // read meanwhile meet the outage: without the pipeline waiting for the database they would be lost.
        await("the outage lasts, answered 503 throughout").during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
                .until(() -> given().when().get("/v1/batches/" + reading).statusCode() == 503);

        database.restore();

        await("readiness comes back by itself").atMost(Duration.ofSeconds(30))
                .until(() -> anonymous().when().get("/q/health/ready").statusCode() == 200);
        JsonPath settled = Batches.settled(reading, Duration.ofSeconds(90));
        assertThat(settled.getInt("successful_files") + settled.getInt("failed_files")).isEqualTo(4);
        assertThat(settled.getList("files.processing_status", String.class)).allMatch(status -> status.equals("success") || status.equals("failed"));
        assertThat(settled.getInt("successful_files")).as("the outage cost no report").isEqualTo(4);
        given().when().delete("/v1/batches/" + reading).then().statusCode(204);

        String after = given().multiPart("files", "after.pdf", factory.pdf(AktrSample.random(new Random(80)), Layout.STANDARD), "application/pdf")
                .when().post("/v1/batches").then().statusCode(201).extract().path("batch_id");
        given().when().delete("/v1/batches/" + UUID.fromString(after)).then().statusCode(204);
    }
}
