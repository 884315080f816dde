package dev.debrief.acs;

import dev.debrief.extraction.AcsCode;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The pieces of FAA document text that every catalog parser recognises the same way. */
final class AcsText {

    /** An element line: the code at the start, then (usually) its text. "PA.I.C.K2:" in prose is no element. */
    private static final Pattern ELEMENT_LINE = Pattern.compile("^(?<code>" + AcsCode.ACS_BODY + ")(?:\\s+(?<text>.*))?$");

    /** An FAA document number: FAA-S-ACS-6C (an ACS and its edition letter) or FAA-G-ACS-2 (a guide). */
    static final Pattern DOCUMENT_NUMBER = Pattern.compile("\\bFAA-([SG])-ACS-(\\d+)([A-Z]?)\\b");

    /**
     * Running page header or footer: "... ACS (FAA-S-ACS-6C) 12", "ACS Companion Guide ... (FAA-G-ACS-2) iv"; in
     * FAA-S-ACS-7B the page number is a line of its own.
     */
    private static final Pattern RUNNING_TITLE = Pattern.compile("^.*\\(FAA-[SG]-ACS-\\w+\\)(?:\\s+[0-9ivxlc]+)?$");
    /** 12, A-3, or a front-matter page in small roman numerals (i..xxxix), spelled strictly so no word matches. */
    private static final Pattern PAGE_NUMBER = Pattern.compile("^(?:\\d{1,3}|[A-Z]-\\d{1,3}|(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3}))$");
    /** The guide marks changed pages with "Change 2 (December 26, 2024)". */
    private static final Pattern CHANGE_MARK = Pattern.compile("^Change \\d+ \\(.*\\d{4}\\)$");
    /** Table of contents entries end in dot leaders and a page number. */
    private static final Pattern DOT_LEADERS = Pattern.compile("\\.{4,}");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private AcsText() {
    }

    /**
     * A line that starts an element.
     *
     * @param text what the line prints after the code; null when the text starts on the next line
     */
    record ElementLine(AcsCode code, String text) {
    }

    /** The element the line starts, if it is an element line. */
    static Optional<ElementLine> elementLine(String line) {
        Matcher element = ELEMENT_LINE.matcher(line);
        if (!element.matches()) {
            return Optional.empty();
        }
        return AcsCode.parse(element.group("code")).map(code -> new ElementLine(code, element.group("text")));
    }

    /** Lines that belong to the page, not to what is being read: they neither end nor continue an element. */
    static boolean isPageFurniture(String line) {
        String trimmed = line.strip();
        return trimmed.isEmpty() || RUNNING_TITLE.matcher(trimmed).matches() || PAGE_NUMBER.matcher(trimmed).matches()
                || CHANGE_MARK.matcher(trimmed).matches();
    }

    static boolean isTableOfContents(String line) {
        return DOT_LEADERS.matcher(line).find();
    }

    /** The first FAA document number printed in the text: the document's own, on its title page. */
    static String documentNumber(List<String> lines) {
        for (String line : lines) {
            Matcher number = DOCUMENT_NUMBER.matcher(line);
            if (number.find()) {
                return number.group();
            }
        }
        throw new IllegalArgumentException("No FAA document number (FAA-S-ACS-..., FAA-G-ACS-...) in the text");
    }

    /**
     * Joins the printed lines of one text. Lines broken after a hyphen or dash inside a compound
     * ("pilot-in-" / "command", "gear—" / "extension") join without a space; the ACS does not hyphenate words.
     */
    static String joinLines(List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            String part = line.strip();
            if (part.isEmpty()) {
                continue;
            }
            if (!text.isEmpty() && !endsInsideCompound(text)) {
                text.append(' ');
            }
            text.append(part);
        }
        return SPACES.matcher(text).replaceAll(" ").strip();
    }

    private static boolean endsInsideCompound(CharSequence text) {
        int last = text.length() - 1;
        char end = text.charAt(last);
        boolean dash = end == '-' || end == '\u2010' || end == '\u2013' || end == '\u2014';
        return dash && last > 0 && Character.isLetterOrDigit(text.charAt(last - 1));
    }

    /** "a. Flying with inoperative equipment" for PA.I.B.K3a -> "Flying with inoperative equipment". */
    static String withoutSubElementLetter(String text, String subElementLetter) {
        if (subElementLetter != null && text.length() > 2 && text.startsWith(subElementLetter + ".")
                && Character.isWhitespace(text.charAt(2))) {
            return text.substring(2).strip();
        }
        return text;
    }
}
