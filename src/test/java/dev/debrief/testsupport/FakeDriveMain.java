package dev.debrief.testsupport;

import dev.debrief.testsupport.FakeDriveServer.Endpoint;
import dev.debrief.testsupport.FakeDriveServer.Fault;
import dev.debrief.testsupport.FakeDriveStore.Item;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The fake Drive server by hand, for dev mode and demos:
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.debrief.testsupport.FakeDriveMain -Dexec.args="--port 8099 --faults 0.3"
 * </pre>
 * then start dev mode with {@code -Ddebrief.drive.root-url=http://127.0.0.1:8099/ -Ddebrief.drive.access-token=dev}.
 * Options: {@code --port} (default 8099), {@code --faults} (share of uploads that fail retryably, lost responses
 * included; default 0), {@code --latency-ms} (added to every answer). Ctrl-C prints what Drive holds and stops.
 */
public final class FakeDriveMain {

    private FakeDriveMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 8099;
        double faults = 0;
        long latencyMs = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--faults" -> faults = Double.parseDouble(args[++i]);
                case "--latency-ms" -> latencyMs = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (known: --port, --faults, --latency-ms)");
            }
        }
        FakeDriveServer fake = new FakeDriveServer().start(port);
        if (faults > 0) {
            fake.failRandomly(Endpoint.UPLOAD, faults, System.nanoTime(), Fault.RETRYABLE_MIX_WITH_LOST_RESPONSES.toArray(Fault[]::new));
        }
        if (latencyMs > 0) {
            fake.latency(Duration.ofMillis(latencyMs));
        }
        System.out.printf("Fake Drive on %s (upload faults %.0f %%, latency %d ms); any bearer token is accepted.%n",
                fake.rootUrl(), faults * 100, latencyMs);
        System.out.printf("Dev mode: ./mvnw quarkus:dev -Ddebrief.drive.root-url=%s -Ddebrief.drive.access-token=dev%n", fake.rootUrl());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("What the fake Drive holds:");
            for (Item item : fake.snapshot().items()) {
                System.out.printf("  %s %s  [%s]%s%n", item.isFolder() ? "dir " : "file", String.join("/", fake.snapshot().pathOf(item.id())),
                        item.id(), item.appProperties().isEmpty() ? "" : " " + item.appProperties());
            }
            fake.stop();
            stopped.countDown();
        }));
        stopped.await();
    }
}
