package dev.debrief.extraction;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an Airman Knowledge Test Report from its text (PDF text layer or OCR).
 *
 * <p>The report is read in three parts. The <em>header</em> runs from the top to the ACS paragraph
 * (or the first code): every applicant field is printed there, with or without colons. The
 * <em>codes section</em> follows, up to the instructor's statement: codes, the expiration date, and
 * labels only where they carry a colon or a value that fits them. The <em>instructor's statement</em>
 * has its own Name and Date blanks and is ignored. The first value found for a field wins.
 *
 * <p>Thread-safe and stateless; one instance can serve every caller.
 */
public final class AktrParser {

    private enum Kind {
        NAME(null),
        EXAM(null),
        TEXT(null),
        FTN(Pattern.compile("(?<![A-Za-z0-9])[A-Za-z]{1,2}\\d{6,9}(?![A-Za-z0-9])")),
        EXAM_ID(Pattern.compile("(?<![A-Za-z0-9])\\d{6,25}(?![A-Za-z0-9])")),
        DATE(ReportDates.DATE),
        SCORE(Pattern.compile("(?<![A-Za-z0-9])(\\d{1,3})(?:[ \\t]*%)?(?![0-9])")),
        GRADE(Pattern.compile("(?<![A-Za-z])(PASS|FAIL)(?:ED)?(?![A-Za-z])", Pattern.CASE_INSENSITIVE)),
        TAKE(Pattern.compile("(?<![A-Za-z0-9])(\\d{1,2})(?:st|nd|rd|th)?(?![A-Za-z0-9])", Pattern.CASE_INSENSITIVE));

        /** How a value of this kind looks; null for free text, which ends where the next value starts. */
        final Pattern shape;

        Kind(Pattern shape) {
            this.shape = shape;
        }

        boolean freeText() {
            return shape == null;
        }
    }

    /** The fields in the order of their groups in {@link #LABEL}. */
    private enum Field {
        FTN(Kind.FTN),
        EXAM_ID(Kind.EXAM_ID),
        EXAM_DATE(Kind.DATE),
        EXAM_SITE(Kind.TEXT),
        EXAM(Kind.EXAM),
        EXPIRATION_DATE(Kind.DATE),
        NAME(Kind.NAME),
        SCORE(Kind.SCORE),
        GRADE(Kind.GRADE),
        TAKE(Kind.TAKE);

        private static final Field[] ALL = values();

        final Kind kind;

        Field(Kind kind) {
            this.kind = kind;
        }
    }

    /*
     * One alternation for every label, so that a line is scanned once. It runs on the line in ASCII
     * capitals (case-insensitive matching costs several times more), and a first-letter check lets
     * most positions fail at once. Where two labels start at the same word the longer one is listed
     * first (EXAM ID, EXAM DATE and EXAM SITE before EXAM). Group i + 1 is Field.ALL[i].
     */
    private static final Pattern LABEL = Pattern.compile(
            "(?=[ADEFGNRST])(?<![A-Z])(?:"
                    + "((?:FAA\\s+)?TRACKING\\s+(?:NUMBER|NO\\.?)(?:\\s*\\(\\s*FTN\\s*\\))?|FTN)"
                    + "|((?:EXAM|TEST)\\s*ID)"
                    + "|((?:EXAM|TEST)\\s+DATE|DATE\\s+OF\\s+(?:EXAM|TEST)|DATE)"
                    + "|((?:EXAM|TEST(?:ING)?)\\s+(?:SITE|LOCATION))"
                    + "|((?:EXAM|TEST)(?:\\s+(?:TITLE|NAME))?)"
                    + "|(EXPIRATION\\s+DATE|EXPIRES(?:\\s+ON)?|EXPIRATION)"
                    + "|((?:APPLICANT(?:'S)?|STUDENT|AIRMAN)\\s+NAME|NAME)"
                    + "|(SCORE)"
                    + "|(GRADE|RESULT)"
                    + "|(TAKE|ATTEMPT)"
                    + ")(?![A-Z])[ \\t]*([:;])?[ \\t]*");
    private static final int COLON_GROUP = 11;

    // The two section patterns below, like LABEL, run on the text in ASCII capitals.

    /** The heading of the authorised instructor's statement, which ends the applicant's part. */
    private static final Pattern INSTRUCTOR_BLOCK = Pattern.compile(
            "^[ \\t]*(?:AUTHORI[SZ]ED[ \\t]+)?INSTRUCTOR(?:'?S)?[ \\t]+STATEMENT");

    /** The paragraph that introduces the missed codes (ACS reports, and the older PLT ones). */
    private static final Pattern CODES_PARAGRAPH = Pattern.compile(
            "(?=[ALSC])(?:SINGLE\\s+CODE\\s+MAY\\s+REPRESENT|ACS\\s+CODES?\\b|AIRMAN\\s+CERTIFICATION\\s+STANDARDS"
                    + "|LEARNING\\s+STATEMENT\\s+CODES?|SUBJECT\\s+MATTER\\s+KNOWLEDGE\\s+CODES?)");

    private static final Pattern PERCENT = Pattern.compile("(?<![A-Za-z0-9])(\\d{1,3})[ \\t]?%");
    private static final Pattern EXAM_CODE_IN_PARENS = Pattern.compile("\\(\\s*([A-Z]{3})\\s*\\)");
    private static final Pattern EXAM_CODE_FIRST = Pattern.compile("([A-Z]{3})\\s*-\\s*(\\S.*)");
    private static final Pattern EXAM_CODE_ONLY = Pattern.compile("[A-Z]{3}");
    /**
     * An exam id that OCR split into words ("500388459 133511333"): only digits and single blanks, from the label
     * to the end of its value. The label says the whole run is one number, so its words are joined.
     */
    private static final Pattern SPLIT_DIGITS = Pattern.compile("\\d+(?: \\d+)+");
    /** A last word of a free text without a letter or digit: a speck read as " -", " |", " _" or the like. */
    private static final Pattern STRAY_LAST_WORD = Pattern.compile(" [^\\p{L}\\p{N}()]{1,2}$");

    /** What a name looks like when no colon vouches for it: letters and the punctuation names use. */
    private static final Pattern NAME_SHAPE = Pattern.compile("\\p{L}[\\p{L} ,.'-]{0,79}");

    private static final int PASSING_SCORE = 70;

    /** Lowercase letters in a text otherwise in capitals that are taken for misreads of capitals. */
    private static final int MISREAD_CAPITALS = 2;

    public ParsedReport parse(String text, TextOrigin origin) {
        Objects.requireNonNull(origin, "origin");
        if (text == null || text.isBlank()) {
            throw notAnAktr();
        }
        Lines lines = Lines.of(text);
        int applicantEnd = lines.firstMatching(INSTRUCTOR_BLOCK, 0, lines.count());
        CodeScanner.Found found = CodeScanner.scan(lines.text(), lines.offsetOf(applicantEnd), origin == TextOrigin.OCR);
        int paragraph = lines.firstMatching(CODES_PARAGRAPH, 0, applicantEnd);
        int headerEnd = Math.min(paragraph, applicantEnd);
        if (found.firstOffset() >= 0) {
            headerEnd = Math.min(headerEnd, lines.lineAt(found.firstOffset()));
        }

        String[] values = new String[Field.ALL.length];
        readFields(lines, 0, headerEnd, true, values);
        readFields(lines, headerEnd, applicantEnd, false, values);
        if (values[Field.SCORE.ordinal()] == null) {
            values[Field.SCORE.ordinal()] = percentScore(lines, headerEnd);
        }

        String exam = values[Field.EXAM.ordinal()];
        Integer score = integer(values[Field.SCORE.ordinal()]);
        if (exam == null && score == null && found.codes().isEmpty()) {
            throw notAnAktr();
        }
        String[] examParts = splitExam(exam);
        boolean codesSection = paragraph < applicantEnd || !found.codes().isEmpty()
                || Integer.valueOf(100).equals(score);
        ParsedReport draft = new ParsedReport(
                values[Field.NAME.ordinal()],
                values[Field.FTN.ordinal()],
                values[Field.EXAM_ID.ordinal()],
                exam,
                examParts[0],
                examParts[1],
                date(values[Field.EXAM_DATE.ordinal()]),
                origin == TextOrigin.OCR ? inCapitals(values[Field.EXAM_SITE.ordinal()]) : values[Field.EXAM_SITE.ordinal()],
                score,
                values[Field.GRADE.ordinal()],
                integer(values[Field.TAKE.ordinal()]),
                date(values[Field.EXPIRATION_DATE.ordinal()]),
                found.codes(),
                0,
                origin,
                found.repairs());
        return withConfidence(draft, codesSection);
    }

    /*
     * confidence = found x origin x repairs x consistency.
     * "found" sums the weights of the fields present. The weights follow what the rest of the service
     * needs from a report: exam code and score feed every statistic (0.20 each); the name identifies
     * the person (0.15); grade (pass rate), FTN (matching retakes), exam date (ordering attempts) and
     * the codes section (the whole point of the debrief) 0.10 each; exam id, take, site and expiration
     * date only describe, 0.05 between them. OCR text is never as sure as a text layer (x0.9), and a
     * report whose codes needed repairs is less sure still, in proportion to the share repaired
     * (down to x0.9). A grade that contradicts the score means something was misread (x0.9).
     */
    private static ParsedReport withConfidence(ParsedReport r, boolean codesSection) {
        double found = weight(r.examCode(), 0.20) + weight(r.score(), 0.20) + weight(r.name(), 0.15)
                + weight(r.grade(), 0.10) + weight(r.ftn(), 0.10) + weight(r.examDate(), 0.10)
                + (codesSection ? 0.10 : 0)
                + weight(r.examId(), 0.02) + weight(r.take(), 0.01) + weight(r.examSite(), 0.01)
                + weight(r.expirationDate(), 0.01);
        double confidence = found;
        if (r.origin() == TextOrigin.OCR) {
            confidence *= 0.9;
        }
        if (r.repairs() > 0) {
            double repairedShare = Math.min(1.0, (double) r.repairs() / Math.max(1, r.codes().size()));
            confidence *= 1.0 - 0.1 * repairedShare;
        }
        if (r.score() != null && r.grade() != null && (r.score() >= PASSING_SCORE) != r.grade().equals("Pass")) {
            confidence *= 0.9;
        }
        confidence = Math.round(Math.min(1.0, confidence) * 1000) / 1000.0;
        return new ParsedReport(r.name(), r.ftn(), r.examId(), r.exam(), r.examCode(), r.examName(), r.examDate(),
                r.examSite(), r.score(), r.grade(), r.take(), r.expirationDate(), r.codes(), confidence, r.origin(),
                r.repairs());
    }

    private static double weight(Object value, double weight) {
        return value == null ? 0 : weight;
    }

    // ---------------------------------------------------------------- labels and values

    /** A label accepted on a line: which field, where its value may start, and whether a colon vouched for it. */
    private record Label(Field field, int start, int end, boolean colon) {
    }

    /**
     * Reads the labelled values of lines [from, to). Free-text labels (name, exam, site) without a
     * colon are only believed in the header, where no prose is printed.
     */
    private static void readFields(Lines lines, int from, int to, boolean inHeader, String[] values) {
        List<List<Label>> labelsByLine = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) {
            labelsByLine.add(labels(lines.line(i), lines.upper(i), inHeader));
        }
        for (int i = from; i < to; i++) {
            List<Label> labels = labelsByLine.get(i - from);
            if (labels.isEmpty()) {
                continue;
            }
            String line = lines.line(i);
            boolean anyInline = false;
            for (int j = 0; j < labels.size(); j++) {
                Label label = labels.get(j);
                int end = j + 1 < labels.size() ? labels.get(j + 1).start() : line.length();
                if (!isBlank(line, label.end(), end)) {
                    anyInline = true;
                    offer(values, label.field(), value(label, line.substring(label.end(), end)));
                }
            }
            if (!anyInline) {
                // A line of bare labels: the values are printed on the next line, in the same order.
                int next = lines.nextNonBlank(i + 1, to);
                if (next >= 0 && labelsByLine.get(next - from).isEmpty()) {
                    readRow(labels, lines.line(next), values);
                }
            }
        }
    }

    /*
     * Which label words on a line are labels: those that stand where a label stands, never those
     * inside a value. A label stands
     *  - anywhere with its own colon ("NAME: DOE, JANE     EXAM ID: 9005...");
     *  - at the start of the line, followed by a value that fits it or by nothing (its value below);
     *  - in a row of bare labels, a line that holds nothing else ("SCORE GRADE TAKE");
     *  - right after a typed value that has ended: "SCORE 85 GRADE PASS TAKE 1", where 85 is all
     *    of the score, and only when its own value fits too.
     * A free-text value (name, exam, site) has no shape that shows where it ends, so a bare label
     * word after one is part of it: the TEST SITE of "EXAM SITE: DESERT SKY AERO TEST SITE, MESA"
     * and the SCORE of "EXAM SITE: PERFECT SCORE 100 AVIATION" are the site's words. Nor does a
     * bare label word begin a value: the DATE of "NAME: DATE, JOHN" or "NAME DATE, JOHN" is a surname.
     */
    private static List<Label> labels(String line, String upper, boolean inHeader) {
        Matcher m = LABEL.matcher(upper);
        List<MatchResult> candidates = new ArrayList<>(4);
        while (m.find()) {
            candidates.add(m.toMatchResult());
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        boolean labelRow = isLabelRow(line, candidates);
        List<Label> accepted = new ArrayList<>(candidates.size());
        Label previous = null;
        for (int c = 0; c < candidates.size(); c++) {
            MatchResult candidate = candidates.get(c);
            Label label = new Label(fieldOf(candidate), candidate.start(), candidate.end(),
                    candidate.start(COLON_GROUP) >= 0);
            int ownEnd = c + 1 < candidates.size() ? candidates.get(c + 1).start() : line.length();
            boolean believed;
            if (label.colon()) {
                believed = true;
            } else if (label.field().kind.freeText() && !inHeader) {
                believed = false;
            } else if (labelRow) {
                believed = true;
            } else if (previous == null) {
                // at the start of the line, with its value after it or (when nothing follows) below it
                believed = isBlank(line, 0, label.start())
                        && (isBlank(line, label.end(), ownEnd) || value(label, line.substring(label.end(), ownEnd)) != null);
            } else {
                // after the previous label's value, which must have ended: a typed value, and nothing more
                believed = !isBlank(line, previous.end(), label.start())
                        && endsWithItsValue(previous, line.substring(previous.end(), label.start()))
                        && value(label, line.substring(label.end(), ownEnd)) != null;
            }
            if (believed) {
                accepted.add(label);
                previous = label;
            }
        }
        return accepted;
    }

    /** A line of label words without colons and nothing else, whose values are on the next line. */
    private static boolean isLabelRow(String line, List<MatchResult> candidates) {
        int pos = 0;
        for (MatchResult candidate : candidates) {
            if (candidate.start(COLON_GROUP) >= 0 || !isBlank(line, pos, candidate.start())) {
                return false;
            }
            pos = candidate.end();
        }
        return isBlank(line, pos, line.length());
    }

    /**
     * Whether {@code raw} is one value of a typed label and nothing else but separators, so that a
     * label may follow it. A free-text value never shows where it ends.
     */
    private static boolean endsWithItsValue(Label label, String raw) {
        Kind kind = label.field().kind;
        if (kind.freeText() || value(label, raw) == null) {
            return false;
        }
        String v = collapse(raw);
        Matcher m = kind.shape.matcher(v);
        return m.lookingAt() && !hasLetterOrDigit(v, m.end());
    }

    private static Field fieldOf(MatchResult m) {
        for (int i = 0; i < Field.ALL.length; i++) {
            if (m.start(i + 1) >= 0) {
                return Field.ALL[i];
            }
        }
        throw new IllegalStateException("label pattern matched no field");
    }

    /** Values printed under a row of labels, e.g. "SCORE GRADE TAKE" over "85 PASS 1". */
    private static void readRow(List<Label> labels, String row, String[] values) {
        int pos = 0;
        for (int j = 0; j < labels.size(); j++) {
            Label label = labels.get(j);
            pos = ReportDates.skipBlanks(row, pos);
            if (pos >= row.length()) {
                return;
            }
            int end;
            if (!label.field().kind.freeText()) {
                Matcher m = label.field().kind.shape.matcher(row).region(pos, row.length());
                if (!m.lookingAt()) {
                    return; // the row does not line up with its labels: believe none of the rest
                }
                end = m.end();
            } else if (j + 1 < labels.size()) {
                Pattern nextShape = labels.get(j + 1).field().kind.shape;
                if (nextShape == null) {
                    return; // two free texts side by side cannot be told apart
                }
                Matcher m = nextShape.matcher(row).region(pos, row.length());
                if (!m.find()) {
                    return;
                }
                end = m.start();
            } else {
                end = row.length();
            }
            offer(values, label.field(), value(label, row.substring(pos, end)));
            pos = end;
        }
    }

    private static void offer(String[] values, Field field, String value) {
        if (value != null && values[field.ordinal()] == null) {
            values[field.ordinal()] = value;
        }
    }

    /** The normalised value of a label's text, or null when the text is not a value of that field. */
    private static String value(Label label, String raw) {
        String v = collapse(raw);
        Kind kind = label.field().kind;
        if (kind.freeText()) {
            v = withoutStrayLastWord(v);
        } else if (kind == Kind.EXAM_ID && SPLIT_DIGITS.matcher(v).matches()) {
            String joined = v.replace(" ", "");
            if (joined.length() <= 25) {
                v = joined;
            }
        }
        if (v.isEmpty()) {
            return null;
        }
        switch (kind) {
            case NAME:
                return hasLetter(v) && (label.colon() || NAME_SHAPE.matcher(v).matches()) ? v : null;
            case EXAM:
                return hasLetter(v) && (label.colon() || splitExam(v)[0] != null) ? v : null;
            case TEXT:
                return hasLetter(v) ? v : null;
            case DATE:
                LocalDate date = ReportDates.leading(v);
                return date == null ? null : date.toString();
            default:
                break;
        }
        Matcher m = kind.shape.matcher(v);
        if (!m.lookingAt()) {
            return null;
        }
        return switch (kind) {
            case FTN -> m.group().toUpperCase(Locale.ROOT);
            case EXAM_ID -> m.group();
            case SCORE -> Integer.parseInt(m.group(1)) <= 100 ? String.valueOf(Integer.parseInt(m.group(1))) : null;
            case GRADE -> Character.toUpperCase(m.group(1).charAt(0)) == 'P' ? "Pass" : "Fail";
            case TAKE -> Integer.parseInt(m.group(1)) >= 1 ? String.valueOf(Integer.parseInt(m.group(1))) : null;
            default -> throw new IllegalStateException("unhandled kind " + kind);
        };
    }

    /**
     * A score printed as a bare percentage in the header, for reports that do not label it: alone on
     * its line, or beside the grade ("85% PASS"). Any other percentage (a discount, a total) is not one.
     */
    private static String percentScore(Lines lines, int headerEnd) {
        Matcher m = PERCENT.matcher("");
        for (int i = 0; i < headerEnd; i++) {
            if (m.reset(lines.line(i)).find() && Integer.parseInt(m.group(1)) <= 100) {
                String rest = (lines.line(i).substring(0, m.start()) + lines.line(i).substring(m.end())).strip();
                if (rest.isEmpty() || Kind.GRADE.shape.matcher(rest).matches()) {
                    return String.valueOf(Integer.parseInt(m.group(1)));
                }
            }
        }
        return null;
    }

    /** {code, name} of an exam title such as "Private Pilot Airplane (PAR)"; either may be null. */
    private static String[] splitExam(String title) {
        if (title == null) {
            return new String[2];
        }
        Matcher inParens = EXAM_CODE_IN_PARENS.matcher(title);
        String code = null;
        int codeStart = -1;
        int codeEnd = -1;
        while (inParens.find()) { // the last one: a name may hold other parentheses
            code = inParens.group(1);
            codeStart = inParens.start();
            codeEnd = inParens.end();
        }
        if (code != null) {
            String name = collapse(title.substring(0, codeStart) + " " + title.substring(codeEnd));
            return new String[] {code, name.isEmpty() ? null : name};
        }
        Matcher first = EXAM_CODE_FIRST.matcher(title);
        if (first.matches()) {
            return new String[] {first.group(1), first.group(2)};
        }
        if (EXAM_CODE_ONLY.matcher(title).matches()) {
            return new String[] {title, null};
        }
        return new String[] {null, title};
    }

    /**
     * A text printed in capitals with one or two letters OCR read in lowercase ("(KBFl) - SEATTLE, Wa") put back in
     * capitals, an l as the I it stands for. A text with more lowercase (a mixed-case site) is left as read.
     */
    static String inCapitals(String v) {
        if (v == null) {
            return null;
        }
        int upper = 0;
        int lower = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                upper++;
            } else if (c >= 'a' && c <= 'z') {
                lower++;
            }
        }
        if (lower == 0 || lower > MISREAD_CAPITALS || upper < 4 * MISREAD_CAPITALS) {
            return v;
        }
        StringBuilder out = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            out.append(c == 'l' ? 'I' : c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c);
        }
        return out.toString();
    }

    /** A free text without the speck OCR may read after it ("NGUYEN, MARY -"); a name never ends in one. */
    private static String withoutStrayLastWord(String v) {
        String out = v;
        for (Matcher m = STRAY_LAST_WORD.matcher(out); m.find(); m = STRAY_LAST_WORD.matcher(out)) {
            out = out.substring(0, m.start());
        }
        return out;
    }

    private static String collapse(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        boolean blank = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isWhitespace(c)) {
                blank = out.length() > 0;
            } else {
                if (blank) {
                    out.append(' ');
                    blank = false;
                }
                out.append(c);
            }
        }
        // the blanks of a form ("Name ________") are not part of a value
        int end = out.length();
        while (end > 0 && (out.charAt(end - 1) == '_' || out.charAt(end - 1) == ' ')) {
            end--;
        }
        return out.substring(0, end);
    }

    private static boolean isBlank(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasLetterOrDigit(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (Character.isLetterOrDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasLetter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetter(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static Integer integer(String value) {
        return value == null ? null : Integer.valueOf(value);
    }

    private static LocalDate date(String value) {
        return value == null ? null : LocalDate.parse(value);
    }

    private static ExtractionException notAnAktr() {
        return new ExtractionException(FailureType.NOT_AN_AKTR,
                "No exam, score or ACS code was found; this does not look like an Airman Knowledge Test Report");
    }

    // ---------------------------------------------------------------- text as lines

    /**
     * The text with its blanks and line ends made uniform, where each line starts, and each line in
     * ASCII capitals (same length, same offsets) for the case-blind patterns.
     */
    private record Lines(String text, String[] lines, String[] upperLines, int[] starts) {

        static Lines of(String raw) {
            char[] chars = new char[raw.length()];
            int n = 0;
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                switch (c) {
                    case '\r' -> {
                        if (i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
                            continue;
                        }
                        c = '\n';
                    }
                    case '\f', '\u000B', '\u2028', '\u2029', '\u0085' -> c = '\n';
                    case '\t', '\u00A0', '\u2007', '\u202F' -> c = ' ';
                    case '\u2018', '\u2019' -> c = '\'';
                    case '\u2013', '\u2014' -> c = '-';
                    default -> {
                    }
                }
                chars[n++] = c;
            }
            String text = new String(chars, 0, n);
            int lineCount = 1;
            for (int i = 0; i < n; i++) {
                char c = chars[i];
                if (c == '\n') {
                    lineCount++;
                } else if (c >= 'a' && c <= 'z') {
                    chars[i] = (char) (c - ('a' - 'A'));
                }
            }
            String upper = new String(chars, 0, n);
            String[] lines = new String[lineCount];
            String[] upperLines = new String[lineCount];
            int[] starts = new int[lineCount + 1];
            int line = 0;
            for (int i = 0; i <= n; i++) {
                if (i == n || chars[i] == '\n') {
                    lines[line] = text.substring(starts[line], i);
                    upperLines[line] = upper.substring(starts[line], i);
                    starts[++line] = i + 1;
                }
            }
            return new Lines(text, lines, upperLines, starts);
        }

        int count() {
            return lines.length;
        }

        String line(int i) {
            return lines[i];
        }

        String upper(int i) {
            return upperLines[i];
        }

        /** Start offset of line i; the text length for i == count(). */
        int offsetOf(int i) {
            return i >= lines.length ? text.length() : starts[i];
        }

        int lineAt(int offset) {
            int i = Arrays.binarySearch(starts, 0, lines.length, offset);
            return i >= 0 ? i : -i - 2;
        }

        /** First line in [from, to) whose capitals match the pattern, or {@code to}. */
        int firstMatching(Pattern pattern, int from, int to) {
            Matcher m = pattern.matcher("");
            for (int i = from; i < to; i++) {
                if (m.reset(upperLines[i]).find()) {
                    return i;
                }
            }
            return to;
        }

        int nextNonBlank(int from, int to) {
            for (int i = from; i < to; i++) {
                if (!lines[i].isBlank()) {
                    return i;
                }
            }
            return -1;
        }
    }
}
