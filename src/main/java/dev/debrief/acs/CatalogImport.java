package dev.debrief.acs;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Loads the operator's ACS catalog file into acs_codes when the service starts. The upsert is idempotent, so
 * every replica may run it; start waits for it so the first batch already sees the catalog.
 */
@Singleton
class CatalogImport {

    private static final Logger LOG = Logger.getLogger(CatalogImport.class);
    private static final int CHUNK = 2_000;
    private static final String UPSERT = """
            INSERT INTO acs_codes (document, code, exam_types, area, task, element_type, description)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (document, code) DO UPDATE SET exam_types = EXCLUDED.exam_types, area = EXCLUDED.area,
                task = EXCLUDED.task, element_type = EXCLUDED.element_type, description = EXCLUDED.description""";

    private final AcsConfig config;
    private final Pool pool;
    private volatile CatalogState state = CatalogState.NOT_LOADED;

    CatalogImport(AcsConfig config, Pool pool) {
        this.config = config;
        this.pool = pool;
    }

    void onStart(@Observes StartupEvent event) {
        config.catalogFile().ifPresentOrElse(this::importAtStart, () -> {
            LOG.warn("No ACS catalog file configured (debrief.acs.catalog-file): codes are looked up in what is stored");
            state = CatalogState.NOT_CONFIGURED;
        });
    }

    CatalogState state() {
        return state;
    }

    private void importAtStart(Path file) {
        if (!Files.isReadable(file)) {
            LOG.errorf("The ACS catalog file %s cannot be read; codes are looked up in what is stored", file);
            state = CatalogState.FAILED;
            return;
        }
        try {
            int rows = importFile(file).await().atMost(Duration.ofMinutes(2));
            LOG.infof("ACS catalog loaded: %d rows from %s", rows, file.getFileName());
            state = CatalogState.LOADED;
        } catch (RuntimeException e) {
            LOG.errorf(e, "The ACS catalog file %s could not be loaded", file);
            state = CatalogState.FAILED;
        }
    }

    Uni<Integer> importFile(Path file) {
        return Uni.createFrom().item(() -> {
                    try {
                        return CatalogCsv.read(file);
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("Unreadable ACS catalog: " + e.getMessage(), e);
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(rows -> pool.withTransaction(connection -> upsert(connection, rows)).replaceWith(rows.size()));
    }

    private static Uni<Void> upsert(SqlClient connection, List<CatalogRow> rows) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<Tuple> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK)).stream()
                    .map(row -> Tuple.tuple(List.of(row.document(), row.code(), row.examTypes().toArray(String[]::new),
                            row.area(), row.task(), row.elementType(), row.description())))
                    .toList();
            chain = chain.chain(() -> connection.preparedQuery(UPSERT).executeBatch(chunk).replaceWithVoid());
        }
        return chain;
    }

    enum CatalogState { NOT_LOADED, NOT_CONFIGURED, LOADED, FAILED }
}
