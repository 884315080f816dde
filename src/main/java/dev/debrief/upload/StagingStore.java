package dev.debrief.upload;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Keeps uploaded bytes past the request that brought them, until the batch no longer needs them (extraction
 * and Drive both done, or the batch deleted). Blocking: call it on a worker thread.
 */
public interface StagingStore {

    /** Takes ownership of the uploaded file (moved, not copied, when possible) and returns its storage key. */
    String keep(UUID batchId, int processingOrder, Path uploadedFile) throws IOException;

    /** The readable path of a staged file. */
    Path open(String storageKey);

    /** Removes every staged byte of the batch; quietly does nothing when there is none. */
    void discard(UUID batchId) throws IOException;

    /** The batches with staged bytes that nothing has touched since {@code before}: candidates for the orphan sweep. */
    List<UUID> stagedUntouchedSince(Instant before) throws IOException;

    /** Bytes still free where the staged files are kept. */
    long usableSpace() throws IOException;
}
