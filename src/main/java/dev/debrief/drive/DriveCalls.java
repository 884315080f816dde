package dev.debrief.drive;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
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
 * whatever the number of batches; the pool's queue is bounded too, and a call that finds it full waits and
 * tries again instead of piling up (without spending one of its attempts: it never reached Drive).
 *
 * <p>The unit of retry is one HTTP call ({@link #call}): a step made of several calls (find, then create) retries
 * each on its own, so a call that keeps failing never spends the attempts of the calls before it. A step that
 * must check something before trying again (did the lost upload land?) makes that check a call of its own, with
 * its own attempts; when the check runs out of them, the step ends there rather than starting another round of
 * checks ({@link OutOfAttempts} is never retried by a loop around it).
 */
@ApplicationScoped
public class DriveCalls {

    private static final Logger LOG = Logger.getLogger(DriveCalls.class);
    private static final String LOCAL_QUEUE_FULL = "local_queue_full";

    private final ThreadPoolExecutor workers;
    private final Bucket pacer;
    private final RetryPolicy policy;

    @Inject
    DriveCalls(DriveConfig config) {
        this(config.concurrency(), config.queueCapacity(), pacer(config.pacerBurst(), config.pacerMinInterval()),
                RetryPolicy.of(config));
    }

    DriveCalls(int concurrency, int queueCapacity, Bucket pacer, RetryPolicy policy) {
        int bound = Math.max(1, concurrency);
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(bound, bound, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, queueCapacity)), runnable -> {
                    Thread thread = new Thread(runnable, "drive-call-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.workers.allowCoreThreadTimeOut(true);
        this.pacer = pacer;
        this.policy = policy;
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
                        throw new DriveCallException(DriveCallException.Kind.RETRYABLE, LOCAL_QUEUE_FULL, null,
                                "Too many Drive calls are waiting; backing off", full);
                    }
                })
                .onFailure().transform(DriveErrors::classify);
    }

    /** One Drive HTTP call with attempts of its own. */
    public <T> Uni<T> call(String what, Supplier<T> call) {
        return withRetries(what, attempt -> once(call));
    }

    /**
     * Runs {@code attempt} (given the 1-based attempt number) until it succeeds, fails for good, or the attempts
     * are used up. The attempt itself decides what a retry must check first (e.g. whether a lost upload landed);
     * it should send one call that can fail for Drive's reasons, every other call in it going through {@link #call}.
     * A failure that used up its attempts comes out as {@link OutOfAttempts}.
     */
    public <T> Uni<T> withRetries(String what, IntFunction<Uni<T>> attempt) {
        return attempt(what, attempt, 1);
    }

    private <T> Uni<T> attempt(String what, IntFunction<Uni<T>> attempt, int number) {
        return Uni.createFrom().deferred(() -> attempt.apply(number)).onFailure().recoverWithUni(failure -> {
            DriveCallException classified = DriveErrors.classify(failure);
            if (classified instanceof OutOfAttempts) {
                // A call inside this attempt already had its own tries; trying the attempt again would give it more.
                return Uni.createFrom().failure(classified);
            }
            if (LOCAL_QUEUE_FULL.equals(classified.reason())) {
                // The call never left this process: wait for room without spending an attempt Drive is owed,
                // or a busy hour (many batches archiving at once) would fail files while Drive is healthy.
                Duration wait = policy.delayAfter(1, Optional.empty(), ThreadLocalRandom.current()::nextDouble);
                return Uni.createFrom().voidItem().onItem().delayIt().by(wait).chain(() -> attempt(what, attempt, number));
            }
            if (!policy.mayRetry(number, classified)) {
                return Uni.createFrom().failure(classified.retryable() ? new OutOfAttempts(classified, number) : classified);
            }
            Duration wait = policy.delayAfter(number, classified.retryAfter(), ThreadLocalRandom.current()::nextDouble);
            LOG.debugf("%s: attempt %d failed (%s); next in %d ms", what, number, classified.reason(), wait.toMillis());
            return Uni.createFrom().voidItem().onItem().delayIt().by(wait)
                    .chain(() -> attempt(what, attempt, number + 1));
        });
    }

    /**
     * A call that failed in a way worth retrying on each of its attempts. Still {@link DriveCallException.Kind#RETRYABLE}:
     * what failed was transient, only this round's patience ran out, so the archive waits and goes again later.
     */
    public static final class OutOfAttempts extends DriveCallException {

        private final int attempts;

        OutOfAttempts(DriveCallException last, int attempts) {
            super(last.kind(), last.reason(), last.status().orElse(null), last.retryAfter().orElse(null), last.getMessage()
                    + " (" + attempts + (attempts == 1 ? " attempt)" : " attempts)"), last);
            this.attempts = attempts;
        }

        public int attempts() {
            return attempts;
        }
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
