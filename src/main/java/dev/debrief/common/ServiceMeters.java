package dev.debrief.common;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * The service's own meters ({@code debrief.*}) go with the application that made them. The registry they are made
 * in outlives the application in a dev-mode reload or a test restart in the same JVM: a meter left there would keep
 * reading the stopped application's objects (through a CDI proxy, asking a stopped container for its bean), and
 * the next application's meter of the same name would find it and never be registered.
 */
@ApplicationScoped
public class ServiceMeters {

    static final String PREFIX = "debrief.";

    private final MeterRegistry registry;

    ServiceMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void removeOnStop(@Observes ShutdownEvent event) {
        removeAll(registry);
    }

    /** Removes every meter of the service from the registry; the framework's own stay. */
    public static void removeAll(MeterRegistry registry) {
        List<Meter> own = registry.getMeters().stream().filter(meter -> meter.getId().getName().startsWith(PREFIX)).toList();
        own.forEach(registry::remove);
    }
}
