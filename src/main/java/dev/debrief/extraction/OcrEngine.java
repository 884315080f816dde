package dev.debrief.extraction;

import java.awt.image.BufferedImage;
import java.time.Duration;

/**
 * What turns a grey page image into text: Tesseract in-process ({@link TessLibrary}, the default) or its
 * executable as a child process ({@link Tesseract}). Blocking; called on the extractor's threads only.
 */
interface OcrEngine {

    /** Whether the engine runs and knows its language; asked once at start. */
    boolean probe(Duration timeout);

    /**
     * The text read in a grey image: Tesseract's TSV (words with their boxes) when {@code tsv}, else plain text.
     *
     * @throws ExtractionException OCR_FAILED when recognition fails; PROCESSING_TIMEOUT when the caller's thread is
     *     interrupted (the file's time limit)
     */
    String recognise(BufferedImage grey, OcrPass pass, boolean tsv);

    /** A line for the start-up log: which engine, where its data is, what bounds it. */
    String describe();

    /** Frees what the engine holds for readings that are over; at shutdown, after the reading threads have stopped. */
    default void close() {
    }
}
