package dev.debrief.drive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.debrief.drive.DriveCallException.Kind;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(16), 0.2, Duration.ofSeconds(60));

    @Test
    void delaysDoubleFromOneToSixteenSeconds() {
        assertThat(java.util.stream.IntStream.rangeClosed(1, 6)
                .mapToObj(n -> policy.delayAfter(n, Optional.empty(), () -> 0.5).toSeconds()).toList())
                .containsExactly(1L, 2L, 4L, 8L, 16L, 16L);
    }

    @Test
    void jitterStaysWithinTwentyPercent() {
        assertThat(policy.delayAfter(3, Optional.empty(), () -> 0.0)).isEqualTo(Duration.ofMillis(3200));
        assertThat(policy.delayAfter(3, Optional.empty(), () -> 0.999999)).isEqualTo(Duration.ofMillis(4800));
    }

    @Test
    void retryAfterIsAFloorWithACap() {
        assertThat(policy.delayAfter(1, Optional.of(Duration.ofSeconds(7)), () -> 0.5)).isEqualTo(Duration.ofSeconds(7));
        assertThat(policy.delayAfter(5, Optional.of(Duration.ofSeconds(3)), () -> 0.5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(policy.delayAfter(1, Optional.of(Duration.ofHours(2)), () -> 0.5)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void onlyRetryableFailuresAreRetriedAndOnlyFiveTimesInAll() {
        DriveCallException busy = new DriveCallException(Kind.RETRYABLE, "rateLimitExceeded", null, "slow down", null);
        DriveCallException quota = new DriveCallException(Kind.FATAL_FOR_BATCH, "storageQuotaExceeded", null, "full", null);
        DriveCallException notFound = new DriveCallException(Kind.FAILED, "notFound", null, "gone", null);
        assertThat(policy.mayRetry(1, busy)).isTrue();
        assertThat(policy.mayRetry(4, busy)).isTrue();
        assertThat(policy.mayRetry(5, busy)).isFalse();
        assertThat(policy.mayRetry(1, quota)).isFalse();
        assertThat(policy.mayRetry(1, notFound)).isFalse();
    }
}
