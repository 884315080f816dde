package dev.debrief.upload;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * A replica whose staging volume is nearly full takes no more traffic: readiness goes DOWN before the disk fills
 * under the batches it already accepted, and UP again once purges and deletions free space.
 */
@Readiness
@ApplicationScoped
class StagingReadiness implements HealthCheck {

    private final UploadIntake intake;
    private final UploadConfig config;

    StagingReadiness(UploadIntake intake, UploadConfig config) {
        this.intake = intake;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("staging")
                .status(intake.hasRoom())
                .withData("min_free_bytes", config.minFreeSpace().asLongValue())
                .build();
    }
}
