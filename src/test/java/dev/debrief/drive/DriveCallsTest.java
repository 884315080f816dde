package dev.debrief.drive;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared pool of Drive calls on its own: what a full local queue does to the calls that find it full. */
class DriveCallsTest {

    @Test
    void aCallThatFindsTheQueueFullWaitsForRoomWithoutSpendingItsOnlyAttempt() throws Exception {
        // One worker, room for one more: six calls at once overflow the queue four times over. With a single
        // attempt each, any call counted against its attempts when the queue was full would fail for good.
        RetryPolicy oneAttempt = new RetryPolicy(1, Duration.ofMillis(5), Duration.ofMillis(20), 0.2, Duration.ZERO);
        DriveCalls calls = new DriveCalls(1, 1, null, oneAttempt);
        AtomicInteger reachedDrive = new AtomicInteger();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int call = i;
            results.add(calls.withRetries("call " + i, attempt -> calls.once(() -> {
                sleep(30);
                reachedDrive.incrementAndGet();
                return call;
            })).subscribeAsCompletionStage());
        }

        for (int i = 0; i < 6; i++) {
            assertThat(results.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
        }
        assertThat(reachedDrive).as("each call reached Drive exactly once").hasValue(6);
    }

    @Test
    void aCallThatFailsAtDriveSpendsItsAttempts() {
        RetryPolicy twoAttempts = new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(20), 0.2, Duration.ZERO);
        DriveCalls calls = new DriveCalls(1, 1, null, twoAttempts);
        AtomicInteger tries = new AtomicInteger();

        Uni<Integer> failing = calls.withRetries("failing", attempt -> calls.once(() -> {
            tries.incrementAndGet();
            throw new DriveCallException(DriveCallException.Kind.RETRYABLE, "backendError", null, "Drive answered 503", null);
        }));

        assertThat(failing.subscribeAsCompletionStage()).failsWithin(Duration.ofSeconds(10));
        assertThat(tries).hasValue(2);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
