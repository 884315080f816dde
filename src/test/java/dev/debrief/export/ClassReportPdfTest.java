package dev.debrief.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.debrief.export.ClassReportPdf.ClassReport;
import dev.debrief.report.ReportView;
import dev.debrief.summary.BatchSummary;
import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class ClassReportPdfTest {

    @Test
    void aNameTheFontCannotDrawIsShownAsFarAsItCanBeAndTheDocumentIsMade() throws IOException {
        ReportView.Metadata student = new ReportView.Metadata("Zoë Ølsen 李", "A1234567", "PAR-1", "Private Pilot Airplane (PAR)",
                "PAR", LocalDate.of(2026, 11, 2), "Site", 88, "Pass", 1, null);
        ReportView read = new ReportView(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "a.pdf", "success", 1.0, 5,
                "pdf_text", null, student, List.of(), null);
        ReportView unread = new ReportView(null, UUID.randomUUID(), UUID.randomUUID(), "b.png", "failed", null, 5, null, null,
                null, null, new ReportView.FileError("NOT_AN_AKTR", "no"));

        byte[] pdf = ClassReportPdf.render(new ClassReport(UUID.randomUUID(), OffsetDateTime.now(), BatchSummary.empty(2),
                List.of(read, unread)));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Class debrief", "Zoë Ølsen ?", "b.png", "not read: NOT_AN_AKTR",
                    "No code was missed by more than 30 % of the class.");
        }
    }
}
