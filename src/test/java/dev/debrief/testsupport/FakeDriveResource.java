package dev.debrief.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts {@link FakeDriveServer} on loopback and points the application's real Google client at it
 * ({@code debrief.drive.root-url} and a fixed access token). Tests reach the running fake through
 * {@link #fake()} to reset it, inject faults and inspect what landed.
 */
public class FakeDriveResource implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "fake-drive-test-token";
    private static volatile FakeDriveServer fake;

    public static FakeDriveServer fake() {
        if (fake == null) {
            throw new IllegalStateException("the fake Drive server is not running; annotate the test with @WithTestResource(FakeDriveResource.class)");
        }
        return fake;
    }

    @Override
    public Map<String, String> start() {
        fake = new FakeDriveServer().start();
        fake.requireToken(TOKEN);
        return Map.of("debrief.drive.root-url", fake.rootUrl(), "debrief.drive.access-token", TOKEN);
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.stop();
            fake = null;
        }
    }
}
