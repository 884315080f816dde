package dev.debrief.bench;

import dev.debrief.testsupport.FakeDriveResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bench/drive-upload with the production pacer (100 ms between calls, burst 10): what the pacer costs. */
@QuarkusTest
@TestProfile(DriveUploadPacedBenchmark.Paced.class)
@WithTestResource(FakeDriveResource.class)
class DriveUploadPacedBenchmark {

    public static class Paced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("debrief.drive.concurrency", String.valueOf(DriveUploadBench.BOUND),
                    "debrief.drive.pacer-min-interval", "100ms", "debrief.drive.pacer-burst", "10",
                    "quarkus.log.category.\"dev.debrief\".level", "WARN");
        }
    }

    @Test
    void run() throws Exception {
        DriveUploadBench.run("bound 4, pacer 100 ms / burst 10 (default), day's first batch", 0, 3, true);
    }
}
