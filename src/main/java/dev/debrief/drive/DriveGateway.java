package dev.debrief.drive;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The port the pipeline uses to archive files in Google Drive.
 *
 * <p>Every method is blocking and must run on a worker thread. A failed call throws
 * {@link DriveCallException}, already classified; implementations never retry on their own, so the
 * scheduler's backoff is the only retry policy in the system.
 */
public interface DriveGateway {

    /**
     * The oldest non-trashed folder {@code name} directly under {@code parentId} that carries every given app
     * property, if any: one listing (the further pages Drive seldom answers a filtered listing with are followed
     * within it; they are reads only). At least one property is required, so that a folder the service did not
     * make and tag is never found.
     *
     * @param parentId the parent folder id, or {@code null} for the configured root (the shared drive's
     *                 root, or My Drive's root)
     */
    Optional<DriveFolder> findFolder(String parentId, String name, Map<String, String> appProperties);

    /**
     * Makes the folder {@code name} under {@code parentId} (null: the configured root), tagged with the given app
     * properties, whether or not one is there already: one create. Looking first, and settling on the oldest twin,
     * is {@link DriveFolders}'s work, so that each of the calls is retried on its own.
     */
    DriveFolder createFolder(String parentId, String name, Map<String, String> appProperties);

    /**
     * The oldest non-trashed file directly in {@code folderId} that carries every given app property.
     * Asked before re-uploading, so that an upload whose response was lost is not made twice.
     */
    Optional<DriveFile> findTagged(String folderId, Map<String, String> appProperties);

    /** Uploads a file from disk; resumable above the configured threshold, one multipart request below. */
    DriveFile upload(String folderId, String name, String mimeType, Path content, Map<String, String> appProperties);

    /** Uploads in-memory content (e.g. {@code summary.json}); same rules as {@link #upload}. */
    DriveFile uploadBytes(String folderId, String name, String mimeType, byte[] content, Map<String, String> appProperties);

    /** Lets anyone with the link read the file. */
    void grantAnyoneReader(String fileId);
}
