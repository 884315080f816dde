package dev.debrief.drive;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed Drive call again and how long to wait first (DOMAIN.md §4): exponential backoff
 * (1, 2, 4, 8, 16 s by default) with jitter, never shorter than the server's Retry-After. Pure.
 *
 * <p>Hand-rolled rather than Mutiny's {@code retry().withBackOff(...)}: Mutiny computes its delays from the
 * attempt number alone and cannot stretch one to the Retry-After carried by the failure.
 *
 * @param jitter fraction of each delay added or removed at random, e.g. 0.2 for ±20 %
 */
public record RetryPolicy(int maxAttempts, Duration initial, Duration max, double jitter, Duration retryAfterMax) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initial.isNegative() || max.isNegative() || retryAfterMax.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
    }

    static RetryPolicy of(DriveConfig config) {
        return new RetryPolicy(config.maxAttempts(), config.backoffInitial(), config.backoffMax(), config.backoffJitter(),
                config.retryAfterMax());
    }

    /** Whether a call that failed with {@code failure} on attempt {@code attempt} (1-based) may run again. */
    public boolean mayRetry(int attempt, DriveCallException failure) {
        return failure.retryable() && attempt < maxAttempts;
    }

    /** The wait after failed attempt {@code attempt} (1-based); {@code random} yields values in [0, 1). */
    public Duration delayAfter(int attempt, Optional<Duration> retryAfter, DoubleSupplier random) {
        long base = initial.toMillis();
        for (int i = 1; i < attempt && base < max.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, max.toMillis());
        long jittered = Math.round(base * (1 + jitter * (2 * random.getAsDouble() - 1)));
        long floor = retryAfter.map(d -> Math.min(d.toMillis(), retryAfterMax.toMillis())).orElse(0L);
        return Duration.ofMillis(Math.max(jittered, floor));
    }
}
