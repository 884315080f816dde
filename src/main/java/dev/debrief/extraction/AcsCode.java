package dev.debrief.extraction;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One ACS code taken apart by the grammar. areaNumeral/taskLetter are null for legacy PLT codes. */
public record AcsCode(String code, String prefix, String areaNumeral, String taskLetter, ElementType elementType) {

    /*
     * Canonical roman numerals I..XX, longest first so that a scan stops at the right dot. The
     * catalog already has a sixteenth area (IL.XVI.*, Flight Instructor Instrument), so capping at XV
     * would drop real codes.
     */
    public static final String AREA_NUMERAL =
            "(?:XX|XIX|XVIII|XVII|XVI|XV|XIV|XIII|XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)";

    /**
     * An ACS code: groups 1-6 are the prefix, area numeral, task letter, element letter (K/R/S), element number and
     * sub-element letter.
     */
    public static final String ACS_BODY = "([A-Z]{2})\\.(" + AREA_NUMERAL + ")\\.([A-Z])\\.([KRS])(\\d{1,3})([a-z])?";

    /** Pre-ACS reports print learning statement codes such as PLT118. */
    static final String LEGACY_BODY = "PLT\\d{3}";

    private static final Pattern ACS = Pattern.compile(ACS_BODY);
    private static final Pattern LEGACY = Pattern.compile(LEGACY_BODY);

    public AcsCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(elementType, "elementType");
    }

    /**
     * Takes the candidate exactly as given: no trimming, no case folding, no OCR repair. Anything
     * the grammar does not describe is empty.
     */
    public static Optional<AcsCode> parse(String candidate) {
        if (candidate == null) {
            return Optional.empty();
        }
        Matcher acs = ACS.matcher(candidate);
        if (acs.matches()) {
            return Optional.of(new AcsCode(candidate, acs.group(1), acs.group(2), acs.group(3),
                    ElementType.ofLetter(acs.group(4).charAt(0))));
        }
        if (LEGACY.matcher(candidate).matches()) {
            return Optional.of(legacyCode(candidate));
        }
        return Optional.empty();
    }

    static AcsCode legacyCode(String code) {
        return new AcsCode(code, "PLT", null, null, ElementType.LEGACY);
    }

    public boolean legacy() {
        return elementType == ElementType.LEGACY;
    }

    /** The letter of a sub-element ("a" of PA.I.B.K1a); null for an element, or a legacy code, that has none. */
    public String subElementLetter() {
        if (legacy() || code.isEmpty()) {
            return null;
        }
        char last = code.charAt(code.length() - 1);
        return last >= 'a' && last <= 'z' ? String.valueOf(last) : null;
    }
}
