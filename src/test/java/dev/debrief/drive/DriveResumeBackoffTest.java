package dev.debrief.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wait before an archive that stopped moving is taken up again. */
class DriveResumeBackoffTest {

    private static final OffsetDateTime START = OffsetDateTime.of(2026, 5, 1, 8, 0, 0, 0, ZoneOffset.UTC);
    private final ResumeBackoff backoff = new ResumeBackoff(Duration.ofMinutes(10), Duration.ofHours(2));

    @Test
    void aYoungArchiveWaitsTheMinimum() {
        assertThat(backoff.waitAfter(START, START.plusMinutes(1))).isEqualTo(Duration.ofMinutes(10));
        assertThat(backoff.resumeAt(START, START.plusMinutes(1))).isEqualTo(START.plusMinutes(11));
    }

    @Test
    void eachRoundThatRunsOutWaitsAboutTwiceAsLongAsTheOneBefore() {
        // every round takes a minute and runs out of attempts; the next starts when its wait is over
        OffsetDateTime end = START.plusMinutes(1);
        List<Long> waits = new ArrayList<>();
        for (int round = 1; round <= 6; round++) {
            waits.add(backoff.waitAfter(START, end).toMinutes());
            end = backoff.resumeAt(START, end).plusMinutes(1);
        }
        assertThat(waits).containsExactly(10L, 12L, 25L, 51L, 103L, 120L);
        assertThat(backoff.waitAfter(START, START.plusHours(20))).as("never beyond the maximum").isEqualTo(Duration.ofHours(2));
    }

    @Test
    void bookkeepingMovedBackBeforeTheStartCountsAsYoung() {
        assertThat(backoff.waitAfter(START, START.minusHours(1))).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theMaximumCannotBeBelowTheMinimum() {
        assertThatThrownBy(() -> new ResumeBackoff(Duration.ofMinutes(10), Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
