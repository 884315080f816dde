package dev.debrief.extraction;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The date spellings an AKTR (or its OCR) may use; US order for numeric dates. */
final class ReportDates {

    private static final String MONTH = "(?:JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?"
            + "|AUG(?:UST)?|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)\\.?";

    static final Pattern DATE = Pattern.compile(
            "(?<![0-9A-Za-z])(?:"
                    + "(?<m1>\\d{1,2})[/-](?<d1>\\d{1,2})[/-](?<y1>\\d{4})"       // 05/09/2023, 5/9/2023, 05-09-2023
                    + "|(?<y2>\\d{4})-(?<m2>\\d{1,2})-(?<d2>\\d{1,2})"             // 2023-05-09
                    + "|(?<n3>" + MONTH + ")\\s+(?<d3>\\d{1,2}),?\\s+(?<y3>\\d{4})" // May 9, 2023 / MAY 09 2023
                    + "|(?<d4>\\d{1,2})\\s+(?<n4>" + MONTH + "),?\\s+(?<y4>\\d{4})" // 9 May 2023
                    + ")(?![0-9])",
            Pattern.CASE_INSENSITIVE);

    private static final String MONTH_KEYS = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC";

    private ReportDates() {
    }

    /** The date at the start of {@code value} (after blanks), or null. */
    static LocalDate leading(String value) {
        Matcher m = DATE.matcher(value);
        int from = skipBlanks(value, 0);
        m.region(from, value.length());
        return m.lookingAt() ? toDate(m) : null;
    }

    static LocalDate toDate(Matcher m) {
        try {
            if (m.group("y1") != null) {
                return LocalDate.of(num(m.group("y1")), num(m.group("m1")), num(m.group("d1")));
            }
            if (m.group("y2") != null) {
                return LocalDate.of(num(m.group("y2")), num(m.group("m2")), num(m.group("d2")));
            }
            if (m.group("y3") != null) {
                return LocalDate.of(num(m.group("y3")), month(m.group("n3")), num(m.group("d3")));
            }
            return LocalDate.of(num(m.group("y4")), month(m.group("n4")), num(m.group("d4")));
        } catch (DateTimeException impossibleDate) {
            return null; // 02/30/2023 and the like: not a date, so not a value
        }
    }

    static int skipBlanks(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int num(String digits) {
        return Integer.parseInt(digits);
    }

    private static int month(String name) {
        return MONTH_KEYS.indexOf(name.substring(0, 3).toUpperCase(Locale.ROOT)) / 3 + 1;
    }
}
