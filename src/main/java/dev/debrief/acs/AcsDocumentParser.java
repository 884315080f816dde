package dev.debrief.acs;

import dev.debrief.extraction.AcsCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the elements of an ACS document (FAA-S-ACS-...) from its text layer: every code printed at the start of a
 * line under an Area of Operation and a Task, with the text that follows it up to the next code, heading or label.
 * Both layouts in use are read: the 2023 editions ("Area of Operation I.  Preflight Preparation", "Knowledge:") and
 * the 2018 ones ("I. Preflight Preparation", "Knowledge").
 */
final class AcsDocumentParser {

    private static final Pattern AREA = Pattern.compile(
            "^(?:Area of Operation\\s+)?(" + AcsCode.AREA_NUMERAL + ")\\.\\s+(\\S.*)$");
    private static final Pattern TASK = Pattern.compile("^Task\\s+([A-Z])\\.\\s+(\\S.*)$");
    /*
     * The labels of a task's parts. The 2023 layout puts a label's initial in a drop cap that the text layer
     * returns after the word ("eferences:\tR"), so the initial is optional.
     */
    private static final Pattern LABEL = Pattern.compile(
            "^(?:(?:R?eferences|O?bjective|N?ote)(?::|\\s|$)|Risk$"
                    + "|(?:K?nowledge|Management|S?kills):?(?:\\s+(?:The applicant|\\[Intentionally)|$))");
    private static final Pattern APPENDIX = Pattern.compile("^Appendix\\b");
    private static final Pattern TEST_TABLE_ROW = Pattern.compile("^([A-Z]{3})\\s+\\S.*\\s\\d+\\s+\\d+\\s+\\d+(?:\\.\\d+)?\\s+\\d+$");

    private AcsDocumentParser() {
    }

    /** The document and the code lines it printed outside any task (front-matter lists, examples), for review. */
    record Parsed(AcsDocument document, List<String> ignoredCodeLines) {
    }

    static Parsed parse(List<String> lines) {
        String edition = AcsText.documentNumber(lines);
        if (!edition.startsWith("FAA-S-ACS-")) {
            throw new IllegalArgumentException(edition + " is not an ACS (FAA-S-ACS-...)");
        }
        Reader reader = new Reader();
        lines.forEach(reader::accept);
        reader.finishElement();
        List<String> examTypes = examTypes(lines);
        if (examTypes.isEmpty()) {
            throw new IllegalArgumentException(edition + ": no knowledge test table naming the test code (e.g. PAR)");
        }
        if (reader.elements.isEmpty()) {
            throw new IllegalArgumentException(edition + ": no ACS element codes found");
        }
        return new Parsed(new AcsDocument(edition, examTypes, List.copyOf(reader.elements.values())),
                List.copyOf(reader.ignored));
    }

    /** The test code of the first row of the document's knowledge test table: the test this ACS is for. */
    static List<String> examTypes(List<String> lines) {
        boolean inTable = false;
        for (String line : lines) {
            String trimmed = line.strip();
            if (AcsText.isTableOfContents(trimmed)) {
                continue;
            }
            if (trimmed.endsWith("Knowledge Test Table")) {
                inTable = true;
                continue;
            }
            Matcher row = TEST_TABLE_ROW.matcher(trimmed);
            if (inTable && row.matches()) {
                return List.of(row.group(1));
            }
        }
        return List.of();
    }

    private static final class Reader {
        final Map<String, AcsDocument.Element> elements = new LinkedHashMap<>();
        final List<String> ignored = new ArrayList<>();
        String areaNumeral;
        String areaName;
        String taskLetter;
        final List<String> taskName = new ArrayList<>();
        boolean taskNameOpen;
        AcsText.ElementLine element;
        final List<String> elementText = new ArrayList<>();

        void accept(String rawLine) {
            String line = rawLine.strip();
            if (AcsText.isPageFurniture(line) || AcsText.isTableOfContents(line)) {
                return;
            }
            var code = AcsText.elementLine(line);
            if (code.isPresent()) {
                finishElement();
                taskNameOpen = false;
                startElement(code.get(), line);
                return;
            }
            Matcher area = AREA.matcher(line);
            if (area.matches()) {
                // The area's heading runs at the top of every page: the same heading again changes nothing.
                if (!(area.group(1).equals(areaNumeral) && area.group(2).strip().equals(areaName))) {
                    finishElement();
                    areaNumeral = area.group(1);
                    areaName = area.group(2).strip();
                    taskLetter = null;
                    taskNameOpen = false;
                }
                return;
            }
            Matcher task = TASK.matcher(line);
            if (task.matches()) {
                finishElement();
                taskLetter = task.group(1);
                taskName.clear();
                taskName.add(task.group(2));
                taskNameOpen = true;
                return;
            }
            if (LABEL.matcher(line).find()) {
                finishElement();
                taskNameOpen = false;
                return;
            }
            if (APPENDIX.matcher(line).find()) {
                finishElement();
                areaNumeral = null;
                areaName = null;
                taskLetter = null;
                taskNameOpen = false;
                return;
            }
            if (taskNameOpen) {
                taskName.add(line);
            } else if (element != null) {
                elementText.add(line);
            }
        }

        private void startElement(AcsText.ElementLine started, String line) {
            AcsCode code = started.code();
            boolean underItsTask = code.areaNumeral().equals(areaNumeral) && code.taskLetter().equals(taskLetter);
            if (!underItsTask || elements.containsKey(code.code())) {
                ignored.add(line);
                return;
            }
            element = started;
            elementText.clear();
            if (started.text() != null) {
                elementText.add(started.text());
            }
        }

        void finishElement() {
            if (element == null) {
                return;
            }
            AcsCode code = element.code();
            String description = AcsText.withoutSubElementLetter(AcsText.joinLines(elementText), code.subElementLetter());
            elements.put(code.code(), new AcsDocument.Element(code, areaName, AcsText.joinLines(taskName), description));
            element = null;
            elementText.clear();
        }
    }
}
