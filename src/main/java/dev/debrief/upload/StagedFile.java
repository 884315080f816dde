package dev.debrief.upload;

import dev.debrief.extraction.FailureType;
import dev.debrief.extraction.FileType;
import java.util.Optional;

/**
 * A file of a batch after validation: its order, names and size, and either the type it was recognised as
 * (its bytes then live in the staging store under {@code storageKey}) or why it was refused.
 */
public record StagedFile(int processingOrder, String originalName, String safeName, long size,
                         Optional<FileType> type, String storageKey, Optional<FailureType> refusal) {

    public boolean accepted() {
        return refusal.isEmpty();
    }
}
