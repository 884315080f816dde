package dev.debrief.schema;

import static dev.debrief.testsupport.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.in;

import dev.debrief.schema.SchemaMigration.AppliedMigrations;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schema is migrated at start when behind, and a start on an up-to-date database leaves Flyway alone. */
@QuarkusTest
class SchemaMigrationTest {

    @Inject
    SchemaMigration migration;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void startedProbeSaysTheSchemaIsAtThisBuildsNewestMigration() {
        String check = "checks.find { it.name == 'schema' }.";
        given().when().get("/q/health/started")
                .then().statusCode(200)
                .body(check + "status", equalTo("UP"))
                .body(check + "data.version", equalTo(SchemaMigration.NEWEST_VERSION))
                .body(check + "data.at_start", in(List.of("migrated", "up_to_date")));
    }

    @Test
    void aStartOnAnUpToDateDatabaseRunsNoMigration() throws SQLException {
        String before = history();

        migration.migrate(null);

        assertThat(migration.state()).isEqualTo(SchemaMigration.SchemaState.UP_TO_DATE);
        assertThat(history()).isEqualTo(before).contains(SchemaMigration.NEWEST_VERSION + ":true");
    }

    @Test
    void onlyAHistoryWithTheNewestVersionAndNoFailureIsUpToDate() {
        assertThat(new AppliedMigrations(12, 0).upTo(12)).isTrue();
        assertThat(new AppliedMigrations(13, 0).upTo(12)).as("a newer replica migrated first").isTrue();
        assertThat(new AppliedMigrations(11, 0).upTo(12)).isFalse();
        assertThat(new AppliedMigrations(12, 1).upTo(12)).as("Flyway has to look at a failed attempt").isFalse();
        assertThat(AppliedMigrations.NONE.upTo(12)).isFalse();
    }

    private String history() throws SQLException {
        StringBuilder rows = new StringBuilder();
        try (Connection connection = dataSource.getConnection();
                ResultSet result = connection.createStatement().executeQuery(
                        "SELECT installed_rank, version, success FROM public.flyway_schema_history ORDER BY installed_rank")) {
            while (result.next()) {
                rows.append(result.getInt(1)).append(' ').append(result.getString(2)).append(':')
                        .append(result.getBoolean(3)).append('\n');
            }
        }
        return rows.toString();
    }
}
