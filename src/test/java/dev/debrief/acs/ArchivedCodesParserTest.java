package dev.debrief.acs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.debrief.acs.ArchivedCodesParser.ArchivedCode;
import dev.debrief.extraction.AcsCode;
import org.junit.jupiter.api.Test;

class ArchivedCodesParserTest {

    private static final String PRIVATE = "Private Pilot for Airplane Category ACS Archived Codes";
    private static final String AIRLINE = "Airline Transport Pilot and Type Rating ACS Archived Codes";

    @Test
    void readsEveryCodeOfSectionEightWithItsFormerText() {
        ArchivedCodesParser.Parsed parsed = ArchivedCodesParser.parse(AcsTexts.COMPANION_GUIDE);

        assertThat(parsed.edition()).isEqualTo("FAA-G-ACS-2");
        assertThat(parsed.codes()).containsExactly(
                new ArchivedCode(code("PA.I.B.K1b"), PRIVATE, "Required discrepancy records"),
                new ArchivedCode(code("PA.I.B.S1"), PRIVATE, "Retract the water rudders, as appropriate, establish and "
                        + "maintain the most efficient planing/liftoff attitude, and correct for porpoising and skipping (ASES, AMES)."),
                new ArchivedCode(code("AA.VI.F.R3"), AIRLINE, "Planning for."),
                new ArchivedCode(code("AA.VI.F.R3a"), AIRLINE, "Missed Approach"));
        assertThat(parsed.codes()).extracting(ArchivedCode::elementType)
                .containsExactly("knowledge", "skill", "risk_management", "risk_management");
    }

    private static AcsCode code(String code) {
        return AcsCode.parse(code).orElseThrow();
    }

    @Test
    void anAcsIsNoCompanionGuide() {
        assertThatThrownBy(() -> ArchivedCodesParser.parse(AcsTexts.PRIVATE_6C)).hasMessageContaining("not an ACS companion guide");
    }
}
