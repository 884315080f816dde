package dev.debrief.batch;

import dev.debrief.common.ApiProblem;
import dev.debrief.common.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The files accepted and not yet read, across all batches of this process. A new batch is admitted only while
 * its files fit under the bound; past it the service answers 503 SERVICE_BUSY with Retry-After instead of
 * queueing without end, so nothing is accepted that will not be read in reasonable time. Batches taken over
 * from a stopped process were accepted already: they are counted, never refused.
 */
// Created at start, so that its gauge and counter are scraped from the first minute, not from the first upload on
@Startup
@ApplicationScoped
class ExtractionBacklog {

    private final AtomicInteger unread = new AtomicInteger();
    private final BatchConfig config;
    private final Counter shed;

    ExtractionBacklog(BatchConfig config, MeterRegistry metrics) {
        this.config = config;
        metrics.gauge("debrief.extraction.backlog.files", unread);
        this.shed = Counter.builder("debrief.batches.shed").description("Batches refused with 503 SERVICE_BUSY").register(metrics);
    }

    /**
     * Reserves room for a new batch's files, or refuses it. An empty backlog takes any batch, so a bound set below
     * the largest batch cannot refuse that batch for ever.
     */
    Reservation reserve(int files) {
        int bound = config.maxUnreadFiles();
        int before = unread.getAndUpdate(current -> current == 0 || current + files <= bound ? current + files : current);
        if (before != 0 && before + files > bound) {
            shed.increment();
            long seconds = config.busyRetryAfter().toSeconds();
            throw new ApiProblem(ErrorCode.SERVICE_BUSY, "The service has " + before + " files waiting to be read; try again in "
                    + seconds + " s", Map.of(ApiProblem.RETRY_AFTER_SECONDS, seconds));
        }
        return new Reservation(files);
    }

    /** Counts the files of a batch that was accepted before (a takeover). */
    Reservation admit(int files) {
        unread.addAndGet(files);
        return new Reservation(files);
    }

    int unread() {
        return unread.get();
    }

    /** One batch's share of the backlog, given back a file at a time as each is read. */
    final class Reservation {

        private final AtomicInteger left;

        private Reservation(int files) {
            this.left = new AtomicInteger(files);
        }

        void fileRead() {
            if (left.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                unread.decrementAndGet();
            }
        }

        void releaseRest() {
            unread.addAndGet(-left.getAndSet(0));
        }
    }
}
