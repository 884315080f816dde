package dev.debrief.bench;

import dev.debrief.testsupport.FakeDriveResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * bench/drive-upload, pacer out of the way: does the archive keep the bound busy? Not a test: the class name
 * keeps it out of surefire's default run.
 */
@QuarkusTest
@TestProfile(DriveUploadBenchmark.Unpaced.class)
@WithTestResource(FakeDriveResource.class)
class DriveUploadBenchmark {

    public static class Unpaced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("debrief.drive.concurrency", String.valueOf(DriveUploadBench.BOUND),
                    "debrief.drive.pacer-min-interval", "0s",
                    "quarkus.log.category.\"dev.debrief\".level", "WARN");
        }
    }

    @Test
    void run() throws Exception {
        DriveUploadBench.run("bound 4, pacer off, day's first batch (3 folders made)", 2, 5, true);
        DriveUploadBench.run("bound 4, pacer off, later batch (date folder exists)", 0, 5, false);
    }
}
