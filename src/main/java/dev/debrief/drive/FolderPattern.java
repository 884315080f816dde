package dev.debrief.drive;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Where a batch's folder lives, as a '/'-separated pattern of Drive folder names.
 *
 * <p>Placeholders: {@code {date}} (YYYY-MM-DD), {@code {year}}, {@code {month}} (two digits),
 * {@code {batch_id}} and {@code {school}} (the owning school, so one shared drive can hold every school apart). The pattern is checked when constructed, so a bad configuration fails at start-up
 * rather than on the first batch.
 */
public record FolderPattern(String pattern) {

    public static final String DEFAULT = "Debrief-Batches/{date}/batch-{batch_id}";

    /** Drive would take longer names; this keeps them readable and inside the database column. */
    public static final int MAX_SEGMENT_LENGTH = 255;

    /** The stored pattern must fit {@code batch_reports.drive_folder_pattern VARCHAR(255)}. */
    public static final int MAX_PATTERN_LENGTH = 255;

    private static final Set<String> PLACEHOLDERS = Set.of("date", "year", "month", "batch_id", "school");

    public FolderPattern {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.length() > MAX_PATTERN_LENGTH) {
            throw new IllegalArgumentException("folder pattern is longer than " + MAX_PATTERN_LENGTH + " characters");
        }
        List<String> raw = rawSegments(pattern);
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("folder pattern is empty");
        }
        for (String segment : raw) {
            // Expanding with sample values validates placeholders and rejects segments that sanitise
            // to nothing, e.g. "a/ /b".
            if (sanitise(expand(segment, LocalDate.of(2000, 1, 1), new UUID(0, 0), "school")).isEmpty()) {
                throw new IllegalArgumentException("folder pattern has an empty segment: '" + pattern + "'");
            }
        }
    }

    public static FolderPattern defaultPattern() {
        return new FolderPattern(DEFAULT);
    }

    /**
     * The folder names from the top down.
     *
     * @param lastSegmentOverride the batch's {@code drive_folder_name}; replaces the last segment unless
     *                            null or blank after sanitising
     */
    public List<String> segments(LocalDate date, UUID batchId, String school, String lastSegmentOverride) {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(batchId, "batchId");
        List<String> raw = rawSegments(pattern);
        List<String> out = new ArrayList<>(raw.size());
        for (String segment : raw) {
            out.add(sanitise(expand(segment, date, batchId, school)));
        }
        if (lastSegmentOverride != null) {
            String override = sanitise(lastSegmentOverride);
            if (!override.isEmpty()) {
                out.set(out.size() - 1, override);
            }
        }
        return List.copyOf(out);
    }

    /** Leading and trailing slashes are forgiven; empty inner segments ("a//b") are not. */
    private static List<String> rawSegments(String pattern) {
        String p = pattern.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isBlank()) {
            return List.of();
        }
        return List.of(p.split("/", -1));
    }

    private static String expand(String segment, LocalDate date, UUID batchId, String school) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < segment.length()) {
            char c = segment.charAt(i);
            if (c == '}') {
                throw new IllegalArgumentException("unbalanced '}' in folder pattern segment '" + segment + "'");
            }
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            int end = segment.indexOf('}', i);
            if (end < 0) {
                throw new IllegalArgumentException("unclosed '{' in folder pattern segment '" + segment + "'");
            }
            String name = segment.substring(i + 1, end);
            if (!PLACEHOLDERS.contains(name)) {
                throw new IllegalArgumentException("unknown placeholder {" + name + "} in folder pattern; known: "
                        + "{date}, {year}, {month}, {batch_id}, {school}");
            }
            out.append(switch (name) {
                case "date" -> date.toString();
                case "year" -> String.format(Locale.ROOT, "%04d", date.getYear());
                case "month" -> String.format(Locale.ROOT, "%02d", date.getMonthValue());
                case "school" -> school;
                default -> batchId.toString();
            });
            i = end + 1;
        }
        return out.toString();
    }

    /** No '/', no control characters, trimmed, at most {@link #MAX_SEGMENT_LENGTH} characters. */
    static String sanitise(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            if (cp == '/') {
                out.append('-');
            } else if (!Character.isISOControl(cp)) {
                out.appendCodePoint(cp);
            }
        });
        String s = out.toString().strip();
        if (s.length() > MAX_SEGMENT_LENGTH) {
            int cut = MAX_SEGMENT_LENGTH;
            // never split a surrogate pair
            if (Character.isHighSurrogate(s.charAt(cut - 1))) {
                cut--;
            }
            s = s.substring(0, cut).strip();
        }
        return s;
    }
}
