package dev.debrief.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrDocumentFactory.Layout;
import dev.debrief.testsupport.AktrSample;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load client of bench/soak, run by the script against a production jar it started (see bench/soak for the
 * whole setup): clients posting batches of distinct AKTR PDFs and deleting them, the service's heap after a forced
 * full GC and its RSS sampled every 10 s, and at the end the table (also target/bench/soak.md) with the baseline
 * check. Exits 1 when a request failed, the service is gone or something stayed behind after the deletes; 2 when the
 * soak itself could not run.
 *
 * <p>Options: {@code --service URL}, {@code --token-file}, {@code --pid} (the service's), {@code --gc-log},
 * {@code --service-log}, {@code --staging}, {@code --jdbc-url}, {@code --db-user} (the password comes from the
 * environment, SOAK_DB_PASSWORD, to stay out of process listings), {@code --duration} (60s, 10m, ...),
 * {@code --clients}, {@code --files}, {@code --max-batches}, {@code --notes-file} (lines printed under the table:
 * how the script set the service up).
 */
public final class SoakMain {

    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
    private static final Duration FULL_WARM_UP = Duration.ofMinutes(1);
    /** Enough for 20 batches of 10: the batches in flight at one time never share a file. */
    private static final int PDF_POOL = 200;
    private static final Path TABLE = Path.of("target/bench/soak.md");
    private static final Path SAMPLES = Path.of("target/bench/soak-samples.csv");
    private static final Duration BASELINE_SETTLE = Duration.ofSeconds(30);
    /** Held here: JUL keeps loggers weakly, and a collected one would lose its level. */
    private static final Logger PDFBOX_LOG = Logger.getLogger("org.apache.pdfbox");

    private SoakMain() {
    }

    public static void main(String[] args) {
        int exit;
        try {
            exit = new Run(Options.parse(args)).soak() ? 0 : 1;
        } catch (Exception e) {
            System.err.println("soak could not run: " + e);
            e.printStackTrace();
            exit = 2;
        }
        // exec:java runs us inside Maven's JVM; exiting is how the script gets the verdict
        System.exit(exit);
    }

    record Options(URI service, Path tokenFile, long pid, Path gcLog, Path serviceLog, Path staging, String jdbcUrl,
                   String dbUser, String dbPassword, Duration duration, int clients, int files, long maxBatches,
                   List<String> notes) {

        static Options parse(String[] args) {
            URI service = null;
            Path tokenFile = null;
            long pid = -1;
            Path gcLog = null;
            Path serviceLog = null;
            Path staging = null;
            String jdbcUrl = null;
            String dbUser = null;
            Duration duration = Duration.ofMinutes(10);
            int clients = 8;
            int files = 10;
            long maxBatches = 1_000_000;
            List<String> notes = List.of();
            for (int i = 0; i < args.length; i++) {
                String value = args[++i];
                switch (args[i - 1]) {
                    case "--service" -> service = URI.create(value);
                    case "--token-file" -> tokenFile = Path.of(value);
                    case "--pid" -> pid = Long.parseLong(value);
                    case "--gc-log" -> gcLog = Path.of(value);
                    case "--service-log" -> serviceLog = Path.of(value);
                    case "--staging" -> staging = Path.of(value);
                    case "--jdbc-url" -> jdbcUrl = value;
                    case "--db-user" -> dbUser = value;
                    case "--duration" -> duration = duration(value);
                    case "--clients" -> clients = Integer.parseInt(value);
                    case "--files" -> files = Integer.parseInt(value);
                    case "--max-batches" -> maxBatches = Long.parseLong(value);
                    case "--notes-file" -> notes = readLines(Path.of(value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
                }
            }
            String dbPassword = System.getenv("SOAK_DB_PASSWORD");
            if (service == null || tokenFile == null || pid < 0 || gcLog == null || serviceLog == null || staging == null
                    || jdbcUrl == null || dbUser == null || dbPassword == null) {
                throw new IllegalArgumentException("--service, --token-file, --pid, --gc-log, --service-log, --staging, "
                        + "--jdbc-url, --db-user and SOAK_DB_PASSWORD are all needed");
            }
            return new Options(service, tokenFile, pid, gcLog, serviceLog, staging, jdbcUrl, dbUser, dbPassword, duration,
                    clients, files, maxBatches, List.copyOf(notes));
        }

        private static List<String> readLines(Path file) {
            try {
                return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file, e);
            }
        }

        /** 600, 600s, 10m, 1h, 1500ms. */
        static Duration duration(String text) {
            Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(text.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a duration: " + text + " (e.g. 60s, 10m)");
            }
            long amount = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
    }

    private static final class Run {

        private final Options options;
        private final SoakMemory memory;
        private final List<SoakMemory.Sample> samples = new CopyOnWriteArrayList<>();
        /** Short runs still get a few samples past the warm-up: a quarter of the run, at most a minute. */
        private final Duration warmUp;

        Run(Options options) {
            this.options = options;
            this.memory = new SoakMemory(options.pid(), options.gcLog());
            Duration quarter = options.duration().dividedBy(4);
            this.warmUp = quarter.compareTo(FULL_WARM_UP) < 0 ? quarter : FULL_WARM_UP;
        }

        boolean soak() throws Exception {
            String token = Files.readString(options.tokenFile()).trim();
            List<byte[]> pdfs = pdfs();
            SoakBaseline before = SoakBaseline.take(options.staging(), options.jdbcUrl(), options.dbUser(), options.dbPassword());
            SoakMemory.Sample idleBefore = memory.sample(0);
            System.out.printf(Locale.ROOT, "idle before the load: heap after GC %.0f MiB, RSS %.0f MiB; %d clients x %d PDFs for %d s%n",
                    idleBefore.heapAfterGcMiB(), idleBefore.rssMiB(), options.clients(), options.files(), options.duration().toSeconds());

            SoakLoad load = new SoakLoad(options.service(), token, pdfs, options.clients(), options.files(), options.maxBatches());
            long started = System.nanoTime();
            Thread sampler = new Thread(() -> sampleEvery(started, load), "soak-sampler");
            sampler.setDaemon(true);
            sampler.start();
            load.run(options.duration());
            double seconds = (System.nanoTime() - started) / 1e9;
            sampler.interrupt();
            sampler.join(Duration.ofMinutes(2).toMillis());

            boolean serviceAlive = memory.alive();
            SoakMemory.Sample idleAfter = serviceAlive ? memory.sample(seconds / 60) : null;
            SoakBaseline after = settledBaseline(before);
            LogCounts log = LogCounts.of(options.serviceLog());

            boolean baselineOk = after.equals(before);
            boolean pass = load.errors() == 0 && baselineOk && serviceAlive && !load.stoppedEarly();
            String table = table(load, seconds, before, after, idleBefore, idleAfter, log, serviceAlive, pass);
            Files.createDirectories(TABLE.getParent());
            Files.writeString(TABLE, table);
            writeSamples();
            System.out.println();
            System.out.print(table);
            return pass;
        }

        private List<byte[]> pdfs() {
            // PDFBox warns once per standard font that it measures with a substitute; it says nothing about the soak
            PDFBOX_LOG.setLevel(Level.SEVERE);
            AktrDocumentFactory factory = new AktrDocumentFactory();
            Layout[] layouts = Layout.values();
            List<byte[]> pdfs = new ArrayList<>(PDF_POOL);
            for (int i = 0; i < PDF_POOL; i++) {
                pdfs.add(factory.pdf(AktrSample.random(new Random(7000 + i)), layouts[i % layouts.length]));
            }
            return pdfs;
        }

        /** Samples on a fixed 10 s grid from the start of the load; a slow sample skips ticks rather than bunching up. */
        private void sampleEvery(long started, SoakLoad load) {
            long every = SAMPLE_EVERY.toNanos();
            long end = started + options.duration().toNanos();
            for (long tick = started; tick < end; tick += every) {
                long now = System.nanoTime();
                if (tick < now - every / 2) {
                    continue;
                }
                try {
                    Thread.sleep(Math.max(0, (tick - now) / 1_000_000));
                    SoakMemory.Sample sample = memory.sample((System.nanoTime() - started) / 60e9);
                    samples.add(sample);
                    double elapsed = (System.nanoTime() - started) / 1e9;
                    System.out.printf(Locale.ROOT, "t=%4.0fs  batches %6d  files/s %6.1f  errors %d  heap after GC %5.1f MiB  RSS %6.1f MiB  load %5.2f%n",
                            elapsed, load.batchesRead(), load.filesRead() / Math.max(elapsed, 1e-3), load.errors(),
                            sample.heapAfterGcMiB(), sample.rssMiB(), sample.load1());
                } catch (InterruptedException stop) {
                    return;
                } catch (IOException | RuntimeException e) {
                    System.out.println("sample failed: " + e);
                }
            }
        }

        /**
         * Deleting answers after the rows and staged bytes are gone, so the counts should be back at once; a short
         * wait covers anything the service finishes just after answering, and what remains after it is reported.
         * The orphan sweep (an hour's grace) is not waited for: the deletes alone must restore the baseline.
         */
        private SoakBaseline settledBaseline(SoakBaseline before) throws Exception {
            long deadline = System.nanoTime() + BASELINE_SETTLE.toNanos();
            while (true) {
                SoakBaseline now = SoakBaseline.take(options.staging(), options.jdbcUrl(), options.dbUser(), options.dbPassword());
                if (now.equals(before) || System.nanoTime() > deadline) {
                    if (!now.equals(before)) {
                        System.out.println("left behind after the deletes: " + now + " (before: " + before + "); staged folders "
                                + SoakBaseline.leftoverFolders(options.staging()));
                    }
                    return now;
                }
                Thread.sleep(2000);
            }
        }

        private String table(SoakLoad load, double seconds, SoakBaseline before, SoakBaseline after,
                             SoakMemory.Sample idleBefore, SoakMemory.Sample idleAfter, LogCounts log, boolean serviceAlive,
                             boolean pass) {
            long[] latencies = load.sortedLatencies();
            List<SoakMemory.Sample> all = List.copyOf(samples);
            double warmUpMinutes = warmUp.toMillis() / 60_000.0;
            List<SoakMemory.Sample> steady = all.stream().filter(s -> s.minutes() >= warmUpMinutes).toList();
            // the GC log gives whole MiB; /proc gives kB
            SoakTrend heap = SoakTrend.of(points(steady, SoakMemory.Sample::heapAfterGcMiB), 1.0);
            SoakTrend rss = SoakTrend.of(points(steady, SoakMemory.Sample::rssMiB), 0.0);
            boolean baselineOk = after.equals(before);

            StringBuilder t = new StringBuilder();
            t.append(String.format(Locale.ROOT, "%n| soak: production jar, -Xmx512m, %s, %d clients × %d-PDF batches | value |%n",
                    gcName(), options.clients(), options.files()));
            t.append("|---|---|\n");
            row(t, "duration of the load", String.format(Locale.ROOT, "%.0f s (asked: %d s; slopes skip the first %d s as warm-up)%s",
                    seconds, options.duration().toSeconds(), warmUp.toSeconds(), load.stoppedEarly() ? "; **stopped early: too many errors**" : ""));
            row(t, "batches → 201 with every file read", Long.toString(load.batchesRead()));
            row(t, "files read", Long.toString(load.filesRead()));
            row(t, "files/s", String.format(Locale.ROOT, "%.1f", load.filesRead() / seconds));
            row(t, "errors (POST / DELETE)", String.format("%d (%d / %d)", load.errors(), load.postErrors(), load.deleteErrors()));
            row(t, "batches deleted (204)", Long.toString(load.deleted()));
            row(t, "POST → 201 latency p50 / p99 / max", latencies.length == 0 ? "n/a" : String.format(Locale.ROOT,
                    "%.2f / %.2f / %.2f s", percentile(latencies, 0.50) / 1e9, percentile(latencies, 0.99) / 1e9,
                    latencies[latencies.length - 1] / 1e9));
            row(t, "heap after GC first / last / min / max", firstLastMinMax(all, SoakMemory.Sample::heapAfterGcMiB));
            row(t, "heap after GC slope (MiB/min)", heap.slopeCell());
            row(t, "heap after GC: verdict", heap.verdictCell());
            row(t, "heap after GC, idle: before / after the load", String.format(Locale.ROOT, "%.0f / %s MiB",
                    idleBefore.heapAfterGcMiB(), idleAfter == null ? "n/a" : String.format(Locale.ROOT, "%.0f", idleAfter.heapAfterGcMiB())));
            row(t, "RSS first / last / max", firstLastMax(all, SoakMemory.Sample::rssMiB));
            row(t, "RSS slope (MiB/min)", rss.slopeCell() + (rss.known() ? (rss.flat() ? ", within noise" : ", beyond noise") : ""));
            row(t, "staged files / folders: before → after", String.format("%d / %d → %d / %d %s", before.stagedFiles(),
                    before.stagedFolders(), after.stagedFiles(), after.stagedFolders(),
                    before.stagedFiles() == after.stagedFiles() && before.stagedFolders() == after.stagedFolders() ? "✓" : "**✗**"));
            row(t, "rows batch_reports / batch_report_files / reports: before → after", String.format("%d / %d / %d → %d / %d / %d %s",
                    before.batchRows(), before.fileRows(), before.reportRows(), after.batchRows(), after.fileRows(), after.reportRows(),
                    before.batchRows() == after.batchRows() && before.fileRows() == after.fileRows()
                            && before.reportRows() == after.reportRows() ? "✓" : "**✗**"));
            row(t, "load average (1 min) at the samples: min / mean / max", loadCell(all));
            row(t, "service log: ERROR / WARN lines", log.errors() + " / " + log.warnings());
            if (!serviceAlive) {
                row(t, "service process", "**gone before the end of the run**");
            }
            row(t, "result", pass ? "PASS (0 errors, baseline restored)" : "**FAIL**" + (load.errors() > 0 ? " errors" : "")
                    + (baselineOk ? "" : " baseline") + (serviceAlive ? "" : " service-exited"));
            t.append('\n');
            for (String note : options.notes()) {
                t.append("- ").append(note).append('\n');
            }
            t.append(String.format(Locale.ROOT, "- Heap after GC: every %d s `jcmd <pid> GC.run`, then the collector's own after-figure "
                    + "from the service's GC log (1 MiB steps). The forced full GCs are part of the POST latencies, and "
                    + "let G1 give memory back, so RSS is lower than without them. "
                    + "Flat = the drift the slope predicts over the window (after the warm-up) is at most the standard "
                    + "deviation of those samples (at least the log's 1 MiB step), or 0 is inside the slope's 95 %% interval.%s%n", SAMPLE_EVERY.toSeconds(), fallbackNote(all)));
            t.append("- Per-sample figures: target/bench/soak-samples.csv.\n");
            if (!load.firstErrors().isEmpty()) {
                t.append("- First errors:\n");
                load.firstErrors().forEach(e -> t.append("  - `").append(e.replace('`', '\'')).append("`\n"));
            }
            if (!log.first().isEmpty()) {
                t.append("- First ERROR/WARN lines of the service log:\n");
                log.first().forEach(e -> t.append("  - `").append(e.replace('`', '\'')).append("`\n"));
            }
            return t.toString();
        }

        private static String fallbackNote(List<SoakMemory.Sample> samples) {
            long fallbacks = samples.stream().filter(s -> !s.heapSource().equals(SoakMemory.FROM_GC_LOG)).count();
            return fallbacks == 0 ? "" : " **" + fallbacks + " of " + samples.size()
                    + " heap samples had no GC-log line and come from GC.heap_info (taken after the GC: noisier).**";
        }

        private void writeSamples() throws IOException {
            StringBuilder csv = new StringBuilder("minutes,heap_after_gc_mib,rss_mib,load1,heap_source\n");
            for (SoakMemory.Sample s : samples) {
                csv.append(String.format(Locale.ROOT, "%.3f,%.1f,%.1f,%.2f,%s%n", s.minutes(), s.heapAfterGcMiB(), s.rssMiB(),
                        s.load1(), s.heapSource()));
            }
            Files.writeString(SAMPLES, csv);
        }

        private String gcName() {
            try (BufferedReader lines = Files.newBufferedReader(options.gcLog(), StandardCharsets.UTF_8)) {
                Pattern using = Pattern.compile("Using (.+)$");
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Matcher m = using.matcher(line);
                    if (m.find()) {
                        return m.group(1).trim();
                    }
                }
            } catch (IOException unreadable) {
                // the heading then just does not name the collector
            }
            return "GC unknown";
        }
    }

    /** ERROR and WARN lines of the service's JSON log, and the first few of them. */
    record LogCounts(long errors, long warnings, List<String> first) {

        static LogCounts of(Path log) throws IOException {
            if (!Files.exists(log)) {
                return new LogCounts(0, 0, List.of());
            }
            ObjectMapper json = new ObjectMapper();
            long errors = 0;
            long warnings = 0;
            List<String> first = new ArrayList<>();
            try (BufferedReader lines = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    String level;
                    String message;
                    try {
                        JsonNode entry = json.readTree(line);
                        level = entry.path("level").asText("");
                        message = entry.path("loggerName").asText("") + ": " + entry.path("message").asText("");
                    } catch (IOException notJson) {
                        level = line.contains("ERROR") ? "ERROR" : line.contains("WARN") ? "WARN" : "";
                        message = line;
                    }
                    if (level.equals("ERROR")) {
                        errors++;
                    } else if (level.equals("WARN") || level.equals("WARNING")) {
                        warnings++;
                    } else {
                        continue;
                    }
                    if (first.size() < 5) {
                        first.add(level + " " + (message.length() > 300 ? message.substring(0, 300) + "…" : message));
                    }
                }
            }
            return new LogCounts(errors, warnings, first);
        }
    }

    private static void row(StringBuilder table, String measure, String value) {
        table.append("| ").append(measure).append(" | ").append(value).append(" |\n");
    }

    private static List<double[]> points(List<SoakMemory.Sample> samples, ToDoubleFunction<SoakMemory.Sample> value) {
        return samples.stream().filter(s -> !Double.isNaN(value.applyAsDouble(s)))
                .map(s -> new double[] {s.minutes(), value.applyAsDouble(s)}).toList();
    }

    /** Nearest rank. */
    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String firstLastMinMax(List<SoakMemory.Sample> samples, ToDoubleFunction<SoakMemory.Sample> value) {
        double[] v = samples.stream().mapToDouble(value).filter(x -> !Double.isNaN(x)).toArray();
        if (v.length == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.0f / %.0f / %.0f / %.0f MiB", v[0], v[v.length - 1],
                java.util.Arrays.stream(v).min().orElseThrow(), java.util.Arrays.stream(v).max().orElseThrow());
    }

    private static String firstLastMax(List<SoakMemory.Sample> samples, ToDoubleFunction<SoakMemory.Sample> value) {
        double[] v = samples.stream().mapToDouble(value).filter(x -> !Double.isNaN(x)).toArray();
        if (v.length == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.0f / %.0f / %.0f MiB", v[0], v[v.length - 1],
                java.util.Arrays.stream(v).max().orElseThrow());
    }

    private static String loadCell(List<SoakMemory.Sample> samples) {
        double[] v = samples.stream().mapToDouble(SoakMemory.Sample::load1).filter(x -> !Double.isNaN(x)).toArray();
        if (v.length == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f (2 cores)", java.util.Arrays.stream(v).min().orElseThrow(),
                java.util.Arrays.stream(v).average().orElseThrow(), java.util.Arrays.stream(v).max().orElseThrow());
    }
}
