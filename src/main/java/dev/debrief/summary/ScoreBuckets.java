package dev.debrief.summary;

import java.util.LinkedHashMap;

/** The four score bands of the distribution, keyed by their JSON labels. */
final class ScoreBuckets {

    static final String BELOW_70 = "<70";
    static final String SEVENTIES = "70-79";
    static final String EIGHTIES = "80-89";
    static final String NINETIES_TO_100 = "90-100";

    private ScoreBuckets() {
    }

    /** All four buckets at zero, so a client always finds every key. */
    static LinkedHashMap<String, Integer> emptyDistribution() {
        LinkedHashMap<String, Integer> distribution = new LinkedHashMap<>();
        distribution.put(BELOW_70, 0);
        distribution.put(SEVENTIES, 0);
        distribution.put(EIGHTIES, 0);
        distribution.put(NINETIES_TO_100, 0);
        return distribution;
    }

    // Out-of-range scores (a misread "105", a negative) still land in the nearest band rather than vanish,
    // so the buckets always add up to the number of scored reports.
    static String bucketOf(int score) {
        if (score < 70) {
            return BELOW_70;
        }
        if (score < 80) {
            return SEVENTIES;
        }
        if (score < 90) {
            return EIGHTIES;
        }
        return NINETIES_TO_100;
    }
}
