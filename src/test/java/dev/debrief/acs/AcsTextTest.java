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
    void onlyTheCodesOwnSubElementLetterIsDropped() {
        assertThat(AcsText.withoutSubElementLetter("a. Missed Approach", "a")).isEqualTo("Missed Approach");
        assertThat(AcsText.withoutSubElementLetter("a. Missed Approach", "b")).isEqualTo("a. Missed Approach");
        assertThat(AcsText.withoutSubElementLetter("a. Missed Approach", null)).isEqualTo("a. Missed Approach");
    }
}
