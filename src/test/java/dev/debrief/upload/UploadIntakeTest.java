package dev.debrief.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.debrief.common.ApiProblem;
import dev.debrief.common.ErrorCode;
import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The free-space test at the door. The request's files are on the staging volume already when it runs (the HTTP
 * layer writes them there and keeping one is a rename), so the door asks what readiness asks, nothing more.
 */
class UploadIntakeTest {

    private static final long MIN_FREE = 1 << 20;

    @TempDir
    Path folder;

    private long usableSpace;
    private final List<Path> kept = new ArrayList<>();

    @Test
    void aVolumeAtItsMinimumFreeSpaceTakesTheBatchWhateverItsSize() throws Exception {
        usableSpace = MIN_FREE;
        Path upload = Files.write(folder.resolve("upload.tmp"), new byte[] {'%', 'P', 'D', 'F', '-', '1', '.', '7'});
        IncomingFile file = new IncomingFile("report.pdf", upload, 10L << 20); // as large as a file may be

        List<StagedFile> staged = intake().stage(UUID.randomUUID(), List.of(file));

        assertThat(staged).singleElement().satisfies(one -> assertThat(one.accepted()).isTrue());
        assertThat(kept).containsExactly(upload);
        assertThat(intake().hasRoom()).as("and readiness agrees").isTrue();
    }

    @Test
    void aVolumeBelowItsMinimumFreeSpaceIsBusy() throws Exception {
        usableSpace = MIN_FREE - 1;
        Path upload = Files.write(folder.resolve("upload.tmp"), new byte[] {'%', 'P', 'D', 'F', '-', '1', '.', '7'});

        assertThatThrownBy(() -> intake().stage(UUID.randomUUID(), List.of(new IncomingFile("report.pdf", upload, 8))))
                .isInstanceOfSatisfying(ApiProblem.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_BUSY));
        assertThat(kept).isEmpty();
        assertThat(intake().hasRoom()).as("and readiness agrees").isFalse();
    }

    private UploadIntake intake() {
        return new UploadIntake(config(), new StagingStore() {
            @Override
            public String keep(UUID batchId, int processingOrder, Path uploadedFile) {
                kept.add(uploadedFile);
                return batchId + "/" + processingOrder + ".bin";
            }

            @Override
            public Path open(String storageKey) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void discard(UUID batchId) {
            }

            @Override
            public List<UUID> stagedUntouchedSince(Instant before) {
                return List.of();
            }

            @Override
            public long usableSpace() {
                return usableSpace;
            }
        });
    }

    private static UploadConfig config() {
        return new UploadConfig() {
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
                throw new UnsupportedOperationException("the store is a stand-in");
            }

            @Override
            public Duration orphanGrace() {
                return Duration.ofHours(1);
            }

            @Override
            public MemorySize minFreeSpace() {
                return new MemorySize(BigInteger.valueOf(MIN_FREE));
            }
        };
    }
}
