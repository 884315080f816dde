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

    /** Opens the PDF for {@code work}, and reports what goes wrong as the file's own failure. */
    static <T> T withDocument(Path pdf, DocumentWork<T> work) {
        // Loading from the file (not a stream) lets PDFBox read the xref and jump, instead of copying
        // the whole file first; the default stream cache keeps the few MiB of an upload in memory.
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            return work.on(document);
        } catch (ExtractionException e) {
            throw e;
        } catch (InvalidPasswordException e) {
            throw new ExtractionException(FailureType.ENCRYPTED_PDF, "The PDF is password-protected", e);
        } catch (IOException | RuntimeException e) {
            // PDFBox reports broken structure as IOException and, for some damaged files, as runtime
            // exceptions from deep inside the parser; either way the file, not the service, is at fault.
            throw new ExtractionException(FailureType.INVALID_PDF, "Unable to parse PDF structure", e);
        }
    }
}
