package dev.debrief.acs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
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
    record ArchivedCode(String code, String section, String elementType, String text) {

        String prefix() {
            return code.substring(0, 2);
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
        Matcher element = null;
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
            Matcher code = AcsText.ELEMENT_LINE.matcher(line);
            boolean heading = SECTION.matcher(line).find() || SUBSECTION.matcher(line).matches();
            if ((code.matches() || heading) && element != null) {
                add(codes, element, subsection, text);
                element = null;
            }
            if (SECTION.matcher(line).find()) {
                sectionHeading = line;
                subsection = null;
            } else if (SUBSECTION.matcher(line).matches()) {
                subsection = line;
            } else if (code.matches()) {
                if (subsection != null) {
                    element = code;
                    text.clear();
                    if (code.group(8) != null) {
                        text.add(code.group(8));
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

    private static void add(Map<String, ArchivedCode> codes, Matcher element, String subsection, List<String> text) {
        String code = element.group(1);
        String former = AcsText.withoutSubElementLetter(AcsText.joinLines(text), element.group(7));
        codes.putIfAbsent(code, new ArchivedCode(code, subsection, AcsText.elementType(element.group(5)), former));
    }
}
