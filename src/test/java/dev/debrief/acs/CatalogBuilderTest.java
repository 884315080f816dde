package dev.debrief.acs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogBuilderTest {

    private static final List<List<String>> ALL = List.of(AcsTexts.PRIVATE_6C, AcsTexts.COMPANION_GUIDE, AcsTexts.PRIVATE_6B);

    @Test
    void editionsComeInOrderAndTheOlderEditionOfAnAcsIsSuperseded() {
        List<CatalogRow> rows = CatalogBuilder.fromTexts(ALL).rows();

        assertThat(rows).extracting(CatalogRow::edition).containsSubsequence("FAA-G-ACS-2", "FAA-S-ACS-6B", "FAA-S-ACS-6C");
        assertThat(rows).allMatch(row -> row.source() == CatalogSource.BUNDLED && row.document().equals(row.edition()));
        assertThat(rows).filteredOn(row -> row.edition().equals("FAA-S-ACS-6B")).hasSize(8).allMatch(CatalogRow::superseded);
        assertThat(rows).filteredOn(row -> !row.edition().equals("FAA-S-ACS-6B")).noneMatch(CatalogRow::superseded);
        assertThat(rows).filteredOn(row -> row.edition().equals("FAA-S-ACS-6C"))
                .filteredOn(CatalogRow::archived).extracting(CatalogRow::code).containsExactly("PA.I.B.K1b", "PA.I.B.S1");
    }

    @Test
    void archivedCodesTakeTestAreaAndTaskFromTheAcsThatPrintedThem() {
        List<CatalogRow> archived = CatalogBuilder.fromTexts(ALL).rows().stream()
                .filter(row -> row.edition().equals("FAA-G-ACS-2")).toList();

        assertThat(archived).allMatch(CatalogRow::archived).allMatch(CatalogRow::hasFormerText);
        assertThat(archived.get(0)).isEqualTo(CatalogRow.bundled("FAA-G-ACS-2", "PA.I.B.K1b", List.of("PAR"),
                "Preflight Preparation",
                "Water and Seaplane Characteristics, Seaplane Bases, Maritime Rules, and Aids to Marine Navigation",
                "knowledge", "Required discrepancy records", true, false));
        assertThat(archived.get(2)).as("no ACS of this family among the documents").isEqualTo(CatalogRow.bundled(
                "FAA-G-ACS-2", "AA.VI.F.R3", List.of(), "", "", "risk_management", "Planning for.", true, false));
    }

    @Test
    void theSameDocumentsGiveTheSameBytesAndTheCsvReadsBackToTheSameRows() throws IOException {
        byte[] first = csv(CatalogBuilder.fromTexts(ALL).rows());
        byte[] again = csv(CatalogBuilder.fromTexts(List.of(AcsTexts.PRIVATE_6B, AcsTexts.COMPANION_GUIDE, AcsTexts.PRIVATE_6C)).rows());

        assertThat(again).isEqualTo(first);
        String text = new String(first, StandardCharsets.UTF_8);
        assertThat(text).startsWith("edition,code,exam_types,area,task,element_type,description,archived,superseded\n")
                .doesNotContain("\r");
        assertThat(BundledCatalogCsv.read(text)).isEqualTo(CatalogBuilder.fromTexts(ALL).rows());
    }

    @Test
    void csvFieldsWithCommasQuotesAndEmptinessSurviveTheRoundTrip() throws IOException {
        List<CatalogRow> rows = List.of(CatalogRow.bundled("FAA-S-ACS-7B", "CA.VI.C.S2", List.of("CAX", "CAT"), "Navigation",
                "Diversion", "skill", "Estimate fuel to the \"divert to\" destination, then, \u201cturn\u201d.", false, false),
                CatalogRow.bundled("FAA-G-ACS-2", "IR.IV.B.R2", List.of(), "", "", "risk_management", "Failure.", true, false));

        assertThat(BundledCatalogCsv.read(new String(csv(rows), StandardCharsets.UTF_8))).isEqualTo(rows);
    }

    @Test
    void theCommittedCatalogWritesBackToItsOwnBytes() throws IOException {
        byte[] committed = BundledCatalogResource.bytes();

        assertThat(csv(BundledCatalogCsv.read(new String(committed, StandardCharsets.UTF_8)))).isEqualTo(committed);
    }

    @Test
    void theSameEditionTwiceIsAMistake() {
        assertThatThrownBy(() -> CatalogBuilder.fromTexts(List.of(AcsTexts.PRIVATE_6C, AcsTexts.PRIVATE_6C)))
                .hasMessageContaining("FAA-S-ACS-6C is given twice");
    }

    @Test
    void readsTheTextLayerOfAPdf(@TempDir Path directory) throws IOException {
        Path pdf = directory.resolve("acs.pdf");
        writePdf(pdf, List.of("Commercial Pilot for Airplane Category", "FAA-S-ACS-7B",
                "Area of Operation VI.  Navigation", "Task C.  Diversion",
                "Knowledge: The applicant demonstrates understanding of:",
                "CA.VI.C.K1 Selecting an alternate destination.",
                "Skills: The applicant exhibits the skill to:",
                "CA.VI.C.S1 Select a suitable destination and route for diversion,",
                "when given a scenario by the evaluator.",
                "Appendix 1: Practical Test Roles, Responsibilities, and Outcomes",
                "Commercial Pilot Airplane Airman Knowledge Test Table",
                "CAX Commercial Pilot Airplane 100 16 3.0 70"));

        List<CatalogRow> rows = CatalogBuilder.fromPdfs(List.of(pdf)).rows();

        assertThat(rows).containsExactly(
                CatalogRow.bundled("FAA-S-ACS-7B", "CA.VI.C.K1", List.of("CAX"), "Navigation", "Diversion", "knowledge",
                        "Selecting an alternate destination.", false, false),
                CatalogRow.bundled("FAA-S-ACS-7B", "CA.VI.C.S1", List.of("CAX"), "Navigation", "Diversion", "skill",
                        "Select a suitable destination and route for diversion, when given a scenario by the evaluator.",
                        false, false));
    }

    private static byte[] csv(List<CatalogRow> rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            BundledCatalogCsv.write(rows, out);
        }
        return bytes.toByteArray();
    }

    private static void writePdf(Path file, List<String> lines) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 10);
                content.setLeading(14);
                content.newLineAtOffset(50, 740);
                for (String line : lines) {
                    content.showText(line);
                    content.newLine();
                }
                content.endText();
            }
            document.save(file.toFile());
        }
    }
}
