package dev.debrief.acs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.debrief.acs.AcsCatalog.CatalogEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which of a code's rows a report or a lookup shows. */
class AcsCatalogPickTest {

    private static final CatalogEntry CURRENT = entry("FAA-S-ACS-6C", List.of("PAR"), "bundled", "Current text.", false, false);
    private static final CatalogEntry SUPERSEDED = entry("FAA-S-ACS-6B", List.of("PAR"), "bundled", "Older text.", false, true);
    private static final CatalogEntry PLACEHOLDER = entry("FAA-S-ACS-6C", List.of("PAR"), "bundled", "[Archived]", true, false);
    private static final CatalogEntry FORMER = entry("FAA-G-ACS-2", List.of("PAR"), "bundled", "Former text.", true, false);

    @Test
    void theCurrentEditionWinsOverASupersededOne() {
        assertThat(AcsCatalog.pick(List.of(SUPERSEDED, CURRENT), "PAR", null)).contains(CURRENT);
        assertThat(AcsCatalog.pick(List.of(SUPERSEDED, CURRENT), null, null)).contains(CURRENT);
    }

    @Test
    void anAskedForEditionWinsWhenTheCodeHasIt() {
        assertThat(AcsCatalog.pick(List.of(SUPERSEDED, CURRENT), "PAR", "FAA-S-ACS-6B")).contains(SUPERSEDED);
        assertThat(AcsCatalog.pick(List.of(SUPERSEDED, CURRENT), "PAR", "FAA-S-ACS-6A")).contains(CURRENT);
    }

    @Test
    void anArchivedCodeShowsItsFormerTextNotThePlaceholder() {
        assertThat(AcsCatalog.pick(List.of(PLACEHOLDER, SUPERSEDED, FORMER), "PAR", null)).contains(FORMER);
        CatalogEntry operatorPlaceholder = entry("IRA", List.of("IRA"), "operator", "[Archived]", true, false);
        CatalogEntry guide = new CatalogEntry("PA.I.A.K1", "FAA-G-ACS-2", List.of(), "", "", "knowledge", "Former text.",
                "bundled", "FAA-G-ACS-2", true, false);
        assertThat(AcsCatalog.pick(List.of(guide), "IRA", null)).as("nothing to place it by").contains(guide);
        assertThat(AcsCatalog.pick(List.of(operatorPlaceholder, guide), "IRA", null)).as("placed by the operator's row")
                .contains(new CatalogEntry("PA.I.A.K1", "FAA-G-ACS-2", List.of(), "Preflight Preparation",
                        "Pilot Qualifications", "knowledge", "Former text.", "bundled", "FAA-G-ACS-2", true, false));
    }

    @Test
    void amongEqualTextsTheReportsOwnExamWins() {
        CatalogEntry instructor = entry("FOI, FIA, AFA", List.of("FOI", "FIA", "AFA"), "operator", "Text.", false, false);
        CatalogEntry instrument = entry("FOI, FIP, IPA", List.of("FOI", "FIP", "IPA"), "operator", "Text.", false, false);
        assertThat(AcsCatalog.pick(List.of(instructor, instrument), "IPA", null)).contains(instrument);
        assertThat(AcsCatalog.pick(List.of(), "IPA", null)).isEmpty();
    }

    private static CatalogEntry entry(String document, List<String> examTypes, String source, String description,
                                      boolean archived, boolean superseded) {
        return new CatalogEntry("PA.I.A.K1", document, examTypes, "Preflight Preparation", "Pilot Qualifications",
                "knowledge", description, source, source.equals("bundled") ? document : null, archived, superseded);
    }
}
