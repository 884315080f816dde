package dev.debrief.bench;

import java.util.List;
import java.util.Locale;

/**
 * The least-squares line through (minute, MiB) samples, and whether its drift stands out from the samples' own
 * scatter.
 *
 * <p>"Flat" means: the drift the line predicts over the window, |slope| × window, is at most the standard
 * deviation of the samples (or the figures' own step, when they barely move: a drift below it is rounding), or
 * zero lies inside the slope's 95 % interval (a handful of samples, as in a one-minute run, proves no trend). A real leak makes the line explain the scatter (a steady rise of D MiB alone gives a
 * standard deviation of about 0.29 D, so it fails the test), while a heap that only moves with what happens to be
 * in flight when the GC runs gives a drift well inside its scatter.
 */
record SoakTrend(int samples, double windowMinutes, double slopePerMinute, double slopeHalfInterval95, double sampleSd,
                 double resolution) {

    /** {@code resolution}: the step of the figures; a drift below it cannot be told from rounding. */
    static SoakTrend of(List<double[]> points, double resolution) {
        int n = points.size();
        if (n < 3) {
            return new SoakTrend(n, 0, Double.NaN, Double.NaN, Double.NaN, resolution);
        }
        double meanX = points.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double meanY = points.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (double[] p : points) {
            sxx += (p[0] - meanX) * (p[0] - meanX);
            sxy += (p[0] - meanX) * (p[1] - meanY);
            syy += (p[1] - meanY) * (p[1] - meanY);
        }
        double slope = sxy / sxx;
        double residuals = Math.max(0, syy - slope * sxy);
        double standardError = Math.sqrt(residuals / (n - 2) / sxx);
        double window = points.get(n - 1)[0] - points.get(0)[0];
        return new SoakTrend(n, window, slope, tQuantile975(n - 2) * standardError, Math.sqrt(syy / (n - 1)), resolution);
    }

    double drift() {
        return Math.abs(slopePerMinute) * windowMinutes;
    }

    boolean known() {
        return samples >= 3;
    }

    double noise() {
        return Math.max(sampleSd, resolution);
    }

    /** Zero inside the slope's 95 % interval: the samples cannot tell the line from a level one. */
    boolean zeroInInterval() {
        return Math.abs(slopePerMinute) <= slopeHalfInterval95;
    }

    boolean flat() {
        return known() && (drift() <= noise() || zeroInInterval());
    }

    String slopeCell() {
        return known() ? String.format(Locale.ROOT, "%+.2f ± %.2f (95 %%)", slopePerMinute, slopeHalfInterval95) : "n/a (< 3 samples)";
    }

    String verdictCell() {
        if (!known()) {
            return "n/a (< 3 samples after warm-up)";
        }
        // no "|" in here: the text goes into a markdown table cell
        return String.format(Locale.ROOT, "%s: drift = slope × %.1f min = %.1f MiB %s noise %.1f MiB (sample SD %.1f MiB, step %.0f MiB); "
                        + "0 %s the slope's 95 %% interval; %d samples",
                flat() ? "**flat** (within noise)" : slopePerMinute > 0 ? "**rising** (beyond noise: look for a leak)"
                        : "**falling** (beyond noise; not a leak: less stayed live)", windowMinutes, drift(),
                drift() <= noise() ? "≤" : ">", noise(), sampleSd, resolution, zeroInInterval() ? "inside" : "outside", samples);
    }

    /** Student's t at 97.5 %; 2.0 beyond the table (it falls from 2.04 at 30 degrees of freedom towards 1.96). */
    private static double tQuantile975(int degreesOfFreedom) {
        double[] table = {12.71, 4.30, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26, 2.23, 2.20, 2.18, 2.16, 2.14, 2.13,
                2.12, 2.11, 2.10, 2.09, 2.09, 2.08, 2.07, 2.07, 2.06, 2.06, 2.06, 2.05, 2.05, 2.05, 2.04};
        return degreesOfFreedom >= 1 && degreesOfFreedom <= table.length ? table[degreesOfFreedom - 1] : 2.0;
    }
}
