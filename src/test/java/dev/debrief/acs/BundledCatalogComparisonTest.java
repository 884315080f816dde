package dev.debrief.acs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bundled catalog against the operator's fuller catalog (acs-codes.csv, kept beside the repository, not in it)
 * for the families the bundled PDFs cover: PA (PAR, FAA-S-ACS-6C) and CA (CAX, FAA-S-ACS-7B). Skipped where the
 * files are absent, as in a clone with nothing beside it.
 *
 * <p>Descriptions are compared after normalising exactly this: runs of white space (tabs, no-break spaces) become
 * one space and the ends are trimmed; the dashes U+2010..U+2015 and U+2212 become "-"; the curly quotes
 * U+2018/U+2019 become ' and U+201C/U+201D become "; a leading sub-element letter ("a. ") is dropped.
 */
class BundledCatalogComparisonTest {

    private static final Path REFERENCE = Path.of(System.getProperty("debrief.acs.csv", "../shared/acs/acs-codes.csv"));
    private static final Path ARCHIVED_REFERENCE = REFERENCE.resolveSibling("acs-archived-codes.csv");
    private static final Set<String> COVERED_TESTS = Set.of("PAR", "CAX");
    private static final Pattern DASHES = Pattern.compile("[\\u2010-\\u2015\\u2212]");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0]+");
    private static final Pattern SUB_ELEMENT_LETTER = Pattern.compile("^[a-z]\\.\\s+");

    @Test
    void atLeast99PercentOfThePrivateAndCommercialCodesHaveTheSameText() throws IOException {
        assumeTrue(Files.isReadable(REFERENCE), REFERENCE + " is not beside the repository");
        Map<String, CatalogRow> bundled = new LinkedHashMap<>();
        for (CatalogRow row : BundledCatalogResource.rows()) {
            if (row.edition().startsWith("FAA-S-") && !row.superseded()
                    && row.examTypes().stream().anyMatch(COVERED_TESTS::contains)) {
                bundled.put(row.code(), row);
            }
        }
        List<CatalogRow> reference = CatalogCsv.read(REFERENCE).stream()
                .filter(row -> row.examTypes().stream().anyMatch(COVERED_TESTS::contains))
                .toList();

        List<String> differences = new ArrayList<>();
        int same = 0;
        for (CatalogRow expected : reference) {
            CatalogRow actual = bundled.get(expected.code());
            if (actual == null) {
                differences.add(expected.code() + " missing; reference: " + expected.description());
            } else if (!normalised(actual.description()).equals(normalised(expected.description()))) {
                differences.add(expected.code() + "\n    reference: " + expected.description()
                        + "\n    bundled:   " + actual.description());
            } else {
                same++;
            }
            if (actual != null) {
                assertThat(actual.elementType()).as("type of %s", expected.code()).isEqualTo(expected.elementType());
                assertThat(actual.examTypes()).as("test of %s", expected.code()).isEqualTo(expected.examTypes());
            }
        }
        double percent = 100.0 * same / reference.size();
        System.out.printf("Bundled catalog vs %s (PAR, CAX): %d of %d codes present with the same text (%.2f %%)%n",
                REFERENCE, same, reference.size(), percent);
        differences.forEach(difference -> System.out.println("  " + difference));
        assertThat(reference).hasSize(2384);
        assertThat(bundled.keySet()).as("codes the reference lacks").containsAll(reference.stream().map(CatalogRow::code).toList());
        assertThat(percent).as("share of codes with the same text; differences: %s", differences).isGreaterThanOrEqualTo(99.0);
    }

    @Test
    void theArchivedCodesAreTheGuidesWithTheirFormerText() throws IOException {
        assumeTrue(Files.isReadable(ARCHIVED_REFERENCE), ARCHIVED_REFERENCE + " is not beside the repository");
        Map<String, CatalogRow> archived = new LinkedHashMap<>();
        BundledCatalogResource.rows().stream().filter(row -> row.edition().startsWith("FAA-G-")).forEach(row -> archived.put(row.code(), row));

        Map<String, String[]> expected = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(ARCHIVED_REFERENCE, StandardCharsets.UTF_8)) {
            List<String[]> records = BundledCatalogCsv.records(in);
            assertThat(records.get(0)).containsExactly("code", "acs_section", "element_type", "archived_text");
            records.stream().skip(1).forEach(record -> expected.put(record[0], record));
        }
        assertThat(archived.keySet()).containsExactlyElementsOf(expected.keySet());
        for (String[] record : expected.values()) {
            CatalogRow row = archived.get(record[0]);
            assertThat(row.archived()).isTrue();
            assertThat(row.elementType()).isEqualTo(record[2]);
            assertThat(normalised(row.description())).as("former text of %s", row.code()).isEqualTo(normalised(record[3]));
        }
    }

    static String normalised(String text) {
        String plain = DASHES.matcher(text).replaceAll("-")
                .replace('\u2018', '\'').replace('\u2019', '\'').replace('\u201C', '"').replace('\u201D', '"');
        plain = SPACES.matcher(plain).replaceAll(" ").strip();
        return SUB_ELEMENT_LETTER.matcher(plain).replaceFirst("");
    }
}
