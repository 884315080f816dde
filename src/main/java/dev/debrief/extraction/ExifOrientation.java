package dev.debrief.extraction;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The EXIF orientation of a JPEG, as quarter turns clockwise that make the picture upright. Phones store a
 * portrait photo sideways and say so in this tag; ImageIO ignores it, and Tesseract reads sideways text
 * poorly (and slowly). Only the first APP1 segment is looked at, never more than {@link #HEAD_BYTES}.
 */
final class ExifOrientation {

    static final int HEAD_BYTES = 128 * 1024;
    private static final int ORIENTATION_TAG = 0x0112;

    private ExifOrientation() {
    }

    /** Quarter turns for the file; 0 for PNGs, JPEGs without EXIF, and anything unreadable. */
    static int quarterTurns(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return quarterTurns(in.readNBytes(HEAD_BYTES));
        } catch (IOException e) {
            return 0;
        }
    }

    static int quarterTurns(byte[] head) {
        return switch (orientation(head)) {
            case 3, 4 -> 2;
            case 6, 5 -> 1;
            case 8, 7 -> 3;
            default -> 0; // 1 (upright), 2 (mirrored only), absent or damaged
        };
    }

    /** The orientation value (1-8), or 0 when there is none. */
    static int orientation(byte[] b) {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
            return 0;
        }
        int pos = 2;
        while (pos + 4 <= b.length && (b[pos] & 0xFF) == 0xFF) {
            int marker = b[pos + 1] & 0xFF;
            int length = u16(b, pos + 2, true);
            if (marker == 0xDA || length < 2) {
                return 0; // image data starts: no EXIF before it
            }
            int data = pos + 4;
            if (marker == 0xE1 && data + 6 <= b.length && b[data] == 'E' && b[data + 1] == 'x' && b[data + 2] == 'i'
                    && b[data + 3] == 'f' && b[data + 4] == 0 && b[data + 5] == 0) {
                return fromTiff(b, data + 6, Math.min(b.length, pos + 2 + length));
            }
            pos += 2 + length;
        }
        return 0;
    }

    private static int fromTiff(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) {
            return 0;
        }
        boolean bigEndian;
        if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            bigEndian = true;
        } else if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            bigEndian = false;
        } else {
            return 0;
        }
        long ifd = u32(b, tiff + 4, bigEndian);
        if (ifd < 8 || tiff + ifd + 2 > end) {
            return 0;
        }
        int dir = (int) (tiff + ifd);
        int entries = u16(b, dir, bigEndian);
        for (int i = 0; i < entries; i++) {
            int entry = dir + 2 + 12 * i;
            if (entry + 12 > end) {
                return 0;
            }
            if (u16(b, entry, bigEndian) == ORIENTATION_TAG) {
                int value = u16(b, entry + 8, bigEndian); // a SHORT, stored in the first two bytes of the value
                return value >= 1 && value <= 8 ? value : 0;
            }
        }
        return 0;
    }

    private static int u16(byte[] b, int at, boolean bigEndian) {
        int first = b[at] & 0xFF;
        int second = b[at + 1] & 0xFF;
        return bigEndian ? first << 8 | second : second << 8 | first;
    }

    private static long u32(byte[] b, int at, boolean bigEndian) {
        long value = 0;
        for (int i = 0; i < 4; i++) {
            int v = b[bigEndian ? at + i : at + 3 - i] & 0xFF;
            value = value << 8 | v;
        }
        return value;
    }
}
