package dev.debrief.extraction;

/** The text layer of a PDF, pages in order, each page's text sorted by position. */
public record PdfText(String text, int pageCount) {

    /*
     * A scanned PDF often still carries a line of text (a scanner's stamp, a page number). Such a
     * line must go to OCR rather than fail as NOT_AN_AKTR, while a real report prints far more than
     * this (its header and labels alone are well above it).
     */
    static final int MIN_NON_WHITESPACE_CHARS = 64;

    public PdfText {
        text = text == null ? "" : text;
    }

    public boolean hasTextLayer() {
        int count = 0;
        for (int i = 0; i < text.length() && count < MIN_NON_WHITESPACE_CHARS; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                count++;
            }
        }
        return count >= MIN_NON_WHITESPACE_CHARS;
    }
}
