package dev.debrief.summary;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OneDecimalTest {

    @Test
    void percentagesOnAFiveHundredthRoundUpEvenWhereADoubleWouldFallShort() {
        // 29 / 400 × 100 = 7.25 exactly, but in binary floating point 29 / 400.0 * 100 is 7.249999999999999.
        assertThat(29 / 400.0 * 100).isLessThan(7.25);
        assertThat(OneDecimal.percentage(29, 400)).isEqualTo(7.3);
        assertThat(OneDecimal.percentage(9, 2000)).isEqualTo(0.5);  // 0.45; the double is 0.44999999999999996
        assertThat(OneDecimal.percentage(1, 2000)).isEqualTo(0.1);  // 0.05
        assertThat(OneDecimal.percentage(1, 3)).isEqualTo(33.3);
        assertThat(OneDecimal.percentage(2, 3)).isEqualTo(66.7);
        assertThat(OneDecimal.percentage(0, 7)).isEqualTo(0.0);
        assertThat(OneDecimal.percentage(7, 7)).isEqualTo(100.0);
    }

    @Test
    void quotientsRoundHalfUp() {
        assertThat(OneDecimal.quotient(283, 4)).isEqualTo(70.8);   // 70.75
        assertThat(OneDecimal.quotient(2297, 28)).isEqualTo(82.0); // 82.0357…
        assertThat(OneDecimal.quotient(167, 2)).isEqualTo(83.5);
    }

    @Test
    void squareRootsAreRoundedOnTheirExactValue() {
        assertThat(OneDecimal.squareRootQuotient(0, 5)).isEqualTo(0.0);
        assertThat(OneDecimal.squareRootQuotient(1, 4)).isEqualTo(0.3);     // 0.25 exactly: rounds up
        assertThat(OneDecimal.squareRootQuotient(841, 20)).isEqualTo(1.5);  // 29 / 20 = 1.45 exactly: rounds up
        assertThat(OneDecimal.squareRootQuotient(840, 20)).isEqualTo(1.4);  // 1.4491…: just below the boundary
        assertThat(OneDecimal.squareRootQuotient(256, 8)).isEqualTo(2.0);   // 16 / 8
        assertThat(OneDecimal.squareRootQuotient(2, 1)).isEqualTo(1.4);     // 1.4142…
        assertThat(OneDecimal.squareRootQuotient(62411, 28)).isEqualTo(8.9); // the class of 30: 8.9222…
    }
}
