package dev.debrief.drive;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says whether Drive archiving is set up. Always UP: without Drive the service still reads every batch, so
 * taking the pod out of service would only make things worse (DOMAIN.md §4).
 */
@Readiness
@ApplicationScoped
class DriveReadiness implements HealthCheck {

    private final DriveAccess access;

    DriveReadiness(DriveAccess access) {
        this.access = access;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("google-drive")
                .up()
                .withData("configured", access.configured())
                .build();
    }
}
