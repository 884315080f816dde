package dev.debrief.common;

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

    private final Vertx vertx;

    FreshContexts(Vertx vertx) {
        this.vertx = vertx;
    }

    public <T> Uni<T> run(String requestId, Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            context.runOnContext(ignored -> {
                if (requestId != null) {
                    MDC.put(RequestIds.MDC_KEY, requestId);
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
