package dev.debrief.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load of bench/soak: a number of clients, each posting a batch, waiting for its 201, checking that every file
 * was read, then deleting the batch, until the deadline (or a ceiling of batches, or too many errors).
 *
 * <p>Each client has its own HttpClient, hence its own connections, as separate client programs would. HTTP/1.1
 * is asked for explicitly: the JDK client would otherwise try an h2c upgrade, which no usual upload client does.
 */
final class SoakLoad {

    /** Beyond this many errors the run stops: the figures of a broken service say nothing more. */
    static final int ERROR_LIMIT = 100;
    private static final int ERRORS_KEPT = 8;
    private static final Duration POST_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration DELETE_TIMEOUT = Duration.ofSeconds(60);
    private static final int DELETE_ATTEMPTS = 5;

    private final URI batches;
    private final String token;
    private final List<byte[]> pdfs;
    private final int clients;
    private final int filesPerBatch;
    private final long maxBatches;
    private final ObjectMapper json = new ObjectMapper();

    private final AtomicLong nextBatch = new AtomicLong();
    private final AtomicLong batchesRead = new AtomicLong();
    private final AtomicLong filesRead = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicInteger postErrors = new AtomicInteger();
    private final AtomicInteger deleteErrors = new AtomicInteger();
    private final List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> latenciesNanos = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stopEarly;
    private volatile long deadlineNanos;

    SoakLoad(URI service, String token, List<byte[]> pdfs, int clients, int filesPerBatch, long maxBatches) {
        this.batches = service.resolve("/v1/batches");
        this.token = token;
        this.pdfs = pdfs;
        this.clients = clients;
        this.filesPerBatch = filesPerBatch;
        this.maxBatches = maxBatches;
    }

    /** Runs every client until {@code duration} has passed, then waits for each to finish its batch in hand. */
    void run(Duration duration) throws InterruptedException {
        deadlineNanos = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int client = i;
            Thread thread = new Thread(() -> client(client), "soak-client-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private void client(int client) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        while (!stopEarly && System.nanoTime() < deadlineNanos) {
            long n = nextBatch.getAndIncrement();
            if (n >= maxBatches) {
                return;
            }
            String requestId = "soak-" + client + "-" + n;
            try {
                String batchId;
                try {
                    batchId = post(http, n, requestId);
                } catch (IOException | RuntimeException e) {
                    // a timeout or a dropped connection: the batch may exist without our knowing its id, which
                    // the baseline check at the end then shows
                    postError(requestId + " POST: " + e);
                    continue;
                }
                if (batchId != null) {
                    try {
                        delete(http, batchId, requestId);
                    } catch (IOException | RuntimeException e) {
                        deleteError(requestId + " DELETE " + batchId + ": " + e);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Answers the batch id to delete, or null when there is nothing we know of to delete. */
    private String post(HttpClient http, long n, String requestId) throws IOException, InterruptedException {
        String boundary = "soak-" + n + "-" + Long.toHexString(System.nanoTime());
        HttpRequest request = HttpRequest.newBuilder(batches)
                .header("Authorization", "Bearer " + token)
                .header("X-Request-ID", requestId)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(POST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(n, boundary)))
                .build();
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - started;
        String batchId = null;
        JsonNode batch = null;
        try {
            batch = json.readTree(response.body());
            batchId = batch.path("batch_id").asText(null);
        } catch (IOException notJson) {
            // reported below with the status
        }
        if (response.statusCode() == 201 && batch != null && batch.path("successful_files").asInt(-1) == filesPerBatch
                && batch.path("total_files").asInt(-1) == filesPerBatch) {
            latenciesNanos.add(elapsed);
            batchesRead.incrementAndGet();
            filesRead.addAndGet(filesPerBatch);
        } else {
            postError(requestId + " POST " + response.statusCode() + ": " + abbreviate(response.body()));
        }
        return batchId;
    }

    private void delete(HttpClient http, String batchId, String requestId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(batches.resolve("/v1/batches/" + batchId))
                .header("Authorization", "Bearer " + token)
                .header("X-Request-ID", requestId + "-delete")
                .timeout(DELETE_TIMEOUT)
                .DELETE()
                .build();
        for (int attempt = 1; attempt <= DELETE_ATTEMPTS; attempt++) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 204) {
                deleted.incrementAndGet();
                return;
            }
            // every other answer counts, but we still try to leave the service as we found it
            deleteError(requestId + " DELETE " + batchId + " attempt " + attempt + ": " + response.statusCode() + " "
                    + abbreviate(response.body()));
            if (response.statusCode() != 409 && response.statusCode() < 500) {
                return;
            }
            Thread.sleep(2000);
        }
    }

    private byte[] body(long n, String boundary) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int k = 0; k < filesPerBatch; k++) {
            // consecutive batches take consecutive slices of the pool, so the ten files of a batch always differ
            int index = (int) ((n * filesPerBatch + k) % pdfs.size());
            String head = "--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"files\"; filename=\"soak-" + n + "-" + k + ".pdf\"\r\n"
                    + "Content-Type: application/pdf\r\n\r\n";
            body.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(pdfs.get(index));
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    private void postError(String message) {
        postErrors.incrementAndGet();
        remember(message);
    }

    private void deleteError(String message) {
        deleteErrors.incrementAndGet();
        remember(message);
    }

    private void remember(String message) {
        synchronized (firstErrors) {
            if (firstErrors.size() < ERRORS_KEPT) {
                firstErrors.add(message);
                System.out.println("ERROR " + message);
            }
        }
        if (errors() >= ERROR_LIMIT) {
            stopEarly = true;
        }
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }

    long batchesRead() {
        return batchesRead.get();
    }

    long filesRead() {
        return filesRead.get();
    }

    long deleted() {
        return deleted.get();
    }

    int postErrors() {
        return postErrors.get();
    }

    int deleteErrors() {
        return deleteErrors.get();
    }

    int errors() {
        return postErrors.get() + deleteErrors.get();
    }

    boolean stoppedEarly() {
        return stopEarly;
    }

    List<String> firstErrors() {
        synchronized (firstErrors) {
            return List.copyOf(firstErrors);
        }
    }

    /** Every POST that ended in a 201 with all files read, in nanoseconds, sorted. */
    long[] sortedLatencies() {
        synchronized (latenciesNanos) {
            return latenciesNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        }
    }
}
