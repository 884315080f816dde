package dev.debrief.acs;

import dev.debrief.extraction.AcsCode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds the bundled catalog from FAA documents: every element of every ACS edition given, and the archived codes of
 * the companion guide. Of several editions of one ACS (6B and 6C), the latest is current and the others are kept as
 * superseded, because reports from tests taken under an older edition are still valid. Pure: the same documents give
 * the same rows in the same order.
 */
final class CatalogBuilder {

    private CatalogBuilder() {
    }

    /** The rows, and what the build noticed (per document counts, code lines left out) for whoever runs it. */
    record Result(List<CatalogRow> rows, List<String> notes) {
    }

    static Result fromPdfs(List<Path> pdfs) throws IOException {
        List<List<String>> texts = new ArrayList<>();
        for (Path pdf : pdfs.stream().sorted().toList()) {
            texts.add(AcsPdfText.lines(pdf));
        }
        return fromTexts(texts);
    }

    static Result fromTexts(List<List<String>> texts) {
        Map<String, AcsDocument> acs = new TreeMap<>();
        Map<String, ArchivedCodesParser.Parsed> guides = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        for (List<String> text : texts) {
            String edition = AcsText.documentNumber(text);
            if (acs.containsKey(edition) || guides.containsKey(edition)) {
                throw new IllegalArgumentException(edition + " is given twice");
            }
            if (edition.startsWith("FAA-G-")) {
                guides.put(edition, ArchivedCodesParser.parse(text));
            } else {
                AcsDocumentParser.Parsed parsed = AcsDocumentParser.parse(text);
                acs.put(edition, parsed.document());
                if (!parsed.ignoredCodeLines().isEmpty()) {
                    notes.add(edition + ": " + parsed.ignoredCodeLines().size()
                            + " code lines outside their task (front-matter lists, repeats) left out");
                }
            }
        }
        Map<String, String> currentByAcsNumber = acs.values().stream().collect(Collectors.toMap(
                AcsDocument::acsNumber, AcsDocument::edition,
                (a, b) -> acs.get(a).editionLetter().compareTo(acs.get(b).editionLetter()) >= 0 ? a : b, TreeMap::new));

        List<CatalogRow> rows = new ArrayList<>();
        for (String edition : allEditions(acs, guides)) {
            if (guides.containsKey(edition)) {
                List<ArchivedCodesParser.ArchivedCode> archived = guides.get(edition).codes();
                archived.forEach(code -> rows.add(archivedRow(edition, code, acs, currentByAcsNumber)));
                notes.add(edition + ": " + archived.size() + " archived codes");
                continue;
            }
            AcsDocument document = acs.get(edition);
            boolean superseded = !currentByAcsNumber.get(document.acsNumber()).equals(edition);
            for (AcsDocument.Element element : document.elements()) {
                rows.add(CatalogRow.bundled(edition, element.code().code(), document.examTypes(), element.area(),
                        element.task(), element.elementType(), element.description(), element.archived(), superseded));
            }
            notes.add(edition + " (" + String.join(", ", document.examTypes()) + (superseded ? ", superseded" : "")
                    + "): " + document.elements().size() + " elements, "
                    + document.elements().stream().filter(AcsDocument.Element::archived).count() + " printed as archived");
        }
        return new Result(List.copyOf(rows), List.copyOf(notes));
    }

    private static List<String> allEditions(Map<String, AcsDocument> acs, Map<String, ArchivedCodesParser.Parsed> guides) {
        List<String> editions = new ArrayList<>(acs.keySet());
        editions.addAll(guides.keySet());
        editions.sort(Comparator.naturalOrder());
        return editions;
    }

    /**
     * The guide names neither the test nor the area and task of an archived code: they come from the ACS that
     * printed the code (its current edition first), when that ACS is among the documents.
     */
    private static CatalogRow archivedRow(String guideEdition, ArchivedCodesParser.ArchivedCode archived,
                                          Map<String, AcsDocument> acs, Map<String, String> currentByAcsNumber) {
        AcsCode code = archived.code();
        List<AcsDocument> sameAcs = acs.values().stream()
                .filter(document -> document.elements().stream().anyMatch(e -> e.code().prefix().equals(code.prefix())))
                .sorted(Comparator.comparing((AcsDocument d) -> !d.edition().equals(currentByAcsNumber.get(d.acsNumber())))
                        .thenComparing(AcsDocument::edition))
                .toList();
        List<String> examTypes = sameAcs.isEmpty() ? List.of() : sameAcs.get(0).examTypes();
        Optional<AcsDocument.Element> sameTask = sameAcs.stream()
                .flatMap(document -> document.elements().stream())
                .filter(element -> element.code().code().equals(code.code()))
                .findFirst()
                .or(() -> sameAcs.stream().flatMap(document -> document.elements().stream())
                        .filter(element -> inSameTask(element.code(), code)).findFirst());
        return CatalogRow.bundled(guideEdition, code.code(), examTypes,
                sameTask.map(AcsDocument.Element::area).orElse(""), sameTask.map(AcsDocument.Element::task).orElse(""),
                archived.elementType(), archived.text(), true, false);
    }

    private static boolean inSameTask(AcsCode one, AcsCode other) {
        return one.prefix().equals(other.prefix()) && one.areaNumeral().equals(other.areaNumeral())
                && one.taskLetter().equals(other.taskLetter());
    }
}
