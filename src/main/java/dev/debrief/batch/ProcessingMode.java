package dev.debrief.batch;

/** How the files of one batch share the readers. */
enum ProcessingMode {
    /** PDFs one after another, images several at once: PDF text is quick, OCR is what takes time. */
    AUTO,
    SEQUENTIAL,
    PARALLEL
}
