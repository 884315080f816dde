package dev.debrief.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Applies every migration step by step on the embedded PostgreSQL (in a schema of its own), rolls them back in
 * reverse with the scripts in migrations/rollback, and applies them again, comparing the catalog of tables,
 * columns, constraints and indexes at every step.
 */
@QuarkusTest
class MigrationRoundTripTest {

    private static final String SCHEMA = "migration_roundtrip";

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    @AfterEach
    void dropSchema() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }

    @Test
    void migrationsRollBackAndReapplyToTheSameCatalog() throws Exception {
        Map<MigrationVersion, String> scripts = new LinkedHashMap<>();
        for (MigrationInfo info : flyway(null).info().pending()) {
            scripts.put(info.getVersion(), info.getScript());
        }
        List<MigrationVersion> versions = new ArrayList<>(scripts.keySet());
        assertThat(versions).extracting(MigrationVersion::getVersion).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
        assertThat(versions.get(versions.size() - 1).getVersion())
                .as("SchemaMigration.NEWEST_VERSION names the newest migration, or starts skip it")
                .isEqualTo(String.valueOf(SchemaMigration.NEWEST_VERSION));

        List<TreeSet<String>> catalogAfter = new ArrayList<>();
        catalogAfter.add(catalog());
        for (MigrationVersion version : versions) {
            if (version.getVersion().equals("8")) {
                assertBatchesFromBeforeOwnershipBelongToTheDefaultSchool(version);
            } else if (version.getVersion().equals("10")) {
                assertCatalogRowsFromBeforeSourcesAreTheOperators(version);
            } else {
                flyway(version).migrate();
            }
            catalogAfter.add(catalog());
        }
        assertFinalSchema(catalogAfter.get(versions.size()));

        for (int step = versions.size(); step >= 1; step--) {
            MigrationVersion version = versions.get(step - 1);
            rollBack(version, scripts.get(version));
            assertThat(catalog()).as("catalog after rolling back V%s", version).isEqualTo(catalogAfter.get(step - 1));
        }
        assertThat(catalogAfter.get(0)).isEmpty();

        flyway(null).migrate();
        assertThat(catalog()).isEqualTo(catalogAfter.get(versions.size()));
        assertChecksRefuseBadRows();
    }

    private void assertFinalSchema(TreeSet<String> catalog) {
        assertThat(catalog).contains(
                "table reports", "table batch_reports", "table batch_report_files",
                "table batch_drive_metadata", "table batch_file_drive_metadata", "table acs_codes",
                "column batch_reports.drive_upload_status character varying null=YES default='not_requested'::character varying",
                "column reports.batch_id uuid null=YES");
        assertThat(catalog).anyMatch(e -> e.startsWith("constraint batch_reports.check_file_counts CHECK"));
        assertThat(catalog).anyMatch(e -> e.startsWith("constraint batch_reports.check_status CHECK"));
        assertThat(catalog).anyMatch(e -> e.startsWith("constraint batch_report_files.check_processing_status CHECK"));
        assertThat(catalog).anyMatch(e -> e.startsWith("constraint batch_report_files.fk_report FOREIGN KEY (report_id)")
                && e.endsWith("ON DELETE CASCADE"));
        assertThat(catalog).anyMatch(e -> e.startsWith("constraint reports.fk_reports_batch FOREIGN KEY (batch_id)")
                && e.endsWith("ON DELETE SET NULL"));
        assertThat(catalog).anyMatch(e -> e.startsWith("constraint batch_file_drive_metadata.check_file_upload_status CHECK"));
        assertThat(catalog).anyMatch(e -> e.startsWith("constraint batch_drive_metadata.check_summary_upload_status CHECK"));
        assertThat(catalog).anyMatch(e -> e.startsWith("column batch_drive_metadata.upload_error text"));
        assertThat(catalog).anyMatch(e -> e.startsWith("index idx_batch_summary_data ") && e.contains("USING gin (summary_data)"));
        assertThat(catalog).anyMatch(e -> e.startsWith("index idx_batch_reports_created_at ") && e.contains("created_at DESC"));
        assertThat(catalog).anyMatch(e -> e.startsWith("index uq_batch_reports_school_idempotency_key ") && e.contains("UNIQUE")
                && e.contains("(school_id, idempotency_key)"));
        assertThat(catalog).noneMatch(e -> e.startsWith("index uq_batch_reports_idempotency_key "));
        assertThat(catalog).contains("column batch_reports.school_id character varying null=NO",
                "column batch_reports.created_by character varying null=YES",
                "column batch_reports.request_fingerprint character varying null=YES");
        assertThat(catalog).contains("column batch_reports.processing_attempts integer null=NO default=1",
                "column batch_reports.processing_handbacks integer null=NO default=0",
                "column batch_report_files.read_attempts integer null=NO default=0");
        assertThat(catalog).anyMatch(e -> e.startsWith("column batch_reports.processing_lease_until timestamp with time zone null=YES default=")
                && e.contains("CURRENT_TIMESTAMP"));
        assertThat(catalog).anyMatch(e -> e.startsWith("index idx_batch_reports_processing_lease ")
                && e.contains("WHERE ((status)::text = 'processing'::text)"));
        assertThat(catalog).contains("table acs_catalog_load",
                "column acs_codes.source character varying null=NO",
                "column acs_codes.edition character varying null=YES",
                "column acs_codes.archived boolean null=NO default=false",
                "column acs_codes.superseded boolean null=NO default=false",
                "column acs_catalog_load.id smallint null=NO default=1",
                "column acs_catalog_load.content_hash character varying null=NO");
        assertThat(catalog).anyMatch(e -> e.startsWith("column acs_catalog_load.loaded_at timestamp with time zone null=NO default=")
                && e.contains("CURRENT_TIMESTAMP"));
        assertThat(catalog).anyMatch(e -> e.startsWith("constraint acs_codes.check_acs_source CHECK")
                && e.contains("'bundled'") && e.contains("'operator'"));
        assertThat(catalog).anyMatch(e -> e.startsWith("constraint acs_codes.check_acs_bundled_edition CHECK"));
        assertThat(catalog).anyMatch(e -> e.startsWith("constraint acs_catalog_load.check_acs_catalog_load_single_row CHECK"));
        assertThat(catalog).anyMatch(e -> e.startsWith("constraint acs_catalog_load.pk_acs_catalog_load PRIMARY KEY (id)"));
        assertThat(catalog).contains("table batch_events", "column batch_events.seq integer null=NO", "column batch_events.data jsonb null=NO");
        assertThat(catalog).anyMatch(e -> e.startsWith("constraint batch_events.pk_batch_events PRIMARY KEY (batch_id, seq)"));
        assertThat(catalog).anyMatch(e -> e.startsWith("constraint batch_events.fk_batch_events_batch FOREIGN KEY (batch_id)")
                && e.endsWith("ON DELETE CASCADE"));
    }

    /** Catalog rows stored before V10 came from the operator's file; its "[Archived]" placeholders are archived. */
    private void assertCatalogRowsFromBeforeSourcesAreTheOperators(MigrationVersion v10) throws SQLException {
        try (Connection connection = connection()) {
            update(connection, """
                    INSERT INTO acs_codes (document, code, exam_types, area, task, element_type, description) VALUES
                    ('PAR', 'PA.I.A.K1', '{PAR}', 'Preflight Preparation', 'Pilot Qualifications', 'knowledge', 'Certification.'),
                    ('IRA', 'IR.IV.B.R2', '{IRA}', 'Flight by Reference to Instruments', 'Recovery', 'risk_management', '[Archived]')""");
        }
        flyway(v10).migrate();
        try (Connection connection = connection();
             var rows = connection.createStatement().executeQuery(
                     "SELECT code, source, edition, archived, superseded FROM acs_codes ORDER BY code")) {
            List<String> seen = new ArrayList<>();
            while (rows.next()) {
                seen.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3) + " " + rows.getBoolean(4)
                        + " " + rows.getBoolean(5));
            }
            assertThat(seen).containsExactly("IR.IV.B.R2 operator null true false", "PA.I.A.K1 operator null false false");
            update(connection, "DELETE FROM acs_codes");
        }
    }

    /** Rows written before V8 get the owner the migration names; the default is gone afterwards. */
    private void assertBatchesFromBeforeOwnershipBelongToTheDefaultSchool(MigrationVersion v8) throws SQLException {
        try (Connection connection = connection()) {
            update(connection, "INSERT INTO batch_reports (id, total_files) VALUES ('00000000-0000-0000-0000-000000000008', 1)");
        }
        flyway(v8).migrate();
        try (Connection connection = connection();
             var owner = connection.createStatement().executeQuery(
                     "SELECT school_id FROM batch_reports WHERE id = '00000000-0000-0000-0000-000000000008'")) {
            assertThat(owner.next()).isTrue();
            assertThat(owner.getString(1)).isEqualTo("default");
            assertThatThrownBy(() -> update(connection, "INSERT INTO batch_reports (total_files) VALUES (1)"))
                    .hasMessageContaining("school_id");
            update(connection, "DELETE FROM batch_reports");
        }
    }

    private void assertChecksRefuseBadRows() throws SQLException {
        try (Connection connection = connection()) {
            assertThatThrownBy(() -> update(connection,
                    "INSERT INTO batch_reports (school_id, total_files, successful_files, failed_files) VALUES ('a', 1, 1, 1)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("check_file_counts");
            assertThatThrownBy(() -> update(connection, "INSERT INTO batch_reports (school_id, total_files, status) VALUES ('a', 1, 'done')"))
                    .hasMessageContaining("check_status");
            assertThatThrownBy(() -> update(connection,
                    "INSERT INTO batch_reports (school_id, total_files, drive_upload_status) VALUES ('a', 1, 'sideways')"))
                    .hasMessageContaining("check_drive_upload_status");
            assertThat(update(connection, "INSERT INTO batch_reports (school_id, total_files) VALUES ('a', 2)")).isEqualTo(1);
            String catalogRow = """
                    INSERT INTO acs_codes (document, code, exam_types, area, task, element_type, description, source, edition)
                    VALUES ('%s', 'PA.I.A.K1', '{PAR}', 'Preflight Preparation', 'Pilot Qualifications', 'knowledge', 'x', '%s', %s)""";
            assertThatThrownBy(() -> update(connection, catalogRow.formatted("PAR", "elsewhere", "NULL")))
                    .hasMessageContaining("check_acs_source");
            assertThatThrownBy(() -> update(connection, catalogRow.formatted("PAR", "bundled", "NULL")))
                    .hasMessageContaining("check_acs_bundled_edition");
            assertThatThrownBy(() -> update(connection, catalogRow.formatted("PAR", "operator", "'FAA-S-ACS-6C'")))
                    .hasMessageContaining("check_acs_bundled_edition");
            assertThat(update(connection, catalogRow.formatted("FAA-S-ACS-6C", "bundled", "'FAA-S-ACS-6C'"))).isEqualTo(1);
            assertThat(update(connection, "INSERT INTO acs_catalog_load (content_hash) VALUES ('abc')")).isEqualTo(1);
            assertThatThrownBy(() -> update(connection, "INSERT INTO acs_catalog_load (id, content_hash) VALUES (2, 'abc')"))
                    .hasMessageContaining("check_acs_catalog_load_single_row");
        }
    }

    private Flyway flyway(MigrationVersion target) {
        var configuration = Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .locations("classpath:db/migration");
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }

    private void rollBack(MigrationVersion version, String migrationScript) throws IOException, SQLException {
        String script = rollbackScript(migrationScript);
        try (Connection connection = connection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(script);
            }
            try (PreparedStatement forget = connection.prepareStatement(
                    "DELETE FROM flyway_schema_history WHERE version = ?")) {
                forget.setString(1, version.getVersion());
                assertThat(forget.executeUpdate()).isEqualTo(1);
            }
            connection.commit();
        }
    }

    /** Each migration's rollback has the migration's file name, under migrations/rollback. */
    private static String rollbackScript(String migrationScript) throws IOException {
        String name = "db/rollback/" + migrationScript;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            assertThat(in).as("rollback script %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Tables, columns, constraints and indexes of the schema, as comparable lines (Flyway's own table left out). */
    private TreeSet<String> catalog() throws SQLException {
        TreeSet<String> lines = new TreeSet<>();
        try (Connection connection = connection()) {
            query(connection, """
                    SELECT 'table ' || table_name FROM information_schema.tables
                    WHERE table_schema = ? AND table_name <> 'flyway_schema_history'""", lines);
            query(connection, """
                    SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' null=' || is_nullable
                           || coalesce(' default=' || column_default, '')
                    FROM information_schema.columns
                    WHERE table_schema = ? AND table_name <> 'flyway_schema_history'""", lines);
            query(connection, """
                    SELECT 'constraint ' || rel.relname || '.' || con.conname || ' ' || pg_get_constraintdef(con.oid)
                    FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid
                    JOIN pg_namespace ns ON ns.oid = rel.relnamespace
                    WHERE ns.nspname = ? AND rel.relname <> 'flyway_schema_history'""", lines);
            query(connection, """
                    SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes
                    WHERE schemaname = ? AND tablename <> 'flyway_schema_history'""", lines);
        }
        return lines;
    }

    private static void query(Connection connection, String sql, TreeSet<String> into) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, SCHEMA);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    into.add(rows.getString(1));
                }
            }
        }
    }

    private Connection connection() throws SQLException {
        Connection connection = dataSource.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + SCHEMA);
        }
        return connection;
    }

    private static int update(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
