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

/**
 * The shared pool of Drive calls on its own: what a full local queue does to the calls that find it full, and how
 * the attempts of calls made within one step are counted.
 */
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

    @Test
    void eachCallOfAStepHasAttemptsOfItsOwn() {
        RetryPolicy threeAttempts = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), 0.2, Duration.ZERO);
        DriveCalls calls = new DriveCalls(1, 4, null, threeAttempts);
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();

        // Two failures each: four in a row, which one budget of three for the whole step could not absorb.
        Uni<String> step = calls.call("first", () -> failTwice(first))
                .chain(() -> calls.call("second", () -> failTwice(second)))
                .replaceWith("done");

        assertThat(step.await().atMost(Duration.ofSeconds(10))).isEqualTo("done");
        assertThat(first).as("not sent again once it succeeded").hasValue(3);
        assertThat(second).hasValue(3);
    }

    @Test
    void aCheckThatRanOutOfAttemptsEndsTheStepInsteadOfGettingMore() {
        RetryPolicy threeAttempts = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), 0.2, Duration.ZERO);
        DriveCalls calls = new DriveCalls(1, 4, null, threeAttempts);
        AtomicInteger checks = new AtomicInteger();
        AtomicInteger sends = new AtomicInteger();

        // What an upload does: every attempt after the first looks for an earlier copy, in a call of its own.
        Uni<Integer> upload = calls.withRetries("upload", attempt -> (attempt == 1 ? Uni.createFrom().voidItem()
                        : calls.call("look", () -> {
                            checks.incrementAndGet();
                            throw backendError();
                        }).replaceWithVoid())
                .chain(() -> calls.once(() -> {
                    sends.incrementAndGet();
                    throw backendError();
                })));

        Throwable failure = upload.map(ignored -> (Throwable) null).onFailure().recoverWithItem(f -> f)
                .await().atMost(Duration.ofSeconds(10));
        assertThat(failure).isInstanceOf(DriveCalls.OutOfAttempts.class).hasMessageContaining("3 attempts");
        assertThat(((DriveCallException) failure).retryable()).isTrue();
        assertThat(sends).hasValue(1);
        assertThat(checks).as("the look's own three, not three more per attempt of the upload").hasValue(3);
    }

    private static int failTwice(AtomicInteger tries) {
        if (tries.incrementAndGet() <= 2) {
            throw backendError();
        }
        return tries.get();
    }

    private static DriveCallException backendError() {
        return new DriveCallException(DriveCallException.Kind.RETRYABLE, "backendError", null, "Drive answered 503", null);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
