package dev.debrief.schema;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the schema is at this build's newest migration, and whether this start had to migrate it. */
@Startup
@ApplicationScoped
class SchemaStartedCheck implements HealthCheck {

    private final SchemaMigration migration;

    SchemaStartedCheck(SchemaMigration migration) {
        this.migration = migration;
    }

    @Override
    public HealthCheckResponse call() {
        SchemaMigration.SchemaState state = migration.state();
        return HealthCheckResponse.named("schema")
                .status(state != SchemaMigration.SchemaState.UNKNOWN)
                .withData("version", SchemaMigration.NEWEST_VERSION)
                .withData("at_start", state.name().toLowerCase())
                .build();
    }
}
