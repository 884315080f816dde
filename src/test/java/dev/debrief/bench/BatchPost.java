package dev.debrief.bench;

import dev.debrief.testsupport.Api;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A synchronous batch upload sent the way a client program sends it: the JDK's HTTP client, the multipart body
 * built once, before the clock starts. REST Assured is not used for the timed request: with 30 photos (15 MB)
 * it spent about 10 s of the measured time before the service had the files (the service's log showed the
 * reading start 9-12 s after the request began; curl with the same files got its 201 10 s sooner).
 */
final class BatchPost {

    /** One file of the {@code files} part. */
    record File(String name, String contentType, byte[] content) {
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final HttpRequest request;
    private final int fileCount;

    BatchPost(URI batches, List<File> files) {
        this.fileCount = files.size();
        String boundary = "bench-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (File file : files) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + file.name()
                    + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        this.request = HttpRequest.newBuilder(batches)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + Api.token(Api.SCHOOL_A))
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }

    /** A batch of files named {@code stem-0.extension}, {@code stem-1.extension}, ... */
    static BatchPost numbered(URI batches, String stem, String extension, String contentType, List<byte[]> contents) {
        List<File> files = new ArrayList<>(contents.size());
        for (int i = 0; i < contents.size(); i++) {
            files.add(new File(stem + "-" + i + "." + extension, contentType, contents.get(i)));
        }
        return new BatchPost(batches, files);
    }

    /** The answer to one send and how long it took. */
    record Sent(long nanos, JsonPath batch) {
    }

    /** Sends the batch, waits for its 201 and checks that every file was read. */
    Sent send() throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - started;
        if (response.statusCode() != 201) {
            throw new IllegalStateException("expected 201, got " + response.statusCode() + ": " + response.body());
        }
        JsonPath batch = new JsonPath(response.body());
        if (batch.getInt("successful_files") != fileCount) {
            throw new IllegalStateException("not every file was read: " + response.body());
        }
        return new Sent(elapsed, batch);
    }
}
