package dev.debrief.access;

import dev.debrief.common.ApiProblem;
import dev.debrief.common.ErrorCode;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * How many batches a school may create: a token bucket per school (a burst, then a steady rate), so one school's
 * flood cannot take the extractors from the others. Buckets are per replica: with N replicas behind a balancer a
 * school gets up to N times the rate, which still bounds each replica's work. The schools come from signed
 * tokens, so the map is as large as the issuer's list of schools.
 */
@ApplicationScoped
public class SchoolRateLimits {

    private final AccessConfig config;
    private final MeterRegistry metrics;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    SchoolRateLimits(AccessConfig config, MeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /** Takes one batch from the school's allowance, or refuses with 429 RATE_LIMIT_EXCEEDED and when to come back. */
    public void admitBatch(String school) {
        ConsumptionProbe probe = buckets.computeIfAbsent(school, ignored -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return;
        }
        refused(school).increment();
        long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds()
                + (probe.getNanosToWaitForRefill() % 1_000_000_000L == 0 ? 0 : 1));
        throw new ApiProblem(ErrorCode.RATE_LIMIT_EXCEEDED, "Your school has created batches faster than "
                + config.batchesPerMinute() + " a minute; try again in " + seconds + " s",
                Map.of(ApiProblem.RETRY_AFTER_SECONDS, seconds, "limit_per_minute", config.batchesPerMinute(), "burst", config.batchBurst()));
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(config.batchBurst())
                        .refillGreedy(config.batchesPerMinute(), Duration.ofMinutes(1)).build())
                .build();
    }

    private Counter refused(String school) {
        return Counter.builder("debrief.batches.rate.limited").description("Batches refused with 429, per school")
                .tag("school", school).register(metrics);
    }
}
