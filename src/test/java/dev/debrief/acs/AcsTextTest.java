package dev.debrief.acs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AcsTextTest {

    @Test
    void pageFurnitureIsRecognisedWithoutSwallowingWords() {
        assertThat(List.of("", "  ", "12", "A-3", "vii", "xiv", "Private Pilot for Airplane Category ACS (FAA-S-ACS-6C) 12",
                "Commercial Pilot for Airplane Category ACS (FAA-S-ACS-7B)", "Change 2 (December 26, 2024)"))
                .allMatch(AcsText::isPageFurniture);
        assertThat(List.of("civil", "mix", "command.", "1,000 feet", "Navigation"))
                .noneMatch(AcsText::isPageFurniture);
    }

    @Test
    void linesJoinWithASpaceExceptInsideACompound() {
        assertThat(AcsText.joinLines(List.of("Single-", "Pilot Resource Management", "(SRM),  as\tappropriate.")))
                .isEqualTo("Single-Pilot Resource Management (SRM), as appropriate.");
        assertThat(AcsText.joinLines(List.of("Landing gear\u2014", "extension"))).isEqualTo("Landing gear\u2014extension");
        assertThat(AcsText.joinLines(List.of("+10/-5 knots, or -", "as specified"))).isEqualTo("+10/-5 knots, or - as specified");
    }

    @Test
    void anElementLineIsACodeAtTheStartAndItsText() {
        AcsText.ElementLine subElement = AcsText.elementLine("PA.I.B.K1a a.\tLocation of certificates").orElseThrow();
        assertThat(subElement.code().code()).isEqualTo("PA.I.B.K1a");
        assertThat(subElement.code().subElementLetter()).isEqualTo("a");
        assertThat(subElement.text()).isEqualTo("a.\tLocation of certificates");
        AcsText.ElementLine bare = AcsText.elementLine("IR.IV.B.R2").orElseThrow();
        assertThat(bare.code().subElementLetter()).isNull();
        assertThat(bare.text()).isNull();
        assertThat(List.of("PA.I.C.K2: in prose", "See PA.I.C.K2", "PA.XXI.A.K1 Text", "PLT118 Legacy"))
                .allMatch(line -> AcsText.elementLine(line).isEmpty());
    }

    @Test
    void onlyTheCodesOwnSubElementLetterIsDropped() {
        assertThat(AcsText.withoutSubElementLetter("a. Missed Approach", "a")).isEqualTo("Missed Approach");
        assertThat(AcsText.withoutSubElementLetter("a. Missed Approach", "b")).isEqualTo("a. Missed Approach");
        assertThat(AcsText.withoutSubElementLetter("a. Missed Approach", null)).isEqualTo("a. Missed Approach");
    }
}
