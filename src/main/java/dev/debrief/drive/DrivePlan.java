package dev.debrief.drive;

import io.smallrye.mutiny.Uni;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What to archive for one batch: the folder path from the top, the files, and the summary documents once they
 * exist; and who hears of each upload as it settles.
 *
 * @param summary      yields the summary documents when the batch has a summary (empty when none was made); null
 *                     when they are not part of this round
 * @param checkFirst   whether even the first attempt asks Drive for an earlier copy (a retry round: an upload
 *                     whose answer was lost may have landed)
 * @param progress     told of every upload once its outcome is booked, before the round answers
 */
public record DrivePlan(UUID batchId, List<String> folderSegments, List<Upload> uploads, Uni<Optional<Summary>> summary,
                        boolean checkFirst, DriveProgress progress) {

    public DrivePlan {
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(progress, "progress");
        folderSegments = List.copyOf(folderSegments);
        uploads = List.copyOf(uploads);
        if (folderSegments.isEmpty()) {
            throw new IllegalArgumentException("no folder to upload into");
        }
    }

    /**
     * The summary documents, archived together under the batch's summary status: summary.json, and the class
     * report PDF beside it when it could be drawn (null otherwise: summary.json never waits on or fails with it).
     */
    public record Summary(byte[] json, byte[] classReportPdf) {
    }

    /** One staged file; {@code name} is the sanitised name it gets in Drive. */
    public record Upload(UUID fileId, String name, String mimeType, Path content) {
    }
}
