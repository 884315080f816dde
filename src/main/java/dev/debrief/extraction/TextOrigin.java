package dev.debrief.extraction;

/** Where the text handed to the parser came from; OCR text is trusted less and may be repaired. */
public enum TextOrigin {
    PDF_TEXT("pdf_text"),
    OCR("ocr");

    private final String wireName;

    TextOrigin(String wireName) {
        this.wireName = wireName;
    }

    /** The value of {@code extraction_method} in the API. */
    public String wireName() {
        return wireName;
    }
}
