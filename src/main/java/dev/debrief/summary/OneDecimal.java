package dev.debrief.summary;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Rounding to one decimal, half-up, done on exact values. Doubles would put some ".x5" results a hair below the
 * boundary (and round them down), so every quotient here is formed with BigDecimal or integers first.
 */
final class OneDecimal {

    private OneDecimal() {
    }

    /** {@code part / whole × 100}; {@code whole} must be positive. */
    static double percentage(long part, long whole) {
        return quotient(part * 100, whole);
    }

    /** {@code numerator / denominator}; {@code denominator} must be positive. */
    static double quotient(long numerator, long denominator) {
        return BigDecimal.valueOf(numerator)
                .divide(BigDecimal.valueOf(denominator), 1, RoundingMode.HALF_UP)
                .doubleValue();
    }

    /**
     * {@code sqrt(numerator) / denominator} for a non-negative numerator and a positive denominator.
     *
     * <p>Worked in whole tenths: the result rounds up to t/10 exactly when {@code (2t − 1) / 20 ≤ value}, i.e.
     * when {@code 2t − 1 ≤ sqrt(400 · numerator) / denominator}. Since 2t − 1 is an integer, the right-hand side may
     * be floored (and the floor of a square root over an integer is the integer square root over it), so no
     * irrational number is ever rounded.
     */
    static double squareRootQuotient(long numerator, long denominator) {
        BigInteger flooredTwentieths = BigInteger.valueOf(numerator).multiply(BigInteger.valueOf(400)).sqrt()
                .divide(BigInteger.valueOf(denominator));
        BigInteger tenths = flooredTwentieths.add(BigInteger.ONE).shiftRight(1);
        return new BigDecimal(tenths, 1).doubleValue();
    }
}
