package dev.debrief.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's memory seen from outside: heap in use right after a full GC that we ask for, and the resident set.
 *
 * <p>The heap figure is the collector's own "after" of that GC, read from the service's GC log
 * ({@code -Xlog:gc:file=...}), not a {@code GC.heap_info} taken afterwards: under eight clients the service
 * allocates tens of MiB in the time a second jcmd needs to attach, which would drown the slope we look for.
 * {@code GC.heap_info} is only the fallback when the log has no line for our GC.
 */
final class SoakMemory {

    /** One sample; {@code minutes} since the load started (negative before it). */
    record Sample(double minutes, double heapAfterGcMiB, double rssMiB, double load1, String heapSource) {
    }

    // "[56.184s] GC(29) Pause Full (Diagnostic Command) 74M->26M(97M) 491.812ms" is what jcmd GC.run leaves;
    // System.gc() is accepted too, in case a JDK names the cause so
    private static final Pattern REQUESTED_GC = Pattern.compile(
            "GC\\((\\d+)\\) Pause Full \\((?:Diagnostic Command|System\\.gc\\(\\))\\) (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
    private static final Pattern HEAP_INFO_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final Pattern VM_RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");

    static final String FROM_GC_LOG = "gc log";

    private final long pid;
    private final Path gcLog;
    private final String jcmd;
    private long lastGcId = -1;

    SoakMemory(long pid, Path gcLog) {
        this.pid = pid;
        this.gcLog = gcLog;
        Path beside = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        this.jcmd = Files.isExecutable(beside) ? beside.toString() : "jcmd";
    }

    Sample sample(double minutes) throws IOException, InterruptedException {
        jcmd("GC.run");
        String source = FROM_GC_LOG;
        double heap = heapAfterOurGc();
        if (Double.isNaN(heap)) {
            source = "GC.heap_info";
            Matcher used = HEAP_INFO_USED.matcher(jcmd("GC.heap_info"));
            heap = used.find() ? Long.parseLong(used.group(1)) / 1024.0 : Double.NaN;
        }
        return new Sample(minutes, heap, rssMiB(), load1(), source);
    }

    boolean alive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The last requested full GC in the log, if it is newer than the one the previous sample used. */
    private double heapAfterOurGc() throws IOException {
        if (!Files.exists(gcLog)) {
            return Double.NaN;
        }
        List<String> lines = Files.readAllLines(gcLog, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = REQUESTED_GC.matcher(lines.get(i));
            if (m.find()) {
                long id = Long.parseLong(m.group(1));
                if (id <= lastGcId) {
                    return Double.NaN;
                }
                lastGcId = id;
                return mebibytes(Long.parseLong(m.group(4)), m.group(5));
            }
        }
        return Double.NaN;
    }

    private static double mebibytes(long amount, String unit) {
        return switch (unit) {
            case "K" -> amount / 1024.0;
            case "G" -> amount * 1024.0;
            default -> amount;
        };
    }

    double rssMiB() throws IOException {
        try {
            Matcher m = VM_RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
            return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
        } catch (NoSuchFileException gone) {
            return Double.NaN;
        }
    }

    static double load1() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException unavailable) {
            return Double.NaN;
        }
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
        // read while it runs, so a chatty answer never fills the pipe and stalls it
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + text.strip());
        }
        return text;
    }
}
