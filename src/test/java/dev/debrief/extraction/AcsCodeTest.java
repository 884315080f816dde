package dev.debrief.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AcsCodeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            // code,           prefix, area,  task, element type
            "PA.I.A.K1,        PA,     I,     A,    KNOWLEDGE",
            "IR.IV.B.S1,       IR,     IV,    B,    SKILL",
            "CA.I.I.R3,        CA,     I,     I,    RISK_MANAGEMENT",
            "PA.I.B.K1a,       PA,     I,     B,    KNOWLEDGE",
            "PA.VIII.F.K10a,   PA,     VIII,  F,    KNOWLEDGE",
            "PA.XII.B.R4,      PA,     XII,   B,    RISK_MANAGEMENT",
            "AI.XIV.C.S12,     AI,     XIV,   C,    SKILL",
            "AM.XV.A.K3,       AM,     XV,    A,    KNOWLEDGE",
            "IL.XVI.A.K1,      IL,     XVI,   A,    KNOWLEDGE",
            "CA.IX.C.K2a,      CA,     IX,    C,    KNOWLEDGE",
            "UA.V.P.R123,      UA,     V,     P,    RISK_MANAGEMENT",
            "PLT118,           PLT,    -,     -,    LEGACY",
            "PLT002,           PLT,    -,     -,    LEGACY",
    })
    void acceptsTheGrammarAndTakesTheCodeApart(String code, String prefix, String area, String task, ElementType type) {
        AcsCode parsed = AcsCode.parse(code).orElseThrow();

        assertThat(parsed.code()).isEqualTo(code);
        assertThat(parsed.prefix()).isEqualTo(prefix);
        assertThat(parsed.areaNumeral()).isEqualTo(area);
        assertThat(parsed.taskLetter()).isEqualTo(task);
        assertThat(parsed.elementType()).isEqualTo(type);
        assertThat(parsed.legacy()).isEqualTo(type == ElementType.LEGACY);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
            "pa.I.A.K1",      // lowercase prefix
            "Pa.I.A.K1",
            "CA.1.I.R3",      // Arabic digit for the area (a typo in the FAA's own change list)
            "IH.IL.A.R2",     // not a roman numeral (a typo in the catalog)
            "PA.IIII.A.K1",   // not canonical
            "PA.VV.A.K1",
            "PA.XXI.A.K1",    // beyond any ACS
            "PA.i.A.K1",
            "PA.I.a.K1",      // lowercase task
            "PA.I.AB.K1",
            "PA.I.1.K1",
            "PA.I.A.k1",      // lowercase element letter
            "PA.I.A.X1",      // not K, R or S
            "PA.I.A.K",       // no number
            "PA.I.A.K1234",   // more than three digits
            "PA.I.A.K1A",     // sub-letters are lowercase
            "PA.I.A.K1ab",
            "PAR.I.A.K1",
            "P.I.A.K1",
            "PA..A.K1",
            "PA.I.A",
            "PA I A K1",
            "PA. I. A. K1",   // OCR spacing is the parser's business, not the grammar's
            " PA.I.A.K1",
            "PA.I.A.K1 ",
            "PA.I.A.K1.",
            "PLT12",
            "PLT1234",
            "plt118",
            "PLX118",
            "PLT 118",
    })
    void rejectsAnythingElseWithoutRepair(String candidate) {
        assertThat(AcsCode.parse(candidate)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nothingIsNoCode(String candidate) {
        assertThat(AcsCode.parse(candidate)).isEmpty();
    }

    @Test
    void elementTypesHaveTheirWireNames() {
        assertThat(Stream.of(ElementType.values()).map(ElementType::wireName))
                .containsExactly("knowledge", "risk_management", "skill", "legacy");
        assertThat(Stream.of(TextOrigin.values()).map(TextOrigin::wireName)).containsExactly("pdf_text", "ocr");
    }

    /**
     * Every code of the real catalog must parse, so that no printed code is lost, except the one
     * catalog row with a typo. Falls back to a handful of catalog codes when the catalog is absent.
     */
    @Test
    void everyCatalogCodeParses() throws IOException {
        List<String> codes = CatalogCodes.all();

        List<String> rejected = codes.stream().filter(c -> AcsCode.parse(c).isEmpty()).distinct().toList();

        assertThat(codes).hasSizeGreaterThan(10);
        assertThat(rejected).isSubsetOf("IH.IL.A.R2");
        codes.stream().filter(c -> !rejected.contains(c)).forEach(code -> {
            AcsCode parsed = AcsCode.parse(code).orElseThrow();
            assertThat(parsed.prefix() + "." + parsed.areaNumeral() + "." + parsed.taskLetter() + ".")
                    .isEqualTo(code.substring(0, code.lastIndexOf('.') + 1));
        });
    }

    /** Catalog codes for tests: the shared CSV when it is there, else a few real codes. */
    static final class CatalogCodes {
        private static final List<String> FALLBACK = List.of("PA.I.A.K1", "PA.I.B.K1a", "PA.XII.B.R4",
                "CA.I.I.R3", "CA.IX.C.K2a", "IR.IV.B.K2", "IR.VIII.A.K1", "IL.XVI.A.S6", "AA.I.A.K1", "FI.I.A.K1",
                "UA.V.B.K1", "AM.I.A.K1");

        static List<String> all() throws IOException {
            Path csv = Path.of(System.getProperty("debrief.acs.csv", "../shared/acs/acs-codes.csv"));
            if (!Files.isRegularFile(csv)) {
                return FALLBACK;
            }
            try (Stream<String> lines = Files.lines(csv, StandardCharsets.UTF_8)) {
                return lines.skip(1).map(line -> line.substring(0, line.indexOf(','))).toList();
            }
        }
    }
}
