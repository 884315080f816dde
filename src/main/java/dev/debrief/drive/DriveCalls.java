package dev.debrief.drive;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Where every Drive call runs: one bounded pool of blocking workers shared by all batches (the Google client
 * blocks), a pacer in front of it, and the retry loop around it. The bound is the pool's size, so it holds
 * whatever the number of batches; the pool's queue is bounded too, and a call that finds it full backs off
 * like a rate-limited one instead of piling up.
 */
@ApplicationScoped
public class DriveCalls {

    private static final Logger LOG = Logger.getLogger(DriveCalls.class);

    private final ThreadPoolExecutor workers;
    private final Bucket pacer;
    private final RetryPolicy policy;

    DriveCalls(DriveConfig config) {
        int bound = Math.max(1, config.concurrency());
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(bound, bound, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.queueCapacity())), runnable -> {
                    Thread thread = new Thread(runnable, "drive-call-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.workers.allowCoreThreadTimeOut(true);
        this.pacer = pacer(config.pacerBurst(), config.pacerMinInterval());
        this.policy = RetryPolicy.of(config);
    }

    /**
     * Bucket4j's token bucket: {@code burst} calls at once, then one per interval on average. A library rather
     * than a home-made pacer because refill arithmetic under contention is easy to get subtly wrong, and its
     * blocking consume parks the worker without spinning.
     */
    static Bucket pacer(int burst, Duration minInterval) {
        int capacity = Math.max(1, burst);
        if (minInterval.isZero() || minInterval.isNegative()) {
            return null;
        }
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, minInterval.multipliedBy(capacity)).build())
                .build();
    }

    /** One paced call on a Drive worker, its failure already classified. Items arrive on the worker thread. */
    public <T> Uni<T> once(Supplier<T> call) {
        return Uni.createFrom().<T>item(() -> {
                    pace();
                    return call.get();
                })
                .runSubscriptionOn(command -> {
                    try {
                        workers.execute(command);
                    } catch (RejectedExecutionException full) {
                        throw new DriveCallException(DriveCallException.Kind.RETRYABLE, "local_queue_full", null,
                                "Too many Drive calls are waiting; backing off", full);
                    }
                })
                .onFailure().transform(DriveErrors::classify);
    }

    /**
     * Runs {@code attempt} (given the 1-based attempt number) until it succeeds, fails for good, or the attempts
     * are used up. The attempt itself decides what a retry must check first (e.g. whether a lost upload landed).
     */
    public <T> Uni<T> withRetries(String what, IntFunction<Uni<T>> attempt) {
        return attempt(what, attempt, 1);
    }

    private <T> Uni<T> attempt(String what, IntFunction<Uni<T>> attempt, int number) {
        return Uni.createFrom().deferred(() -> attempt.apply(number)).onFailure().recoverWithUni(failure -> {
            DriveCallException classified = DriveErrors.classify(failure);
            if (!policy.mayRetry(number, classified)) {
                return Uni.createFrom().failure(classified);
            }
            Duration wait = policy.delayAfter(number, classified.retryAfter(), ThreadLocalRandom.current()::nextDouble);
            LOG.debugf("%s: attempt %d failed (%s); next in %d ms", what, number, classified.reason(), wait.toMillis());
            return Uni.createFrom().voidItem().onItem().delayIt().by(wait)
                    .chain(() -> attempt(what, attempt, number + 1));
        });
    }

    private void pace() {
        if (pacer == null) {
            return;
        }
        try {
            pacer.asBlocking().consume(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriveCallException(DriveCallException.Kind.RETRYABLE, "interrupted", null, "Interrupted while paced", e);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        workers.shutdownNow();
    }
}
