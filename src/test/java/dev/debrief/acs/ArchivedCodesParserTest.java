package dev.debrief.acs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.debrief.acs.ArchivedCodesParser.ArchivedCode;
import org.junit.jupiter.api.Test;

class ArchivedCodesParserTest {

    private static final String PRIVATE = "Private Pilot for Airplane Category ACS Archived Codes";
    private static final String AIRLINE = "Airline Transport Pilot and Type Rating ACS Archived Codes";

    @Test
    void readsEveryCodeOfSectionEightWithItsFormerText() {
        ArchivedCodesParser.Parsed parsed = ArchivedCodesParser.parse(AcsTexts.COMPANION_GUIDE);

        assertThat(parsed.edition()).isEqualTo("FAA-G-ACS-2");
        assertThat(parsed.codes()).containsExactly(
                new ArchivedCode("PA.I.B.K1b", PRIVATE, "knowledge", "Required discrepancy records"),
                new ArchivedCode("PA.I.B.S1", PRIVATE, "skill", "Retract the water rudders, as appropriate, establish and "
                        + "maintain the most efficient planing/liftoff attitude, and correct for porpoising and skipping (ASES, AMES)."),
                new ArchivedCode("AA.VI.F.R3", AIRLINE, "risk_management", "Planning for."),
                new ArchivedCode("AA.VI.F.R3a", AIRLINE, "risk_management", "Missed Approach"));
    }

    @Test
    void anAcsIsNoCompanionGuide() {
        assertThatThrownBy(() -> ArchivedCodesParser.parse(AcsTexts.PRIVATE_6C)).hasMessageContaining("not an ACS companion guide");
    }
}
