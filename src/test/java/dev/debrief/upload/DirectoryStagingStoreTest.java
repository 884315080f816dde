package dev.debrief.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staged uploads are other people's reports: on a POSIX file system only the service's own account reads them. */
class DirectoryStagingStoreTest {

    @TempDir
    Path folder;

    private Path root;
    private DirectoryStagingStore store;

    @BeforeEach
    void createStore() {
        assumeTrue(folder.getFileSystem().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
        root = folder.resolve("staging");
        store = new DirectoryStagingStore(new UploadConfig() {
            @Override
            public int maxFiles() {
                return 30;
            }

            @Override
            public MemorySize maxFileSize() {
                return new MemorySize(BigInteger.valueOf(10 << 20));
            }

            @Override
            public MemorySize maxRequestSize() {
                return new MemorySize(BigInteger.valueOf(100 << 20));
            }

            @Override
            public Path stagingDirectory() {
                return root;
            }

            @Override
            public java.time.Duration orphanGrace() {
                return java.time.Duration.ofHours(1);
            }

            @Override
            public MemorySize minFreeSpace() {
                return new MemorySize(BigInteger.ONE);
            }
        });
    }

    @Test
    void theStagingRootIsOwnerOnlyFromTheFirstFreeSpaceCheck() throws Exception {
        // production order: readiness and the intake ask for free space before anything is kept
        assertThat(store.usableSpace()).isPositive();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rwx------");
    }

    @Test
    void aStagingRootLeftOpenIsClosedBeforeItIsUsed() throws Exception {
        // made by an earlier version, or by the HTTP layer for its uploads folder, with the default permissions
        Files.createDirectories(root.resolve(".incoming"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));

        store.usableSpace();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rwx------");
    }

    @Test
    void stagedFilesAreOwnerOnlyAndSoAreTheirFolders() throws Exception {
        UUID batch = UUID.randomUUID();
        Path upload = Files.writeString(folder.resolve("upload.tmp"), "%PDF-1.7 a report");
        Files.setPosixFilePermissions(upload, PosixFilePermissions.fromString("rw-r--r--"));

        store.usableSpace();
        String key = store.keep(batch, 0, upload);

        Path staged = store.open(key);
        assertThat(Files.readString(staged)).isEqualTo("%PDF-1.7 a report");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(staged))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(staged.getParent()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rwx------");
    }

    @Test
    void aBatchFolderLeftOpenByAnEarlierVersionIsClosed() throws Exception {
        UUID batch = UUID.randomUUID();
        Path older = Files.createDirectories(root.resolve(batch.toString()));
        Files.setPosixFilePermissions(older, PosixFilePermissions.fromString("rwxr-xr-x"));

        store.keep(batch, 1, Files.writeString(folder.resolve("upload.tmp"), "png"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).as("kept first, the root is closed too")
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(older))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(older.resolve("1.bin")))).isEqualTo("rw-------");
    }
}
