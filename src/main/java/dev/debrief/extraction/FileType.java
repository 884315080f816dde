package dev.debrief.extraction;

import java.util.Optional;

/** The file kinds Debrief reads, recognised by their first bytes, never by name or declared type. */
public enum FileType {
    PDF("pdf", "application/pdf"),
    PNG("png", "image/png"),
    JPEG("jpeg", "image/jpeg");

    /** PDF readers accept the header anywhere in the first KiB; so do we. */
    public static final int SNIFF_BYTES = 1024;
    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private final String wireName;
    private final String mediaType;

    FileType(String wireName, String mediaType) {
        this.wireName = wireName;
        this.mediaType = mediaType;
    }

    public String wireName() {
        return wireName;
    }

    public String mediaType() {
        return mediaType;
    }

    public boolean image() {
        return this != PDF;
    }

    public static Optional<FileType> fromWireName(String name) {
        for (FileType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Recognises a file from its first bytes (at most {@link #SNIFF_BYTES}). */
    public static Optional<FileType> sniff(byte[] head, int length) {
        if (startsWith(head, length, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, length, JPEG_MAGIC)) {
            return Optional.of(JPEG);
        }
        for (int offset = 0; offset + PDF_MAGIC.length <= Math.min(length, SNIFF_BYTES); offset++) {
            if (regionMatches(head, offset, PDF_MAGIC)) {
                return Optional.of(PDF);
            }
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] head, int length, byte[] magic) {
        return length >= magic.length && regionMatches(head, 0, magic);
    }

    private static boolean regionMatches(byte[] head, int offset, byte[] magic) {
        for (int i = 0; i < magic.length; i++) {
            if (head[offset + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
