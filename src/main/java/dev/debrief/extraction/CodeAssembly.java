package dev.debrief.extraction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts an ACS code back together from its two readings: the first pass over the page, and the second over
 * the code set apart glyph by glyph ({@link GlyphSpacing}), plus what the glyphs' shapes say. Each part comes
 * from the reading that is sure of it; the parser's repairs still check the result against the grammar.
 * Pure.
 */
final class CodeAssembly {

    /** Prefix and, when read cleanly, the element of the first pass: "PA.VILA.K4" still has PA and K4 right. */
    private static final Pattern FIRST_PASS = Pattern.compile("([A-Z]{2})\\..*?(?:\\.([KRS]\\d{1,3}[a-z]?))?");
    private static final Pattern ELEMENT = Pattern.compile("[KRS]\\d{1,3}[a-z]?");

    private CodeAssembly() {
    }

    /**
     * @param first   the word as the first pass read it
     * @param second  the second pass's line: prefix, task and element as three words (the numeral was left out)
     * @param shape   the shapes of the code's glyphs, or null when the word did not split into four parts
     */
    static String assemble(String first, String second, GlyphSpacing.Shape shape) {
        if (shape == null) {
            return second.replace(" ", "");
        }
        String[] parts = second.strip().split(" +");
        if (parts.length != 3) {
            return first;
        }
        Matcher firstParts = FIRST_PASS.matcher(first);
        boolean firstMatches = firstParts.matches();
        String prefix = firstMatches ? firstParts.group(1) : parts[0];
        String task = shape.taskIsI() ? "I" : firstLetter(parts[1]);
        // the element has as many characters as glyphs: "Kile" over three glyphs is a misreading of K1e
        int glyphs = shape.elementSmall().length;
        String firstRaw = first.substring(first.lastIndexOf('.') + 1);
        String fromFirst = element(firstRaw, shape.elementSmall());
        String fromSecond = element(parts[2], shape.elementSmall());
        String element;
        if (fromFirst.length() == glyphs && ELEMENT.matcher(fromFirst).matches()) {
            element = fromFirst;
        } else if (fromSecond.length() == glyphs && ELEMENT.matcher(fromSecond).matches()) {
            element = fromSecond;
        } else if (firstMatches && firstParts.group(2) != null) {
            element = firstParts.group(2);
        } else {
            element = fromSecond;
        }
        if (task == null) {
            return first;
        }
        return prefix + "." + shape.area() + "." + task + "." + element;
    }

    /** A task is one capital letter; the recogniser sometimes adds an underscore or the same letter in lowercase. */
    private static String firstLetter(String read) {
        for (int i = 0; i < read.length(); i++) {
            char c = read.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return String.valueOf(c);
            }
        }
        return null;
    }

    /*
     * The element read glyph by glyph when the reading has one character per glyph: the first is K, R or S,
     * then digits; a short last glyph is the lowercase sub-letter. Characters the recogniser confuses with
     * digits are mapped where a digit is the only thing the grammar allows there.
     */
    static String element(String read, boolean[] small) {
        if (ELEMENT.matcher(read).matches() || read.length() != small.length || read.length() < 2) {
            return read;
        }
        StringBuilder out = new StringBuilder(read.length());
        char letter = switch (read.charAt(0)) {
            case '5', '$', 's' -> 'S';
            case 'k' -> 'K';
            default -> read.charAt(0);
        };
        out.append(letter);
        for (int i = 1; i < read.length(); i++) {
            char c = read.charAt(i);
            boolean last = i == read.length() - 1;
            if (last && i >= 2 && small[i]) {
                out.append(Character.toLowerCase(c));
                continue;
            }
            char digit = switch (c) {
                case 'I', 'i', 'l', 'L', '|', '!', ']', '[' -> '1';
                case 'O', 'o', 'D', 'Q' -> '0';
                case 'S', 's', '$' -> '5';
                case 'B' -> '8';
                case 'Z', 'z' -> '2';
                default -> c;
            };
            if (digit < '0' || digit > '9') {
                if (last && i >= 2 && c >= 'a' && c <= 'z' && c != 'l') {
                    out.append(c); // a sub-letter with an ascender (b, d, h, k)
                    continue;
                }
                return read;
            }
            out.append(digit);
        }
        return out.toString();
    }
}
