package dev.debrief.bench;

import static dev.debrief.bench.BenchFigures.median;
import static dev.debrief.bench.BenchFigures.row;
import static dev.debrief.bench.BenchFigures.runToEnd;

import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrSample;
import dev.debrief.testsupport.ScanDamage;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.http.TestHTTPResource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * bench/ocr: 30 photo-like AKTR JPEGs uploaded as one batch (POST → 201 with every report), warm, and the
 * per-image OCR time the service reports, against the plain tesseract CLI on the same images (one alone, and
 * all 30 two at a time: the engine by itself on both cores), measured in the same run. Not a test: the class name keeps it out of surefire's default run.
 */
@QuarkusTest
class OcrBenchmark {

    private static final int FILES = 30;
    private static final int RUNS = 2;

    @TestHTTPResource("/v1/batches")
    URI batches;

    @Test
    void run() throws Exception {
        AktrDocumentFactory factory = new AktrDocumentFactory();
        Random random = new Random(42);
        Path folder = Files.createDirectories(Path.of("target/bench/photos"));
        List<byte[]> photos = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            Random damage = new Random(4200 + i);
            byte[] jpeg = ScanDamage.random(damage).jpeg(
                    factory.scan(AktrSample.random(random), AktrDocumentFactory.Layout.STANDARD, 200 + 10 * (i % 10)), damage);
            Path path = folder.resolve("photo-" + i + ".jpg");
            Files.write(path, jpeg);
            photos.add(jpeg);
            paths.add(path);
        }

        upload(photos.subList(0, 2), null); // warm-up: JIT, tesseract's files in the page cache
        long[] uploads = new long[RUNS];
        List<Long> perImage = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            uploads[i] = upload(photos, perImage);
        }

        long[] cli = new long[FILES];
        for (int i = 0; i < FILES; i++) {
            long started = System.nanoTime();
            tesseract(paths.get(i));
            cli[i] = System.nanoTime() - started;
        }
        long cliTwoAtATime = twoAtATime(paths);
        long[] ours = perImage.stream().mapToLong(ms -> ms * 1_000_000).toArray();

        String table = String.join("\n",
                "",
                "| measure (2 cores, warm) | median | min | max |",
                "|---|---|---|---|",
                row("upload 30 photos → 201 with all reports (s)", uploads, 1e9),
                row("one photo in the service: its reading (2 tesseract passes + parser), two read at once (ms)", ours, 1e6),
                row("tesseract CLI on one photo, default options (ms)", cli, 1e6),
                String.format("| tesseract CLI on the 30 photos, 2 at a time: the engine alone on both cores (s) | %.1f | | |",
                        cliTwoAtATime / 1e9),
                String.format("| ratio upload of 30 / CLI 2 at a time (median) | %.2f | | |", median(uploads) / cliTwoAtATime),
                String.format("| ratio upload of 30 x 2 threads / 30 / CLI one photo: CPU per photo vs CLI (median) | %.2f | | |",
                        median(uploads) * 2 / FILES / median(cli)),
                "");
        System.out.println(table);
        Files.writeString(Path.of("target/bench/ocr.md"), table);
    }

    private long upload(List<byte[]> photos, List<Long> perImage) throws IOException, InterruptedException {
        BatchPost.Sent sent = BatchPost.numbered(batches, "photo", "jpg", "image/jpeg", photos).send();
        if (perImage != null) {
            perImage.addAll(sent.batch().getList("reports.processing_time_ms", Long.class));
        }
        return sent.nanos();
    }

    /** Wall time of the CLI over every photo on two threads, one process each, as the service's pool runs them. */
    private static long twoAtATime(List<Path> images) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            long started = System.nanoTime();
            for (Future<Object> done : pool.invokeAll(images.stream().map(image -> (Callable<Object>) () -> {
                tesseract(image);
                return null;
            }).toList())) {
                try {
                    done.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("tesseract failed", e.getCause());
                }
            }
            return System.nanoTime() - started;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void tesseract(Path image) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("tesseract", image.toString(), "stdout");
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        runToEnd(builder);
    }
}
