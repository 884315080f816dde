package dev.debrief.acs;

import dev.debrief.extraction.AcsCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the archived ACS codes and their former text from the ACS Companion Guide for Pilots (FAA-G-ACS-2,
 * Section 8): every code printed under a heading such as "Private Pilot for Airplane Category ACS Archived Codes".
 */
final class ArchivedCodesParser {

    private static final Pattern SUBSECTION = Pattern.compile("^\\S.*\\bArchived Codes$");
    private static final Pattern SECTION = Pattern.compile("^Section \\d+:");

    private ArchivedCodesParser() {
    }

    /**
     * @param section the guide's subsection that lists the code, e.g. "Commercial Pilot for Airplane Category ACS
     *                Archived Codes"
     * @param text    the element's text before it was archived
     */
    record ArchivedCode(AcsCode code, String section, String text) {

        /** The element type's name in the catalog (knowledge, risk_management, skill). */
        String elementType() {
            return code.elementType().wireName();
        }
    }

    record Parsed(String edition, List<ArchivedCode> codes) {
    }

    static Parsed parse(List<String> lines) {
        String edition = AcsText.documentNumber(lines);
        if (!edition.startsWith("FAA-G-ACS-")) {
            throw new IllegalArgumentException(edition + " is not an ACS companion guide (FAA-G-ACS-...)");
        }
        Map<String, ArchivedCode> codes = new LinkedHashMap<>();
        String sectionHeading = null;
        String subsection = null;
        AcsText.ElementLine element = null;
        List<String> text = new ArrayList<>();
        for (String rawLine : lines) {
            String line = rawLine.strip();
            if (AcsText.isPageFurniture(line) || AcsText.isTableOfContents(line)) {
                continue;
            }
            // The section's title runs at the top of each of its pages: only another title is another section
            boolean runningTitle = line.equals(sectionHeading);
            if (runningTitle) {
                continue;
            }
            Optional<AcsText.ElementLine> code = AcsText.elementLine(line);
            boolean heading = SECTION.matcher(line).find() || SUBSECTION.matcher(line).matches();
            if ((code.isPresent() || heading) && element != null) {
                add(codes, element, subsection, text);
                element = null;
            }
            if (SECTION.matcher(line).find()) {
                sectionHeading = line;
                subsection = null;
            } else if (SUBSECTION.matcher(line).matches()) {
                subsection = line;
            } else if (code.isPresent()) {
                if (subsection != null) {
                    element = code.get();
                    text.clear();
                    if (element.text() != null) {
                        text.add(element.text());
                    }
                }
            } else if (element != null) {
                text.add(line);
            }
        }
        if (element != null) {
            add(codes, element, subsection, text);
        }
        if (codes.isEmpty()) {
            throw new IllegalArgumentException(edition + ": no archived codes found (Section 8)");
        }
        return new Parsed(edition, List.copyOf(codes.values()));
    }

    private static void add(Map<String, ArchivedCode> codes, AcsText.ElementLine element, String subsection,
                            List<String> text) {
        AcsCode code = element.code();
        String former = AcsText.withoutSubElementLetter(AcsText.joinLines(text), code.subElementLetter());
        codes.putIfAbsent(code.code(), new ArchivedCode(code, subsection, former));
    }
}
