package dev.debrief.upload;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** A staging store in a directory (a shared volume when several replicas run): one folder per batch. */
@ApplicationScoped
class DirectoryStagingStore implements StagingStore {

    private final Path root;

    DirectoryStagingStore(UploadConfig config) {
        this.root = config.stagingDirectory().toAbsolutePath().normalize();
    }

    @Override
    public String keep(UUID batchId, int processingOrder, Path uploadedFile) throws IOException {
        Path folder = Files.createDirectories(root.resolve(batchId.toString()));
        // The key never contains the client's file name: it cannot steer the path.
        String key = batchId + "/" + processingOrder + ".bin";
        Path target = folder.resolve(processingOrder + ".bin");
        try {
            Files.move(uploadedFile, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException crossDevice) {
            Files.copy(uploadedFile, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return key;
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
        Files.createDirectories(root);
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
