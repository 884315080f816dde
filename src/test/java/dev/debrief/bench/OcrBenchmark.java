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
import java.lang.management.ManagementFactory;
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
 * bench/ocr: 30 photo-like AKTR JPEGs uploaded as one batch (POST → 201 with every report), warm, against the
 * plain tesseract CLI on the same images two at a time (the engine by itself on both cores), taking turns in the
 * same run, with the CPU seconds per photo of each and the load average of the shared machine. Not a test: the
 * class name keeps it out of surefire's default run.
 */
@QuarkusTest
class OcrBenchmark {

    private static final int FILES = 30;
    private static final int RUNS = 3;

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

        upload(photos.subList(0, 2), null); // warm-up: JIT, the engines' models, tesseract's files in the page cache
        tesseract(paths.get(0));
        // the machine is shared: the service and the CLI take turns, so that both see the same load, run after run
        long[] uploads = new long[RUNS];
        long[] uploadCpu = new long[RUNS];
        long[] cli = new long[RUNS];
        long[] cliCpu = new long[RUNS];
        List<Long> perImage = new ArrayList<>();
        String loadBefore = loadAverage();
        for (int i = 0; i < RUNS; i++) {
            long cpu = processCpuNanos();
            uploads[i] = upload(photos, perImage);
            uploadCpu[i] = processCpuNanos() - cpu;
            long children = childrenCpuNanos();
            cli[i] = twoAtATime(paths);
            cliCpu[i] = childrenCpuNanos() - children;
        }
        String loadAfter = loadAverage();
        long[] ours = perImage.stream().mapToLong(ms -> ms * 1_000_000).toArray();

        String table = String.join("\n",
                "",
                "| measure (2 cores, warm, " + RUNS + " runs taking turns) | median | min | max |",
                "|---|---|---|---|",
                row("upload 30 photos → 201 with all reports (s)", uploads, 1e9),
                row("tesseract CLI on the same 30 photos, 2 at a time: the engine alone on both cores (s)", cli, 1e9),
                String.format("| **ratio upload / CLI 2 at a time** (medians; goal ≤ 1.0) | %.2f | | |", median(uploads) / median(cli)),
                row("CPU per photo, service: whole JVM (HTTP, decoding, 2 OCR passes, parser, database) (s)",
                        perPhoto(uploadCpu), 1e9, 2),
                row("CPU per photo, tesseract CLI (its processes' user + system) (s)", perPhoto(cliCpu), 1e9, 2),
                row("one photo in the service: its reading, two read at once (ms)", ours, 1e6),
                "| load average (1, 5, 15 min) before / after | " + loadBefore + " / " + loadAfter + " | | |",
                "");
        System.out.println(table);
        Files.writeString(Path.of("target/bench/ocr.md"), table);
    }

    private static long[] perPhoto(long[] totals) {
        long[] each = new long[totals.length];
        for (int i = 0; i < totals.length; i++) {
            each[i] = totals[i] / FILES;
        }
        return each;
    }

    /** CPU time of this JVM so far: the service (a @QuarkusTest runs in it) and the benchmark's own small client. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time of this JVM's ended and reaped children (the tesseract processes): cutime + cstime of /proc/self/stat. */
    private static long childrenCpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        // the fields after the command name, which is in parentheses and may hold spaces
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]); // fields 16 and 17 of proc(5)
        return ticks * 1_000_000_000L / 100; // USER_HZ is 100 on Linux
    }

    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
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
