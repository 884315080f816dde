package dev.debrief.upload;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Makes an uploaded file's name safe to store and show: no directories, no control or reserved characters,
 * not empty, at most 255 bytes of UTF-8 with the extension kept. The original is kept separately.
 */
public final class FileNames {

    static final int MAX_BYTES = 255;

    private FileNames() {
    }

    public static String sanitise(String original, int processingOrder) {
        String name = original == null ? "" : Normalizer.normalize(original, Normalizer.Form.NFC);
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || "<>:\"|?*".indexOf(cp) >= 0 || Character.getType(cp) == Character.FORMAT) {
                clean.append('_');
            } else if (Character.isWhitespace(cp)) {
                clean.append(' ');
            } else {
                clean.appendCodePoint(cp);
            }
        });
        String collapsed = clean.toString().replaceAll(" {2,}", " ").strip();
        // A name made only of dots would be read as a directory reference.
        collapsed = collapsed.replaceAll("^\\.+", "").strip();
        if (collapsed.isEmpty() || collapsed.chars().allMatch(c -> c == '_')) {
            collapsed = "file-" + processingOrder;
        }
        return truncate(collapsed);
    }

    private static String truncate(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
        String stem = extension.isEmpty() ? name : name.substring(0, dot);
        int budget = MAX_BYTES - extension.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < stem.length(); ) {
            int cp = stem.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + size > budget) {
                break;
            }
            kept.appendCodePoint(cp);
            used += size;
            i += Character.charCount(cp);
        }
        return kept.toString().strip() + extension;
    }
}
