package dev.debrief.acs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** The text layer of an FAA PDF, line by line, as the catalog parsers read it. Blocking. */
final class AcsPdfText {

    private AcsPdfText() {
    }

    static List<String> lines(Path pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            // Content-stream order, not position order: the FAA documents draw each element row (code, then its
            // text) together, while sorting by position interleaves the two columns where their baselines differ.
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(false);
            return text(stripper.getText(document));
        }
    }

    /** Splits extracted text into lines, non-breaking spaces made plain and trailing blanks dropped. */
    static List<String> text(String text) {
        return text.replace('\u00A0', ' ').lines().map(String::stripTrailing).toList();
    }
}
