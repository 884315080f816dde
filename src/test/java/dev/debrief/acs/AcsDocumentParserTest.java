package dev.debrief.acs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.debrief.extraction.AcsCode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AcsDocumentParserTest {

    @Test
    void readsThe2023LayoutWithItsAreasTasksAndSubElements() {
        AcsDocumentParser.Parsed parsed = AcsDocumentParser.parse(AcsTexts.PRIVATE_6C);
        AcsDocument document = parsed.document();

        assertThat(document.edition()).isEqualTo("FAA-S-ACS-6C");
        assertThat(document.examTypes()).containsExactly("PAR");
        assertThat(document.elements()).extracting(element -> element.code().code()).containsExactly(
                "PA.I.A.K1", "PA.I.A.K2", "PA.I.A.R1", "PA.I.A.S1", "PA.I.B.K1", "PA.I.B.K1a", "PA.I.B.K1b",
                "PA.I.B.S1", "PA.II.A.K1");
        Map<String, AcsDocument.Element> byCode = byCode(document);
        assertThat(byCode.get("PA.I.A.K1")).isEqualTo(new AcsDocument.Element(code("PA.I.A.K1"), "Preflight Preparation",
                "Pilot Qualifications", "Certification requirements, recent flight experience, and recordkeeping."));
        assertThat(byCode.get("PA.I.A.K1").elementType()).isEqualTo("knowledge");
        assertThat(byCode.get("PA.I.A.K2").description()).as("a line broken inside a compound").isEqualTo("Duties of the pilot-in-command.");
        assertThat(byCode.get("PA.I.A.R1").elementType()).isEqualTo("risk_management");
        assertThat(byCode.get("PA.I.A.S1").description()).as("text continued on the next page")
                .isEqualTo("Apply requirements to act as pilot-in-command (PIC) under Visual Flight Rules (VFR) in a scenario given by the evaluator.");
        assertThat(byCode.get("PA.I.A.S1").elementType()).isEqualTo("skill");
        assertThat(byCode.get("PA.I.B.K1").task())
                .isEqualTo("Water and Seaplane Characteristics, Seaplane Bases, Maritime Rules, and Aids to Marine Navigation");
        assertThat(byCode.get("PA.I.B.K1a").description()).isEqualTo("Location and expiration dates of required aircraft certificates");
        assertThat(byCode.get("PA.I.B.K1b").archived()).isTrue();
        assertThat(byCode.get("PA.I.B.S1").archived()).isTrue();
        assertThat(byCode.get("PA.I.B.K1").archived()).isFalse();
        assertThat(byCode.get("PA.II.A.K1")).isEqualTo(new AcsDocument.Element(code("PA.II.A.K1"), "Preflight Procedures",
                "Preflight Assessment", "Pilot self-assessment."));
        assertThat(parsed.ignoredCodeLines()).containsExactly("PA.I.B.K1e",
                "PA.I.A.K9 A code printed under another task is a misprint, not an element of this one.",
                "PA.II.A.K2 An example in an appendix is no element.");
    }

    @Test
    void readsThe2018LayoutWithBareHeadingsAndPlainLabels() {
        AcsDocument document = AcsDocumentParser.parse(AcsTexts.PRIVATE_6B).document();

        assertThat(document.edition()).isEqualTo("FAA-S-ACS-6B");
        assertThat(document.examTypes()).as("the first test of the table is the document's own").containsExactly("PAR");
        Map<String, AcsDocument.Element> byCode = byCode(document);
        assertThat(byCode).containsOnlyKeys("PA.I.A.K1", "PA.I.A.K2", "PA.I.A.R1", "PA.I.A.S1", "PA.I.B.K1",
                "PA.I.B.K1a", "PA.I.B.K1b", "PA.I.B.S1");
        assertThat(byCode.get("PA.I.A.K1").area()).isEqualTo("Preflight Preparation");
        assertThat(byCode.get("PA.I.A.K2").description()).as("text starting on the line after the code")
                .isEqualTo("Meteorology applicable to the departure, en route, alternate, and destination under VFR "
                        + "in Visual Meteorological Conditions (VMC).");
        assertThat(byCode.get("PA.I.A.S1").description()).as("across the running header and page number")
                .isEqualTo("Apply requirements to act as PIC under Visual Flight Rules (VFR) in a scenario given by the evaluator.");
        assertThat(byCode.get("PA.I.B.K1a").description()).isEqualTo("Certificate location and expiration dates");
        assertThat(byCode.get("PA.I.B.K1a").task()).isEqualTo("Airworthiness Requirements");
    }

    @Test
    void aDocumentWithoutItsTestTableOrElementsIsRefused() {
        List<String> noTable = AcsTexts.PRIVATE_6C.subList(0, AcsTexts.PRIVATE_6C.indexOf("Private Pilot Airplane Knowledge Test Table"));
        assertThatThrownBy(() -> AcsDocumentParser.parse(noTable)).hasMessageContaining("knowledge test table");
        assertThatThrownBy(() -> AcsDocumentParser.parse(List.of("FAA-S-ACS-9Z", "Knowledge Test Table",
                "XYZ Some Test 60 15 2.5 70"))).hasMessageContaining("no ACS element codes");
        assertThatThrownBy(() -> AcsDocumentParser.parse(AcsTexts.COMPANION_GUIDE)).hasMessageContaining("is not an ACS");
    }

    private static AcsCode code(String code) {
        return AcsCode.parse(code).orElseThrow();
    }

    private static Map<String, AcsDocument.Element> byCode(AcsDocument document) {
        return document.elements().stream().collect(Collectors.toMap(element -> element.code().code(), Function.identity()));
    }
}
