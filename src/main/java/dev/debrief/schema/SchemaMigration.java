package dev.debrief.schema;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Brings the schema up to the newest migration this build carries, first thing at start, before any other start-up
 * work reads or writes a table (and before the HTTP port opens). Flyway runs only when the database is behind. Asking
 * flyway_schema_history over the reactive pool, which the service opens anyway, is one query. Flyway's own check
 * would load the JDBC driver and pool, log in once more and read every migration, and that added about 0.1 s to every
 * start of an up-to-date replica (bench/startup). A fresh database still needs no manual step. Replicas that start
 * together on a database that is behind wait on Flyway's lock, and the first one migrates.
 */
@Singleton
class SchemaMigration {

    /** The newest migration in migrations/ (MigrationRoundTripTest checks it against the folder). */
    static final int NEWEST_VERSION = 12;

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);
    private static final String HISTORY = """
            SELECT coalesce(max(version::int) FILTER (WHERE success), 0) AS newest_applied,
                   count(*) FILTER (WHERE NOT success) AS failed
            FROM flyway_schema_history WHERE version IS NOT NULL""";

    private final Pool pool;
    private final Instance<Flyway> flyway;
    private volatile SchemaState state = SchemaState.UNKNOWN;

    SchemaMigration(Pool pool, Instance<Flyway> flyway) {
        this.pool = pool;
        this.flyway = flyway;
    }

    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        AppliedMigrations applied = appliedMigrations();
        if (applied.upTo(NEWEST_VERSION)) {
            state = SchemaState.UP_TO_DATE;
            LOG.infof("Schema at V%d: nothing to migrate", applied.newest());
            return;
        }
        int count = flyway.get().migrate().migrationsExecuted;
        state = SchemaState.MIGRATED;
        LOG.infof("Schema migrated from V%d to V%d (%d migrations)", applied.newest(), NEWEST_VERSION, count);
    }

    SchemaState state() {
        return state;
    }

    /**
     * What flyway_schema_history says, or nothing applied when it cannot say (no table yet, or any other failure):
     * Flyway then runs and either migrates or fails the start with its own, clearer, error.
     */
    private AppliedMigrations appliedMigrations() {
        try {
            Row row = pool.query(HISTORY).execute().await().atMost(CHECK_TIMEOUT).iterator().next();
            return new AppliedMigrations(row.getInteger("newest_applied"), row.getLong("failed"));
        } catch (RuntimeException e) {
            LOG.debugf("No readable schema history (%s): Flyway decides", e.getMessage());
            return AppliedMigrations.NONE;
        }
    }

    enum SchemaState {
        UNKNOWN, UP_TO_DATE, MIGRATED
    }

    /** The newest migration applied successfully, and how many attempts failed (Flyway must look at those). */
    record AppliedMigrations(int newest, long failed) {

        static final AppliedMigrations NONE = new AppliedMigrations(0, 0);

        boolean upTo(int version) {
            return failed == 0 && newest >= version;
        }
    }
}
