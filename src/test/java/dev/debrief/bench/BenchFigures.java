package dev.debrief.bench;

import java.io.IOException;
import java.util.Arrays;

/** What every benchmark's table needs: medians, a "median | min | max" row, and a reference command timed as it runs. */
final class BenchFigures {

    private BenchFigures() {
    }

    /** A table row of the samples' median, minimum and maximum, each divided by {@code unit}. */
    static String row(String label, long[] samples, double unit) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return String.format("| %s | %.1f | %.1f | %.1f |", label, median(samples) / unit, sorted[0] / unit,
                sorted[sorted.length - 1] / unit);
    }

    /** The same row with this many decimals (CPU seconds per photo need two). */
    static String row(String label, long[] samples, double unit, int decimals) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        String f = "%." + decimals + "f";
        return String.format("| %s | " + f + " | " + f + " | " + f + " |", label, median(samples) / unit, sorted[0] / unit,
                sorted[sorted.length - 1] / unit);
    }

    static double median(long[] samples) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    /** Runs a reference command to its end, its output read and dropped (so a full pipe never stalls it). */
    static void runToEnd(ProcessBuilder command) throws IOException, InterruptedException {
        Process process = command.redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command.command()) + " failed");
        }
    }
}
