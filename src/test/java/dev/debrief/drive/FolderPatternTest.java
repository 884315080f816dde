package dev.debrief.drive;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FolderPatternTest {

    private static final LocalDate DATE = LocalDate.of(2026, 3, 9);
    private static final UUID BATCH = UUID.fromString("0b5c2a4e-8f3d-4c1a-9e7b-2d6f1a3c5e70");

    @Test
    void theDefaultPatternNamesADayFolderAndABatchFolder() {
        assertThat(FolderPattern.defaultPattern().segments(DATE, BATCH, "school-a", null))
                .containsExactly("Debrief-Batches", "2026-03-09", "batch-" + BATCH);
    }

    @Test
    void yearAndMonthAreFourAndTwoDigits() {
        FolderPattern pattern = new FolderPattern("Archive/{year}/{month}/{year}-{month} {batch_id}");

        assertThat(pattern.segments(LocalDate.of(987, 1, 31), BATCH, "school-a", null))
                .containsExactly("Archive", "0987", "01", "0987-01 " + BATCH);
    }

    @Test
    void eachSchoolCanHaveItsOwnTree() {
        assertThat(new FolderPattern("Debrief/{school}/{date}/batch-{batch_id}").segments(DATE, BATCH, "desert-sky", null))
                .containsExactly("Debrief", "desert-sky", "2026-03-09", "batch-" + BATCH);
        assertThat(new FolderPattern("{school}/x").segments(DATE, BATCH, "a/b", null)).first().isEqualTo("a-b");
    }

    @Test
    void theFolderNameReplacesTheLastSegment() {
        assertThat(FolderPattern.defaultPattern().segments(DATE, BATCH, "school-a", "Spring class 2026"))
                .containsExactly("Debrief-Batches", "2026-03-09", "Spring class 2026");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n", "\u0000\u0007"})
    void aFolderNameThatSanitisesToNothingKeepsThePatternsSegment(String override) {
        assertThat(FolderPattern.defaultPattern().segments(DATE, BATCH, "school-a", override)).last().isEqualTo("batch-" + BATCH);
    }

    @Test
    void folderNamesAreSanitised() {
        assertThat(FolderPattern.defaultPattern().segments(DATE, BATCH, "school-a", "  Spring/Summer\u0007\t2026 ")).last()
                .isEqualTo("Spring-Summer2026");
        assertThat(FolderPattern.defaultPattern().segments(DATE, BATCH, "school-a", "O'Brien \\ \"class\"")).last()
                .as("quotes and backslashes are fine in Drive names; the gateway escapes them in queries")
                .isEqualTo("O'Brien \\ \"class\"");
    }

    @Test
    void longNamesAreCutAt255CharactersWithoutSplittingASurrogatePair() {
        String tooLong = "a".repeat(254) + "\uD83D\uDE00" + "tail";

        String last = FolderPattern.defaultPattern().segments(DATE, BATCH, "school-a", tooLong).get(2);

        assertThat(last).isEqualTo("a".repeat(254));
        assertThat(FolderPattern.defaultPattern().segments(DATE, BATCH, "school-a", "b".repeat(300)).get(2)).hasSize(255);
    }

    @Test
    void surroundingSlashesAreForgiven() {
        assertThat(new FolderPattern("/Debrief/{date}/").segments(DATE, BATCH, "school-a", null)).containsExactly("Debrief", "2026-03-09");
    }

    @Test
    void aSingleSegmentPatternIsReplacedWhole() {
        assertThat(new FolderPattern("{batch_id}").segments(DATE, BATCH, "school-a", "mine")).containsExactly("mine");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Debrief/{day}", "Debrief/{Date}", "Debrief/{batch-id}", "Debrief/{}"})
    void unknownPlaceholdersAreRejectedAtConstruction(String pattern) {
        assertThatThrownBy(() -> new FolderPattern(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown placeholder");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "/", "a//b", "a/ /b", "a/{date", "a/date}", "a/\u0001"})
    void malformedPatternsAreRejectedAtConstruction(String pattern) {
        assertThatThrownBy(() -> new FolderPattern(pattern)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPatternLongerThanItsColumnIsRejected() {
        assertThatThrownBy(() -> new FolderPattern("x".repeat(256))).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void segmentsAreAlwaysUsableDriveNames(@ForAll String override) {
        List<String> segments = FolderPattern.defaultPattern().segments(DATE, BATCH, "school-a", override);

        assertThat(segments).hasSize(3).allSatisfy(s -> {
            assertThat(s).isNotEmpty().doesNotContain("/").hasSizeLessThanOrEqualTo(FolderPattern.MAX_SEGMENT_LENGTH);
            assertThat(s.strip()).isEqualTo(s);
            assertThat(s.codePoints().noneMatch(Character::isISOControl)).isTrue();
        });
    }
}
