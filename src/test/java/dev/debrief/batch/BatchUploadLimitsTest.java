package dev.debrief.batch;

import static dev.debrief.testsupport.Api.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.debrief.testsupport.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every malformed batch request gets its documented problem+json code, before any processing. */
@QuarkusTest
class BatchUploadLimitsTest {

    private static final byte[] TEXT = "just some text".getBytes(StandardCharsets.UTF_8);

    @Test
    void noFilesIsNoFilesProvided() {
        given().multiPart("options", "{}")
                .when().post("/v1/batches")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("NO_FILES_PROVIDED"))
                .body("request_id", notNullValue());
    }

    @Test
    void thirtyOneFilesAreTooMany() {
        RequestSpecification request = given();
        for (int i = 0; i < 31; i++) {
            request = request.multiPart("files", "f" + i + ".pdf", TEXT, "application/pdf");
        }
        request.when().post("/v1/batches")
                .then().statusCode(400)
                .body("code", equalTo("TOO_MANY_FILES"))
                .body("max_files", equalTo(30))
                .body("provided_count", equalTo(31))
                .body("type", equalTo("urn:debrief:problem:too-many-files"))
                .body("title", equalTo("Too many files"))
                .body("detail", equalTo("31 files sent; at most 30 are accepted"));
    }

    @Test
    void bracketPartsCountToo() {
        RequestSpecification request = given();
        for (int i = 0; i < 16; i++) {
            request = request.multiPart("files", "a" + i + ".pdf", TEXT).multiPart("files[]", "b" + i + ".pdf", TEXT);
        }
        request.when().post("/v1/batches").then().statusCode(400).body("provided_count", equalTo(32));
    }

    @Test
    void aFileOverTenMebibytesIsNamed() {
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        Arrays.fill(big, (byte) 'x');
        given().multiPart("files", "small.pdf", TEXT)
                .multiPart("files", "huge scan.pdf", big)
                .when().post("/v1/batches")
                .then().statusCode(400)
                .body("code", equalTo("FILE_TOO_LARGE"))
                .body("file_name", equalTo("huge scan.pdf"));
    }

    @Test
    void moreThanAHundredMebibytesInAllIsPayloadTooLarge() throws Exception {
        // Streamed with the JDK client: building 108 MiB of multipart in REST Assured takes half a minute.
        String boundary = "debrief-boundary";
        byte[] nineMebibytes = new byte[9 * 1024 * 1024];
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"f" + i
                    + ".pdf\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            parts.add(nineMebibytes);
            parts.add("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        parts.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/v1/batches"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + Api.token(Api.SCHOOL_A))
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
    }

    @Test
    void nothingReadableIsNoValidFiles() {
        given().multiPart("files", "notes.txt", TEXT)
                .multiPart("files", "empty.pdf", new byte[0])
                .when().post("/v1/batches")
                .then().statusCode(422)
                .body("code", equalTo("NO_VALID_FILES"))
                .body("files.error", hasItems("UNSUPPORTED_FILE_TYPE", "EMPTY_FILE"));
    }

    @Test
    void malformedOptionsAreInvalidOptions() {
        given().multiPart("files", "a.pdf", TEXT).multiPart("options", "{not json")
                .when().post("/v1/batches").then().statusCode(400).body("code", equalTo("INVALID_OPTIONS"));
        given().multiPart("files", "a.pdf", TEXT).multiPart("options", "{\"processing_mode\": \"turbo\"}")
                .when().post("/v1/batches").then().statusCode(400).body("code", equalTo("INVALID_OPTIONS"));
        given().multiPart("files", "a.pdf", TEXT).multiPart("options", "{\"generate_sumary\": true}")
                .when().post("/v1/batches").then().statusCode(400).body("code", equalTo("INVALID_OPTIONS"));
    }

    @Test
    void waitingForDriveIsLimitedToTenFiles() {
        RequestSpecification request = given().queryParam("wait_for_drive", "true");
        for (int i = 0; i < 11; i++) {
            request = request.multiPart("files", "f" + i + ".pdf", TEXT);
        }
        request.when().post("/v1/batches").then().statusCode(400).body("code", equalTo("TOO_MANY_FILES_FOR_SYNC_DRIVE"));
    }

    @Test
    void malformedAndUnknownIdsAreTold() {
        given().when().get("/v1/batches/not-a-uuid").then().statusCode(400).body("code", equalTo("INVALID_ID"));
        given().when().get("/v1/batches/6f1c0c8e-3a65-4a53-9d55-8a0c2f1d9a11").then().statusCode(404)
                .body("code", equalTo("BATCH_NOT_FOUND"));
        given().when().get("/v1/reports/6f1c0c8e-3a65-4a53-9d55-8a0c2f1d9a11").then().statusCode(404)
                .body("code", equalTo("REPORT_NOT_FOUND"));
        given().when().get("/v1/extractor/results/nope").then().statusCode(400).body("code", equalTo("INVALID_ID"));
    }

    @Test
    void wrongMethodAndMediaTypeAreProblems() {
        given().when().delete("/v1/acs-codes/PA.I.A.K1").then().statusCode(405).body("code", equalTo("METHOD_NOT_ALLOWED"));
        given().contentType("application/json").body("{}").when().post("/v1/batches")
                .then().statusCode(415).contentType("application/problem+json").body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }
}
