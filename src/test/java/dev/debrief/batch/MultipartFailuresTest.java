package dev.debrief.batch;

import static dev.debrief.testsupport.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.debrief.testsupport.Api;
import dev.debrief.testsupport.ErrorLogCapture;
import dev.debrief.testsupport.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Broken and abusive multipart requests: each is the client's fault, so each gets a documented 4xx problem
 * (when an answer can still be sent), nothing is logged at ERROR, and no byte of it stays on disk.
 */
@QuarkusTest
class MultipartFailuresTest {

    private static final int MEBIBYTE = 1024 * 1024;
    /** The documented limit on the files of one request (debrief.upload.max-request-size). */
    private static final long MAX_REQUEST_SIZE = 100L * MEBIBYTE;
    private static final Path STAGING = Path.of("target/test-staging");

    @Test
    void aDeclaredBodyOverTheLimitIsAProblem() throws Exception {
        try (ErrorLogCapture errors = ErrorLogCapture.start(); Socket socket = RawHttp.connect()) {
            // Only the head, as a client waiting for 100-continue sends it: the answer comes from the declared
            // length alone, and the connection is closed after it, so body bytes sent meanwhile could meet a reset.
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.multipartHead("/v1/batches", 200L * MEBIBYTE));
            out.flush();

            RawHttp.Response response = RawHttp.read(socket.getInputStream());

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().getString("code")).isEqualTo("PAYLOAD_TOO_LARGE");
            assertThat(response.json().getString("request_id")).isNotBlank();
            assertThat(response.json().getLong("max_request_size_bytes")).isEqualTo(MAX_REQUEST_SIZE);
            assertNoErrorLogged(errors);
        }
    }

    @Test
    void aChunkedBodyGrowingPastTheLimitIsAProblem() throws Exception {
        Set<Path> uploadsBefore = entries(uploadsDirectory());
        try (ErrorLogCapture errors = ErrorLogCapture.start()) {
            // Chunked: the size is known only once the bytes arrive, so the multipart reader is the one to stop it.
            HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/v1/batches"))
                    .header("Content-Type", "multipart/form-data; boundary=" + RawHttp.BOUNDARY)
                    .header("Authorization", "Bearer " + Api.token(Api.SCHOOL_A))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> oneFilePart("class.pdf", 110L * MEBIBYTE)))
                    .build();

            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"", "\"request_id\":\"",
                    "\"max_request_size_bytes\":" + MAX_REQUEST_SIZE);
            assertNothingLeftIn(uploadsDirectory(), uploadsBefore);
            assertNoErrorLogged(errors);
        }
    }

    @Test
    void aClientHangingUpMidUploadLeavesNothingBehind() throws Exception {
        Path uploads = uploadsDirectory();
        Set<Path> uploadsBefore = entries(uploads);
        Set<Path> stagingBefore = entries(STAGING);
        try (ErrorLogCapture errors = ErrorLogCapture.start()) {
            try (Socket socket = RawHttp.connect()) {
                // The first part is on the server's disk before the client goes away
                sendFirstQuarterOfAnUpload(socket, uploads, uploadsBefore);
            }

            assertNothingLeftIn(uploads, uploadsBefore);
            assertThat(newEntries(STAGING, stagingBefore)).isEmpty();
            assertNoErrorLogged(errors);
        }
    }

    @Test
    void aClientThatStopsSendingMidUploadLeavesNothingBehind() throws Exception {
        Path uploads = uploadsDirectory();
        Set<Path> uploadsBefore = entries(uploads);
        try (ErrorLogCapture errors = ErrorLogCapture.start(); Socket socket = RawHttp.connect()) {
            sendFirstQuarterOfAnUpload(socket, uploads, uploadsBefore);
            // Half-closed: the client still listens, but the server closes a connection whose input ended (no
            // answer can be sent); should it ever answer, it must be the client's fault, told as a problem.
            socket.shutdownOutput();

            RawHttp.Response response = readIfAnswered(socket);
            if (response != null) {
                assertThat(response.status()).isEqualTo(400);
                assertThat(response.json().getString("code")).isEqualTo("INVALID_REQUEST");
            }
            assertNothingLeftIn(uploads, uploadsBefore);
            assertNoErrorLogged(errors);
        }
    }

    /** 2 of the 8 MiB the request declares, sent and written to the server's disk: an upload in the middle. */
    private static void sendFirstQuarterOfAnUpload(Socket socket, Path uploads, Set<Path> uploadsBefore) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(RawHttp.multipartHead("/v1/batches", 8L * MEBIBYTE));
        out.write(RawHttp.filePartHead("class.pdf"));
        out.write(pdfLikeBytes(2 * MEBIBYTE));
        out.flush();
        await().atMost(Duration.ofSeconds(20)).until(() -> !newEntries(uploads, uploadsBefore).isEmpty());
    }

    @Test
    void aMultipartBodyWithoutItsClosingBoundaryIsAnInvalidRequest() throws Exception {
        Path uploads = uploadsDirectory();
        Set<Path> uploadsBefore = entries(uploads);
        Set<Path> stagingBefore = entries(STAGING);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(RawHttp.textPart("options", "{}"));
        body.write(RawHttp.filePartHead("class.pdf"));
        body.write(pdfLikeBytes(256 * 1024));
        body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        try (ErrorLogCapture errors = ErrorLogCapture.start(); Socket socket = RawHttp.connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.multipartHead("/v1/batches", body.size()));
            body.writeTo(out);
            out.flush();

            RawHttp.Response response = RawHttp.read(socket.getInputStream());

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().getString("code")).isEqualTo("INVALID_REQUEST");
            assertThat(response.json().getString("detail")).contains("closing boundary");
            assertThat(response.json().getString("request_id")).isNotBlank();
            assertNothingLeftIn(uploads, uploadsBefore);
            assertThat(newEntries(STAGING, stagingBefore)).isEmpty();
            assertNoErrorLogged(errors);
        }
    }

    @Test
    void thousandsOfFormFieldsAreRefusedWithTheLimit() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < 5000; i++) {
            body.write(RawHttp.textPart("note" + i, "x"));
        }
        body.write(RawHttp.closingBoundary());
        try (ErrorLogCapture errors = ErrorLogCapture.start()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/v1/batches"))
                    .header("Content-Type", "multipart/form-data; boundary=" + RawHttp.BOUNDARY)
                    .header("Authorization", "Bearer " + Api.token(Api.SCHOOL_A))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                    .build();

            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).contains("\"code\":\"INVALID_REQUEST\"", "\"max_form_parts\":100", "100 parts");
            assertNoErrorLogged(errors);
        }
    }

    @Test
    void aTextFieldOverItsLimitIsPayloadTooLarge() throws Exception {
        char[] padding = new char[9000];
        Arrays.fill(padding, ' ');
        try (ErrorLogCapture errors = ErrorLogCapture.start()) {
            given().multiPart("files", "a.pdf", "text".getBytes(StandardCharsets.UTF_8))
                    .multiPart("options", "{\"generate_summary\": true" + new String(padding) + "}")
                    .when().post("/v1/batches")
                    .then().statusCode(413).contentType("application/problem+json")
                    .body("code", equalTo("PAYLOAD_TOO_LARGE"))
                    .body("max_form_field_size_bytes", equalTo(8192))
                    .body("request_id", notNullValue());
            assertNoErrorLogged(errors);
        }
    }

    @Test
    void theLargestFormAClientSendsIsNotRefusedByThePartLimits() {
        // 30 files, options, drive_upload and drive_folder_name: everything reaches the resource, which finds
        // no readable file among the text files (422) rather than a limit of the HTTP layer refusing the form.
        RequestSpecification request = given()
                .multiPart("options", "{\"processing_mode\": \"auto\", \"generate_summary\": true, \"include_individual_reports\": true}")
                .multiPart("drive_upload", "false")
                .multiPart("drive_folder_name", "x".repeat(100));
        for (int i = 0; i < 30; i++) {
            request = request.multiPart("files", "notes" + i + ".txt", "just text".getBytes(StandardCharsets.UTF_8));
        }
        request.when().post("/v1/batches")
                .then().statusCode(422).body("code", equalTo("NO_VALID_FILES"));
    }

    private static RawHttp.Response readIfAnswered(Socket socket) {
        try {
            return RawHttp.read(socket.getInputStream());
        } catch (IOException closedWithoutAnswer) {
            return null;
        }
    }

    /** The multipart body of one file part of {@code size} bytes, produced as it is read. */
    private static InputStream oneFilePart(String fileName, long size) {
        return new InputStream() {
            private final byte[] head = RawHttp.filePartHead(fileName);
            private final byte[] tail = ("\r\n--" + RawHttp.BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            private final long total = head.length + size + tail.length;
            private long position;

            @Override
            public int read() {
                if (position >= total) {
                    return -1;
                }
                long at = position++;
                if (at < head.length) {
                    return head[(int) at];
                }
                return at < head.length + size ? 'x' : tail[(int) (at - head.length - size)];
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= total) {
                    return -1;
                }
                if (position >= head.length && position + length <= head.length + size) {
                    Arrays.fill(buffer, offset, offset + length, (byte) 'x');
                    position += length;
                    return length;
                }
                int count = 0;
                while (count < length && position < total) {
                    buffer[offset + count++] = (byte) read();
                }
                return count;
            }
        };
    }

    private static byte[] pdfLikeBytes(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'x');
        byte[] magic = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        return bytes;
    }

    private static Path uploadsDirectory() {
        return Path.of(ConfigProvider.getConfig().getValue("quarkus.http.body.uploads-directory", String.class));
    }

    private static Set<Path> entries(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return new HashSet<>();
        }
        try (Stream<Path> listing = Files.list(directory)) {
            return new HashSet<>(listing.toList());
        }
    }

    private static Set<Path> newEntries(Path directory, Set<Path> before) throws IOException {
        Set<Path> now = entries(directory);
        now.removeAll(before);
        return now;
    }

    /** Uploaded bytes are removed once the request is over, which may be a moment after the answer. */
    private static void assertNothingLeftIn(Path directory, Set<Path> before) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(newEntries(directory, before)).isEmpty());
    }

    /** Some of these failures surface after the answer (the rest of the body arrives later), so wait a little. */
    private static void assertNoErrorLogged(ErrorLogCapture errors) {
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(errors.messages()).isEmpty());
    }
}
