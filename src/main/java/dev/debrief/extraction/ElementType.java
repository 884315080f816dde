package dev.debrief.extraction;

/** The kind of ACS element a code points at, from its K/R/S letter; legacy PLT codes have none. */
public enum ElementType {
    KNOWLEDGE("knowledge"),
    RISK_MANAGEMENT("risk_management"),
    SKILL("skill"),
    LEGACY("legacy");

    private final String wireName;

    ElementType(String wireName) {
        this.wireName = wireName;
    }

    /** The value of a code's {@code type} in the API. */
    public String wireName() {
        return wireName;
    }

    static ElementType ofLetter(char letter) {
        return switch (letter) {
            case 'K' -> KNOWLEDGE;
            case 'R' -> RISK_MANAGEMENT;
            case 'S' -> SKILL;
            default -> throw new IllegalArgumentException("not an ACS element letter: " + letter);
        };
    }
}
