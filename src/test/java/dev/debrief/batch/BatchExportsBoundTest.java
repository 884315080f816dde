package dev.debrief.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The class reports' drawing threads take a bounded number of waiting reports, and refuse the next at once. */
class BatchExportsBoundTest {

    private final BatchExports exports = new BatchExports(null, null);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        exports.stop();
    }

    @Test
    void pastTheThreadsAndTheWaitingOnesTheNextIsRefusedAtOnceAndTheOthersAllFinish() throws Exception {
        List<CompletableFuture<Integer>> held = new ArrayList<>();
        for (int i = 0; i < BatchExports.AT_ONCE + BatchExports.WAITING; i++) {
            int n = i;
            held.add(exports.onDrawingThread(() -> {
                awaitRelease();
                return n;
            }).subscribeAsCompletionStage());
        }

        Uni<Integer> oneTooMany = exports.onDrawingThread(() -> -1);

        assertThatThrownBy(() -> oneTooMany.await().atMost(Duration.ofSeconds(5))).isInstanceOf(RejectedExecutionException.class);
        release.countDown();
        for (int i = 0; i < held.size(); i++) {
            assertThat(held.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
        }
        assertThat(exports.onDrawingThread(() -> 7).await().atMost(Duration.ofSeconds(5))).as("room again once drawn").isEqualTo(7);
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
