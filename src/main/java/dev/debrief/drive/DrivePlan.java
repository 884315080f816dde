package dev.debrief.drive;

import io.smallrye.mutiny.Uni;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What to archive for one batch: the folder path from the top, the files, and summary.json once it exists.
 *
 * @param summary      yields the summary's JSON when the batch has one (empty when none was made); null when
 *                     summary.json is not part of this round
 * @param checkFirst   whether even the first attempt asks Drive for an earlier copy (a retry round: an upload
 *                     whose answer was lost may have landed)
 */
public record DrivePlan(UUID batchId, List<String> folderSegments, List<Upload> uploads, Uni<Optional<byte[]>> summary,
                        boolean checkFirst) {

    public DrivePlan {
        Objects.requireNonNull(batchId, "batchId");
        folderSegments = List.copyOf(folderSegments);
        uploads = List.copyOf(uploads);
        if (folderSegments.isEmpty()) {
            throw new IllegalArgumentException("no folder to upload into");
        }
    }

    /** One staged file; {@code name} is the sanitised name it gets in Drive. */
    public record Upload(UUID fileId, String name, String mimeType, Path content) {
    }
}
