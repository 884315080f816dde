package dev.debrief.upload;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * A staging store in a directory (a shared volume when several replicas run): one folder per batch. Uploads are
 * other people's test reports (names, FAA tracking numbers), so where the file system has POSIX permissions the
 * folders are the owner's alone (0700) and so are the files (0600): no other account on the host or the volume
 * reads them. So is the staging directory itself, which also holds the HTTP layer's uploads in flight
 * ({@code quarkus.http.body.uploads-directory}, written with the default permissions): it is made owner-only at
 * start and before it is first used.
 */
@ApplicationScoped
class DirectoryStagingStore implements StagingStore {

    private static final Logger LOG = Logger.getLogger(DirectoryStagingStore.class);
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path root;
    private final boolean posix;
    /** Whether the root has been created or found, and made owner-only (or warned about), by this instance. */
    private volatile boolean rootReady;

    DirectoryStagingStore(UploadConfig config) {
        this.root = config.stagingDirectory().toAbsolutePath().normalize();
        this.posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** The staging directory is secured before the first upload can land in it, not at the first free-space check. */
    void start(@Observes StartupEvent event) {
        try {
            ensureRoot();
        } catch (IOException e) {
            LOG.warnf(e, "The staging directory %s cannot be created; uploads are refused until it can", root);
        }
    }

    /**
     * The staging directory, created owner-only when missing, and made owner-only when it exists (an earlier version
     * of the service, or the HTTP layer, may have created it open). Done once; again only if the directory goes. A
     * directory whose permissions cannot be changed (a mounted volume the service does not own) is used as it is,
     * with a warning: its own permissions are then what keeps other accounts out.
     */
    private void ensureRoot() throws IOException {
        if (rootReady && Files.isDirectory(root)) {
            return;
        }
        synchronized (this) {
            if (rootReady && Files.isDirectory(root)) {
                return;
            }
            if (!posix) {
                Files.createDirectories(root);
            } else {
                Files.createDirectories(root, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
                try {
                    Files.setPosixFilePermissions(root, OWNER_ONLY_FOLDER); // one that existed keeps its own otherwise
                } catch (IOException e) {
                    LOG.warnf("The staging directory %s could not be made owner-only (%s): other accounts may read the"
                            + " uploads in flight in it unless its own permissions keep them out", root, e.toString());
                }
            }
            rootReady = true;
        }
    }

    @Override
    public String keep(UUID batchId, int processingOrder, Path uploadedFile) throws IOException {
        Path folder = batchFolder(batchId);
        // The key never contains the client's file name: it cannot steer the path.
        String key = batchId + "/" + processingOrder + ".bin";
        Path target = folder.resolve(processingOrder + ".bin");
        // restricted before it moves, so that it is never readable by others at its new place, not even briefly
        restrict(uploadedFile, OWNER_ONLY_FILE);
        try {
            Files.move(uploadedFile, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException crossDevice) {
            Files.copy(uploadedFile, target, StandardCopyOption.REPLACE_EXISTING);
            // a copy is a new file with the default permissions; the folder already keeps others out meanwhile
            restrict(target, OWNER_ONLY_FILE);
        }
        return key;
    }

    /**
     * The batch's folder, owner-only, in the owner-only staging root; created so, or made so when an earlier version
     * of the service created it.
     */
    private Path batchFolder(UUID batchId) throws IOException {
        ensureRoot();
        Path folder = root.resolve(batchId.toString());
        if (posix) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
            restrict(folder, OWNER_ONLY_FOLDER); // the umask may have taken nothing, but an older folder may be open
        } else {
            Files.createDirectories(folder);
        }
        return folder;
    }

    private void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (posix) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    @Override
    public Path open(String storageKey) {
        Path path = root.resolve(storageKey).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("Storage key outside the staging directory");
        }
        return path;
    }

    @Override
    public void discard(UUID batchId) throws IOException {
        Path folder = root.resolve(batchId.toString());
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(path);
                } catch (DirectoryNotEmptyException raced) {
                    // A file was staged concurrently; the next discard removes it.
                }
            }
        } catch (NoSuchFileException alreadyGone) {
            // Nothing staged, or already discarded.
        }
    }

    @Override
    public List<UUID> stagedUntouchedSince(Instant before) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<UUID> untouched = new ArrayList<>();
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.toList()) {
                Optional<UUID> batchId = batchIdOf(folder);
                if (batchId.isPresent() && lastTouched(folder).isBefore(before)) {
                    untouched.add(batchId.get());
                }
            }
        }
        return untouched;
    }

    @Override
    public long usableSpace() throws IOException {
        ensureRoot();
        return Files.getFileStore(root).getUsableSpace();
    }

    /** Only batch folders are swept: anything else in the directory (the HTTP layer's own uploads) is not ours. */
    private static Optional<UUID> batchIdOf(Path folder) {
        String name = folder.getFileName().toString();
        if (name.length() != 36 || !Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(name));
        } catch (IllegalArgumentException notABatch) {
            return Optional.empty();
        }
    }

    /** The newest modification in the folder: a batch still being staged keeps it recent. */
    private static Instant lastTouched(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            Instant newest = Instant.EPOCH;
            for (Path path : paths.toList()) {
                try {
                    Instant modified = Files.getLastModifiedTime(path).toInstant();
                    if (modified.isAfter(newest)) {
                        newest = modified;
                    }
                } catch (NoSuchFileException discardedMeanwhile) {
                    // removed while we looked: it no longer counts
                }
            }
            return newest;
        }
    }
}
