package dev.debrief.upload;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
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
}
