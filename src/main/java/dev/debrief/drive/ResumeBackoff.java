package dev.debrief.drive;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * How long an archive that stopped moving (its round ran out of attempts, or its process stopped) stays idle before
 * the resume job takes it up again: as long as the archive had existed when it last moved, between {@code min} and
 * {@code max}. Each round then starts about twice as late as the one before, so a Drive that keeps failing is asked
 * less and less often, and no round counter has to be kept: the folder row's creation and the latest update of the
 * archive's rows are enough. Pure.
 *
 * @param min never less than debrief.drive.stale-after: a round still running may be silent that long (backoff,
 *            Retry-After), and must not be taken for a stopped one
 */
public record ResumeBackoff(Duration min, Duration max) {

    public ResumeBackoff {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 <= min <= max, got " + min + " and " + max);
        }
    }

    static ResumeBackoff of(DriveConfig config) {
        return new ResumeBackoff(config.staleAfter(), config.resumeBackoffMax().compareTo(config.staleAfter()) < 0
                ? config.staleAfter() : config.resumeBackoffMax());
    }

    /** The idle time due after an archive that began at {@code start} last moved at {@code lastMoved}. */
    public Duration waitAfter(OffsetDateTime start, OffsetDateTime lastMoved) {
        Duration age = Duration.between(start, lastMoved);
        if (age.compareTo(min) < 0) {
            return min;
        }
        return age.compareTo(max) > 0 ? max : age;
    }

    /** When an archive that began at {@code start} and last moved at {@code lastMoved} may be resumed. */
    public OffsetDateTime resumeAt(OffsetDateTime start, OffsetDateTime lastMoved) {
        return lastMoved.plus(waitAfter(start, lastMoved));
    }
}
