package dev.debrief.common;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import org.jboss.logging.MDC;

/**
 * Runs a unit of database work on a new duplicated Vert.x context. Hibernate Reactive keeps one session per
 * context, so work that runs side by side (files of a batch finishing together, background pipelines after the
 * response) must each have its own context; the request id travels along for the logs.
 */
@ApplicationScoped
public class FreshContexts {

    /** The MDC keys the access gate sets for a request's caller. */
    public static final String SCHOOL_KEY = "school";
    public static final String SUBJECT_KEY = "subject";

    private final Vertx vertx;

    FreshContexts(Vertx vertx) {
        this.vertx = vertx;
    }

    public <T> Uni<T> run(String requestId, Supplier<Uni<T>> work) {
        // The caller's school and subject follow the work into its logs, like the request id.
        Object school = MDC.get(SCHOOL_KEY);
        Object subject = MDC.get(SUBJECT_KEY);
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            // New and used by this unit alone: safe for Hibernate Reactive whichever thread asked for it (a
            // duplicate of a request's context inherits the flag; one made from a plain thread would not).
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> {
                if (requestId != null) {
                    MDC.put(RequestIds.MDC_KEY, requestId);
                }
                if (school != null) {
                    MDC.put(SCHOOL_KEY, school);
                }
                if (subject != null) {
                    MDC.put(SUBJECT_KEY, subject);
                }
                Uni<T> unit;
                try {
                    unit = work.get();
                } catch (RuntimeException e) {
                    emitter.fail(e);
                    return;
                }
                unit.subscribe().with(emitter::complete, emitter::fail);
            });
        });
    }
}
