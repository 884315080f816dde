package dev.debrief.summary;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The comparable forms of an FTN and of a name, used to recognise one person across reports. */
final class PersonKeys {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTER_DIGIT_OR_SPACE = Pattern.compile("[^\\p{L}\\p{N}\\s]");

    private PersonKeys() {
    }

    /** The FTN without spaces, upper-case; empty when there is none. */
    static Optional<String> ftn(String ftn) {
        if (ftn == null) {
            return Optional.empty();
        }
        String key = WHITESPACE.matcher(ftn).replaceAll("").toUpperCase(Locale.ROOT);
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
    }

    /**
     * The name as a sorted bag of lower-case words, so "DOE, JANE", "Jane Doe" and "jane  doe." agree.
     *
     * <p>Punctuation is deleted rather than turned into a space ("O'NEIL" → "oneil"), since a scan may or may not
     * keep an apostrophe or hyphen but rarely adds a space. Accents are dropped because OCR often loses them.
     * Sorting the words makes the "LAST, FIRST" order irrelevant, but the comma is still read as that order
     * first so the key does not depend on sorting alone.
     */
    static Optional<String> name(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String text = name;
        int comma = text.indexOf(',');
        if (comma >= 0) {
            text = text.substring(comma + 1) + " " + text.substring(0, comma);
        }
        text = COMBINING_MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        text = NOT_LETTER_DIGIT_OR_SPACE.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
        String[] words = WHITESPACE.matcher(text.strip()).replaceAll(" ").split(" ");
        Arrays.sort(words);
        String key = String.join(" ", words).strip();
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
    }
}
