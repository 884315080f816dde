package dev.debrief.extraction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the ACS (and legacy PLT) codes of a report. PDF text is taken as printed; OCR text may have
 * its codes repaired, but only where the code grammar leaves a single reading.
 */
final class CodeScanner {

    /** The codes in first-seen order, how many occurrences needed a repair, and where the first one starts. */
    record Found(List<AcsCode> codes, int repairs, int firstOffset) {
    }

    /** Groups 1-6 are those of {@link AcsCode#ACS_BODY}; all null for a legacy code. */
    private static final Pattern STRICT = Pattern.compile(
            "(?=[A-Z]{2}[.T])(?<![A-Za-z0-9.])(?:" + AcsCode.ACS_BODY + "|" + AcsCode.LEGACY_BODY + ")(?![A-Za-z0-9])");

    /** Blanks OCR leaves around a dot, including one line break when a code was split at a line end. */
    private static final String GAP = "[ \\t]*(?:\\n[ \\t]*)?";

    /*
     * What OCR makes of a code: each part may hold the characters it is confused with
     * (0/O, 1/I/l, 5/S, 8/B). The element number keeps any letters so that the tail can be read
     * both ways and refused when both readings are valid.
     */
    private static final Pattern OCR = Pattern.compile(
            "(?=[A-Z0158l])(?<![A-Za-z0-9.])(?:"
                    + "(?<prefix>[A-Z0158l]{2})" + GAP + "\\." + GAP
                    + "(?<area>[IVX1l]{1,5})" + GAP + "\\." + GAP
                    + "(?<task>[A-Z0158l])" + GAP + "\\." + GAP
                    + "(?<element>[KRS5])(?<tail>[0-9A-Za-z]{1,4})"
                    + "|PLT(?<legacy>[0-9OoIlSB]{3})"
                    + ")(?![A-Za-z0-9])");

    private static final Pattern AREA = Pattern.compile(AcsCode.AREA_NUMERAL);
    private static final Pattern VALID_TAIL = Pattern.compile("\\d{1,3}[a-z]?");
    private static final Pattern BLANKS = Pattern.compile("\\s+");

    /** A line with this many lowercase words is prose: a code-like token in it is not a missed code. */
    private static final int PROSE_WORDS = 4;

    /* Beyond this many substituted characters a token is more likely noise than a misread code. */
    private static final int MAX_SUBSTITUTIONS = 3;

    private CodeScanner() {
    }

    static Found scan(String text, int end, boolean ocr) {
        Matcher m = (ocr ? OCR : STRICT).matcher(text);
        m.region(0, end);
        Map<String, AcsCode> codes = new LinkedHashMap<>();
        int repairs = 0;
        int first = -1;
        ProseCache prose = new ProseCache(text);
        while (m.find()) {
            if (prose.isProse(m.start())) {
                continue;
            }
            AcsCode code;
            if (ocr) {
                String repaired = repair(m);
                if (repaired == null) {
                    continue;
                }
                code = AcsCode.parse(repaired).orElse(null);
                if (code == null) {
                    continue;
                }
                if (!repaired.equals(m.group())) {
                    repairs++;
                }
            } else {
                code = m.group(1) == null
                        ? AcsCode.legacyCode(m.group())
                        : new AcsCode(m.group(), m.group(1), m.group(2), m.group(3), ElementType.ofLetter(m.group(4).charAt(0)));
            }
            if (first < 0) {
                first = m.start();
            }
            codes.putIfAbsent(code.code(), code);
        }
        return new Found(new ArrayList<>(codes.values()), repairs, first);
    }

    /** The single grammatical reading of an OCR token, or null when there is none or more than one. */
    private static String repair(Matcher m) {
        if (m.group("legacy") != null) {
            String digits = digits(m.group("legacy"));
            return digits == null ? null : "PLT" + digits;
        }
        String prefix = m.group("prefix");
        if (!containsUppercaseLetter(prefix)) {
            return null; // "10.1.1.51" is an address or a version, not a code
        }
        String area = m.group("area").replace('1', 'I').replace('l', 'I');
        if (!AREA.matcher(area).matches()) {
            return null;
        }
        String tail = tail(m.group("tail"));
        if (tail == null) {
            return null;
        }
        String code = letters(prefix) + "." + area + "." + letters(m.group("task")) + "."
                + (m.group("element").equals("5") ? "S" : m.group("element")) + tail;
        return substitutions(code, m.group()) <= MAX_SUBSTITUTIONS ? code : null;
    }

    /*
     * The element number is 1-3 digits, optionally followed by one lowercase sub-letter. A tail that
     * is already valid is kept. Otherwise it is read as "all digits" and as "digits + sub-letter";
     * "KIl" could be K11 or K1l, so two valid readings mean the token is left out.
     */
    private static String tail(String raw) {
        if (VALID_TAIL.matcher(raw).matches()) {
            return raw;
        }
        String allDigits = digits(raw);
        char last = raw.charAt(raw.length() - 1);
        String withSubLetter = null;
        if (raw.length() >= 2 && last >= 'a' && last <= 'z') {
            String head = digits(raw.substring(0, raw.length() - 1));
            withSubLetter = head == null ? null : head + last;
        }
        if (allDigits != null && withSubLetter != null) {
            return null;
        }
        return allDigits != null ? allDigits : withSubLetter;
    }

    /** Reads 1-3 characters as digits, mapping the letters OCR confuses with digits; null if impossible. */
    private static String digits(String s) {
        if (s.isEmpty() || s.length() > 3) {
            return null;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char d = switch (c) {
                case 'O', 'o' -> '0';
                case 'I', 'l', 'i', 'L', '|' -> '1';
                case 'S' -> '5';
                case 'B' -> '8';
                default -> c;
            };
            if (d < '0' || d > '9') {
                return null;
            }
            out.append(d);
        }
        return out.toString();
    }

    /** Maps the digits OCR confuses with capital letters back to those letters. */
    private static String letters(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(switch (c) {
                case '0' -> 'O';
                case '1', 'l' -> 'I';
                case '5' -> 'S';
                case '8' -> 'B';
                default -> c;
            });
        }
        return out.toString();
    }

    private static boolean containsUppercaseLetter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 'A' && s.charAt(i) <= 'Z') {
                return true;
            }
        }
        return false;
    }

    /** Characters changed between the raw token (blanks ignored) and its repair. */
    private static int substitutions(String repaired, String raw) {
        String compact = BLANKS.matcher(raw).replaceAll("");
        if (compact.length() != repaired.length()) {
            return Integer.MAX_VALUE;
        }
        int changed = 0;
        for (int i = 0; i < compact.length(); i++) {
            if (compact.charAt(i) != repaired.charAt(i)) {
                changed++;
            }
        }
        return changed;
    }

    /** Remembers the verdict for the current line, since codes come several to a line. */
    private static final class ProseCache {
        private final String text;
        private int lineStart = -1;
        private boolean prose;

        ProseCache(String text) {
            this.text = text;
        }

        boolean isProse(int offset) {
            int start = text.lastIndexOf('\n', offset - 1) + 1;
            if (start != lineStart) {
                int end = text.indexOf('\n', offset);
                lineStart = start;
                prose = lowercaseWords(start, end < 0 ? text.length() : end) >= PROSE_WORDS;
            }
            return prose;
        }

        /** Words of three or more lowercase letters: what sentences are made of and code lists are not. */
        private int lowercaseWords(int from, int to) {
            int words = 0;
            int run = 0;
            boolean attached = false; // the run started right after a letter or digit ("K1abc", "Codes")
            for (int i = from; i <= to && words < PROSE_WORDS; i++) {
                char c = i < to ? text.charAt(i) : ' ';
                if (c >= 'a' && c <= 'z') {
                    if (run == 0) {
                        attached = i > from && Character.isLetterOrDigit(text.charAt(i - 1));
                    }
                    run++;
                } else {
                    if (run >= 3 && !attached && !Character.isLetterOrDigit(c)) {
                        words++;
                    }
                    run = 0;
                }
            }
            return words;
        }
    }
}
