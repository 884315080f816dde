package dev.debrief.extraction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Reads the text layer of a PDF with PDFBox. It does not judge the text: a PDF with no text layer
 * comes back with {@link PdfText#hasTextLayer()} false, for the caller to send to OCR.
 *
 * <p>Thread-safe: every call opens its own document and stripper.
 */
public final class PdfTextReader {

    /*
     * An AKTR is one or two pages. Reading no further than this bounds the work a hostile upload of
     * thousands of pages can cause; the page count is still reported in full.
     */
    static final int MAX_PAGES_READ = 10;

    public PdfText read(Path pdf) {
        long size;
        try {
            size = Files.size(pdf);
        } catch (NoSuchFileException e) {
            throw new ExtractionException(FailureType.INTERNAL_ERROR, "The uploaded file could not be found", e);
        } catch (IOException e) {
            throw new ExtractionException(FailureType.INTERNAL_ERROR, "The uploaded file could not be read", e);
        }
        if (size == 0) {
            throw new ExtractionException(FailureType.EMPTY_FILE, "The file is empty");
        }
        return withDocument(pdf, document -> {
            int pages = document.getNumberOfPages();
            if (pages == 0) {
                throw new ExtractionException(FailureType.INVALID_PDF, "The PDF has no pages");
            }
            PDFTextStripper stripper = new PDFTextStripper();
            // Position order, not content-stream order: label and value, or two columns, may be drawn
            // in any order but are read by people left to right, top to bottom.
            stripper.setSortByPosition(true);
            stripper.setLineSeparator("\n");
            stripper.setEndPage(MAX_PAGES_READ);
            return new PdfText(stripper.getText(document), pages);
        });
    }

    /** What is done with an open document; PDFBox's own work only, so its failures are the file's. */
    interface DocumentWork<T> {
        T on(PDDocument document) throws IOException;
    }

    /** One or more of PDFBox's own calls, whose failures are the file's. */
    interface PdfWork<T> {
        T run() throws IOException;
    }

    /** Opens the PDF for {@code work}, and reports what goes wrong as the file's own failure. */
    static <T> T withDocument(Path pdf, DocumentWork<T> work) {
        return blame(() -> {
            try (PDDocument document = open(pdf)) {
                return work.on(document);
            }
        });
    }

    /**
     * Opens the PDF for work that is PDFBox's only in part, such as pages rendered by PDFBox and read by OCR: the
     * caller closes it and runs PDFBox's calls through {@link #blame}, so that only their failures are the file's.
     */
    static PDDocument openBlamed(Path pdf) {
        return blame(() -> open(pdf));
    }

    /** Runs PDFBox's own work and reports what goes wrong as the file's own failure. */
    static <T> T blame(PdfWork<T> work) {
        try {
            return work.run();
        } catch (ExtractionException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw fileFailure(e);
        }
    }

    /** What a failure of PDFBox's means for the file: a password it does not have, or a broken file. */
    static ExtractionException fileFailure(Exception e) {
        if (e instanceof InvalidPasswordException) {
            return new ExtractionException(FailureType.ENCRYPTED_PDF, "The PDF is password-protected", e);
        }
        // PDFBox reports broken structure as IOException and, for some damaged files, as runtime
        // exceptions from deep inside the parser; either way the file, not the service, is at fault.
        return new ExtractionException(FailureType.INVALID_PDF, "Unable to parse PDF structure", e);
    }

    private static PDDocument open(Path pdf) throws IOException {
        // Loading from the file (not a stream) lets PDFBox read the xref and jump, instead of copying
        // the whole file first; the default stream cache keeps the few MiB of an upload in memory.
        return Loader.loadPDF(pdf.toFile());
    }
}
