package dev.debrief.acs;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The catalog is written at start only when what it is made from changed, and by one replica at a time. */
@QuarkusTest
class CatalogLoadTest {

    @Inject
    CatalogImport catalogImport;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anUnchangedCatalogCostsNoWrites() throws SQLException {
        String before = rowVersions();

        CatalogImport.LoadSummary summary = catalogImport.load().await().atMost(Duration.ofMinutes(1));

        assertThat(summary.written()).isFalse();
        assertThat(summary.bundledRows()).isEqualTo(BundledCatalogResource.rows().size());
        assertThat(rowVersions()).as("xmin of every catalog row and of the load record").isEqualTo(before);
    }

    @Test
    void replicasStartingTogetherLoadTheCatalogOnce() throws Exception {
        execute("UPDATE acs_catalog_load SET content_hash = 'left by an older build'");
        String before = rowVersions();
        CompletableFuture<CatalogImport.LoadSummary> first;
        CompletableFuture<CatalogImport.LoadSummary> second;
        try (Connection otherReplica = dataSource.getConnection()) {
            // Holding the lock makes both loads find the old hash and queue for the lock, as replicas that
            // started at the same moment would
            otherReplica.setAutoCommit(false);
            try (Statement lock = otherReplica.createStatement()) {
                lock.execute("SELECT pg_advisory_xact_lock(" + CatalogImport.LOAD_LOCK + ")");
            }
            first = catalogImport.load().subscribeAsCompletionStage();
            second = catalogImport.load().subscribeAsCompletionStage();
            waitForLockWaiters(2);
            otherReplica.commit();
        }

        List<Boolean> written = List.of(first.get(1, TimeUnit.MINUTES).written(), second.get(1, TimeUnit.MINUTES).written());

        assertThat(written).containsExactlyInAnyOrder(true, false);
        assertThat(rowVersions()).isNotEqualTo(before);
        assertThat(storedHash()).matches("[0-9a-f]{64}");
        assertThat(first.get().bundledRows()).isEqualTo(BundledCatalogResource.rows().size());
        assertThat(catalogImport.load().await().atMost(Duration.ofMinutes(1)).written()).isFalse();
    }

    private void waitForLockWaiters(int expected) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") < expected) {
            assertThat(System.nanoTime()).as("both loads waiting for the catalog lock").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private String rowVersions() throws SQLException {
        return query("""
                SELECT (SELECT count(*) || ':' || string_agg(DISTINCT xmin::text, ',' ORDER BY xmin::text) FROM acs_codes)
                       || '|' || (SELECT xmin::text || ' ' || content_hash FROM acs_catalog_load)""");
    }

    private String storedHash() throws SQLException {
        return query("SELECT content_hash FROM acs_catalog_load WHERE id = 1");
    }

    private long count(String sql) throws SQLException {
        return Long.parseLong(query(sql));
    }

    private String query(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
