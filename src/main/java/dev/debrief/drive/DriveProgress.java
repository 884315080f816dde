package dev.debrief.drive;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * Hears of each upload of an archive once its outcome is booked, so that the batch can tell its watchers; Drive
 * keeps no log of its own. Called on a fresh context of its own, one upload at a time per call; a failure is
 * logged by the archiver and does not change the upload's outcome.
 */
@FunctionalInterface
public interface DriveProgress {

    Uni<Void> settled(DriveUpload upload);

    /**
     * One upload's outcome: {@code completed}, {@code failed}, or {@code pending} when it waits for a later round.
     *
     * @param fileId  the batch file, or null for a summary document
     * @param name    the name in Drive (summary.json and class-report.pdf for the summary documents)
     * @param file    what landed in Drive; null unless completed
     * @param error   why it failed or waits, in the callers' words; null when completed
     */
    record DriveUpload(UUID fileId, String name, String status, DriveFile file, String error) {
    }
}
