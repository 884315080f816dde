package dev.debrief.common;

import static dev.debrief.testsupport.Api.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The document SDK generators consume: OpenAPI 3, titled, with stable operation ids and typed schemas. */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void documentIsOpenApi3WithStableOperationIds() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", startsWith("3."))
                .body("info.title", equalTo("Debrief API"))
                .body("info.version", equalTo("1.0.0"))
                .body("paths.'/v1/batches'.post.operationId", equalTo("createBatch"))
                .body("paths.'/v1/batches/{batch_id}'.get.operationId", equalTo("getBatch"))
                .body("paths.'/v1/batches/{batch_id}/reports'.get.operationId", equalTo("listBatchReports"))
                .body("paths.'/v1/reports/{report_id}'.get.operationId", equalTo("getReport"))
                .body("paths.'/v1/acs-codes/{code}'.get.operationId", equalTo("getAcsCode"))
                .body("components.schemas", hasKey("Batch"))
                .body("components.schemas", hasKey("Problem"))
                .body("components.schemas.Batch.properties", hasKey("batch_id"))
                .body("paths.'/v1/batches'.post.requestBody.content.'multipart/form-data'.schema", notNullValue());
    }

    @Test
    void metricsAreServedForPrometheus() {
        given().when().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString("jvm_"));
    }
}
