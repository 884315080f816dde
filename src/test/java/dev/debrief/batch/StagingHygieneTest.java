package dev.debrief.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Staged bytes never outlive their batch: those whose batch row was never written are swept after a grace period. */
@QuarkusTest
class StagingHygieneTest {

    private static final Path STAGING = Path.of("target/test-staging");

    @Inject
    BatchRemoval removal;

    @Inject
    Pool pool;

    @Test
    void stagedBytesWithoutABatchAreSweptOnceTheGracePeriodIsOver() throws Exception {
        UUID orphan = UUID.randomUUID();
        UUID justStaged = UUID.randomUUID();
        UUID withBatch = UUID.randomUUID();
        try {
            stage(orphan, Instant.now().minus(Duration.ofHours(2)));
            stage(justStaged, Instant.now());
            stage(withBatch, Instant.now().minus(Duration.ofHours(2)));
            pool.preparedQuery("INSERT INTO batch_reports (id, school_id, total_files, status) VALUES ($1, 'school-a', 1, 'completed')")
                    .execute(Tuple.of(withBatch)).await().atMost(Duration.ofSeconds(10));

            assertThat(removal.sweepOrphans().await().atMost(Duration.ofSeconds(20))).isGreaterThanOrEqualTo(1);

            assertThat(STAGING.resolve(orphan.toString())).as("no batch, untouched for two hours").doesNotExist();
            assertThat(STAGING.resolve(justStaged.toString())).as("perhaps a request between staging and commit").exists();
            assertThat(STAGING.resolve(withBatch.toString())).as("its batch still needs it").exists();
        } finally {
            pool.preparedQuery("DELETE FROM batch_reports WHERE id = $1").execute(Tuple.of(withBatch)).await().atMost(Duration.ofSeconds(10));
            for (UUID id : new UUID[] {orphan, justStaged, withBatch}) {
                delete(STAGING.resolve(id.toString()));
            }
        }
    }

    private static void stage(UUID batchId, Instant touched) throws IOException {
        Path folder = Files.createDirectories(STAGING.resolve(batchId.toString()));
        Path file = Files.write(folder.resolve("1.bin"), new byte[] {'%', 'P', 'D', 'F'});
        Files.setLastModifiedTime(file, FileTime.from(touched));
        Files.setLastModifiedTime(folder, FileTime.from(touched));
    }

    private static void delete(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
