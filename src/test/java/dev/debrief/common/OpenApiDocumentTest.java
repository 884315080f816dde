package dev.debrief.common;

import static dev.debrief.testsupport.Api.anonymous;
import static dev.debrief.testsupport.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The document SDK generators consume: OpenAPI 3, titled, with stable operation ids and typed schemas. */
@QuarkusTest
@SuppressWarnings("unchecked")
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
    void everyV1OperationDeclaresTheBearerSchemeAndItsRefusals() {
        JsonPath document = anonymous().accept("application/json").when().get("/q/openapi").then().statusCode(200).extract().jsonPath();
        assertThat(document.getString("components.securitySchemes.bearer.type")).isEqualTo("http");
        assertThat(document.getString("components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        int operations = 0;
        for (var path : paths.entrySet()) {
            if (!path.getKey().startsWith("/v1/")) {
                continue;
            }
            for (var operation : path.getValue().entrySet()) {
                String name = operation.getKey() + " " + path.getKey();
                assertThat(operation.getValue().get("security")).as(name).isEqualTo(List.of(Map.of("bearer", List.of())));
                assertThat((Map<String, Object>) operation.getValue().get("responses")).as(name).containsKeys("401", "403");
                assertThat(document.getString("paths.'" + path.getKey() + "'." + operation.getKey() + ".responses.'403'.description"))
                        .as(name).contains(operation.getKey().equals("get") ? "batches:read" : "batches:write");
                operations++;
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(12);
        assertThat(document.getMap("paths.'/v1/batches'.post.responses")).containsKeys("429", "503");
    }

    @Test
    void theContractIsOneGeneratorsTakeAsItIs() {
        JsonPath document = anonymous().accept("application/json").when().get("/q/openapi").then().statusCode(200).extract().jsonPath();

        assertThat(document.getMap("components.schemas")).as("JDK types inlined, not clashing with generators' own")
                .doesNotContainKeys("UUID", "LocalDate", "OffsetDateTime");
        assertThat(document.getList("servers.url")).isNotEmpty();
        assertThat(document.getList("components.schemas.Problem.properties.code.enum", String.class))
                .containsExactlyElementsOf(Arrays.stream(ErrorCode.values()).map(ErrorCode::name).toList());
        assertThat(document.getList("components.schemas.Problem.required", String.class))
                .contains("type", "title", "status", "code", "request_id").doesNotContain("detail");

        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> assertThat(
                document.getString("paths.'" + path + "'." + method + ".responses.default.content.'application/problem+json'.schema.$ref"))
                .as(method + " " + path + " answers other errors as problems").isEqualTo("#/components/schemas/Problem")));

        String reports = "paths.'/v1/batches/{batch_id}/reports'.get.parameters";
        assertThat(document.getString(reports + ".find { it.name == 'batch_id' }.schema.format")).isEqualTo("uuid");
        assertThat(document.getString(reports + ".find { it.name == 'page' }.schema.type")).isEqualTo("integer");
        assertThat(document.getString(reports + ".find { it.name == 'limit' }.schema.type")).isEqualTo("integer");
        String create = "paths.'/v1/batches'.post";
        assertThat(document.getString(create + ".parameters.find { it.name == 'wait_for_drive' }.schema.type")).isEqualTo("boolean");
        assertThat(document.getList(create + ".parameters.find { it.name == 'Prefer' }.schema.enum")).containsExactly("respond-async");
        String multipart = create + ".requestBody.content.'multipart/form-data'";
        assertThat(document.getString(multipart + ".encoding.options.contentType")).isEqualTo("application/json");
        assertThat(document.getString(multipart + ".encoding.files.contentType")).isEqualTo("application/octet-stream");
        assertThat(document.getString("components.schemas.BatchUpload.properties.options.contentSchema.$ref"))
                .isEqualTo("#/components/schemas/BatchOptions");
        assertThat(document.getString("components.schemas.BatchUpload.properties.drive_upload.type")).isEqualTo("boolean");
        assertThat(document.getList("components.schemas.BatchUpload.required")).containsExactly("files");

        assertThat(document.getString(create + ".responses.'201'.content.'application/json'.schema.$ref"))
                .isEqualTo("#/components/schemas/CreatedBatch");
        assertThat(document.getMap("components.schemas.CreatedBatch.properties")).containsKey("reports").doesNotContainKey("files");
        assertThat(document.getMap("components.schemas.Batch.properties")).containsKey("files").doesNotContainKey("reports");
        assertThat(document.getList("components.schemas.Batch.required")).contains("batch_id", "status", "files")
                .doesNotContain("processing_time_ms", "summary");
        assertThat(document.getMap("components.schemas.BatchFile.properties.drive")).as("a nullable reference, not an object")
                .doesNotContainKey("type");
        assertThat(document.getList("components.schemas.BatchFile.properties.file_type.enum")).contains("pdf").containsNull();
    }

    @Test
    void everyOperationServesAClientThatAcceptsOnlyProblems() {
        String unknown = "/v1/batches/00000000-0000-0000-0000-000000000000";
        given().accept(Problem.MEDIA_TYPE).when().delete(unknown)
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE).body("code", equalTo("BATCH_NOT_FOUND"));
        given().accept(Problem.MEDIA_TYPE).when().get(unknown)
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE).body("code", equalTo("BATCH_NOT_FOUND"));
        given().accept(Problem.MEDIA_TYPE).when().get("/v1/acs-codes/PA.I.B.K1").then().statusCode(200).body("code", equalTo("PA.I.B.K1"));
    }

    @Test
    void metricsAreServedForPrometheus() {
        // a request first, so that the per-endpoint timer has a sample to show
        given().when().get("/v1/batches/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        String metrics = anonymous().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("jvm_memory_used_bytes", "debrief_extraction_backlog_files", "debrief_batches_shed_total",
                "debrief_extraction_readers_abandoned");
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/v1/batches/\\{batch_id\\}\"");
    }
}
