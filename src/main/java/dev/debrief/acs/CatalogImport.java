package dev.debrief.acs;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.jboss.logging.Logger;

/**
 * Loads the ACS catalog into acs_codes when the service starts: the bundled catalog (built from the FAA PDFs and
 * shipped in the jar), then the operator's file for the families no bundled ACS covers. The table is rewritten only
 * when those inputs changed (a hash of their fingerprints is kept in acs_catalog_load), and replicas starting
 * together serialise on an advisory lock, so the first loads and the others find it done. Start waits for it so the
 * first batch already sees the catalog.
 */
@Singleton
class CatalogImport {

    private static final Logger LOG = Logger.getLogger(CatalogImport.class);
    private static final int CHUNK = 2_000;
    /** pg_advisory_xact_lock key of the catalog load: "ACScatld" in ASCII. */
    static final long LOAD_LOCK = 0x4143_5363_6174_6c64L;
    /*
     * Hashed with the inputs: when the way rows are derived from the files changes (which operator rows are left
     * out, the columns written), the same files must load again. Raise it with such a change.
     */
    private static final String LOAD_RULES = "acs-catalog-load/2";
    private static final String STORED_HASH = "SELECT content_hash FROM acs_catalog_load WHERE id = 1";
    private static final String INSERT = """
            INSERT INTO acs_codes (document, code, exam_types, area, task, element_type, description, source, edition,
                                   archived, superseded)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (document, code) DO UPDATE SET exam_types = EXCLUDED.exam_types, area = EXCLUDED.area,
                task = EXCLUDED.task, element_type = EXCLUDED.element_type, description = EXCLUDED.description,
                source = EXCLUDED.source, edition = EXCLUDED.edition, archived = EXCLUDED.archived,
                superseded = EXCLUDED.superseded""";
    private static final String RECORD_HASH = """
            INSERT INTO acs_catalog_load (id, content_hash, loaded_at) VALUES (1, $1, CURRENT_TIMESTAMP)
            ON CONFLICT (id) DO UPDATE SET content_hash = EXCLUDED.content_hash, loaded_at = EXCLUDED.loaded_at""";
    private static final String COUNTS = """
            SELECT source, edition, count(*) AS row_count FROM acs_codes GROUP BY source, edition""";

    private final AcsConfig config;
    private final Pool pool;
    private volatile CatalogState state = CatalogState.NOT_LOADED;
    private volatile Optional<LoadSummary> summary = Optional.empty();

    CatalogImport(AcsConfig config, Pool pool) {
        this.config = config;
        this.pool = pool;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.catalogFile().isEmpty()) {
            LOG.info("No operator ACS catalog file (debrief.acs.catalog-file): the bundled catalog alone is loaded");
        }
        try {
            LoadSummary loaded = load().await().atMost(Duration.ofMinutes(2));
            summary = Optional.of(loaded);
            state = CatalogState.LOADED;
            LOG.infof("ACS catalog %s: %d bundled rows (%s), %d operator rows%s", loaded.written() ? "loaded" : "unchanged",
                    loaded.bundledRows(), String.join(", ", loaded.editions()), loaded.operatorRows(),
                    loaded.operatorFile().map(file -> " from " + file).orElse(""));
        } catch (RuntimeException e) {
            LOG.errorf(e, "The ACS catalog could not be loaded; codes are looked up in what is stored");
            state = CatalogState.FAILED;
        }
    }

    CatalogState state() {
        return state;
    }

    Optional<LoadSummary> summary() {
        return summary;
    }

    /** Brings acs_codes in line with the bundled catalog and the operator's file, writing only if they changed. */
    Uni<LoadSummary> load() {
        return Uni.createFrom().item(this::readInputs)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(inputs -> storedHash().chain(stored -> inputs.hash().equals(stored.orElse(null))
                                ? Uni.createFrom().item(false)
                                : rowsOf(inputs).chain(rows -> loadUnderLock(inputs.hash(), rows)))
                        .chain(written -> counts(written, inputs.operatorFileName())));
    }

    /** The bytes the table is made from, and their hash. Blocking: on a worker thread. */
    private CatalogInputs readInputs() {
        byte[] bundled;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(BundledCatalogCsv.RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The bundled ACS catalog " + BundledCatalogCsv.RESOURCE + " is missing from the build");
            }
            bundled = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Optional<Path> file = config.catalogFile();
        byte[] operator = null;
        if (file.isPresent()) {
            // An unreadable file stops the load rather than loading the bundled catalog alone: that would drop
            // the operator's families from the table over what may be a passing mount problem.
            if (!Files.isReadable(file.get())) {
                throw new IllegalStateException("The ACS catalog file " + file.get() + " cannot be read");
            }
            try {
                operator = Files.readAllBytes(file.get());
            } catch (IOException e) {
                throw new UncheckedIOException("The ACS catalog file " + file.get() + " cannot be read", e);
            }
        }
        return new CatalogInputs(bundled, operator, file.map(path -> path.getFileName().toString()), hash(bundled, operator));
    }

    /**
     * What the stored hash is made of: the load rules and a fingerprint of each file. Not a digest of the files'
     * bytes: SHA-256 over the 650 KB bundled catalog took most of the start's catalog check (a digest runs
     * interpreted that early, while the CRCs below are intrinsics there too), and the operator's file is larger.
     * The fingerprint only tells one version of a file from another, which 64 bits of CRC do.
     */
    static String hash(byte[] bundled, byte[] operator) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((LOAD_RULES + "\nbundled " + fingerprint(bundled) + "\noperator "
                    + (operator == null ? "none" : fingerprint(operator)) + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Length, CRC-32C and CRC-32 of the bytes: two checks with different polynomials, 64 bits together. */
    static String fingerprint(byte[] bytes) {
        CRC32C crc32c = new CRC32C();
        crc32c.update(bytes);
        CRC32 crc32 = new CRC32();
        crc32.update(bytes);
        return bytes.length + ":" + Long.toHexString(crc32c.getValue()) + ":" + Long.toHexString(crc32.getValue());
    }

    private Uni<Optional<String>> storedHash() {
        return pool.query(STORED_HASH).execute().map(CatalogImport::hashIn);
    }

    private static Optional<String> hashIn(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(it.next().getString("content_hash")) : Optional.empty();
    }

    /** Parses both files and makes the rows' statement parameters, off the event loop. */
    private static Uni<List<Tuple>> rowsOf(CatalogInputs inputs) {
        return Uni.createFrom().item(() -> {
            List<CatalogRow> rows = new ArrayList<>(BundledCatalogCsv.read(new String(inputs.bundled(), StandardCharsets.UTF_8)));
            if (inputs.operator() != null) {
                List<CatalogRow> operatorRows;
                try {
                    operatorRows = CatalogCsv.read(inputs.operator());
                } catch (IOException e) {
                    throw new IllegalStateException("Unreadable ACS catalog file: " + e.getMessage(), e);
                }
                rows.addAll(operatorRowsForUncoveredFamilies(rows, operatorRows, inputs.operatorFileName().orElse("")));
            }
            return rows.stream().map(CatalogImport::tuple).toList();
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * The operator's rows for the tests no bundled ACS covers. Where a bundled ACS covers a test, its rows carry the
     * edition they were read from and stay the ones shown; the operator's copies of them are left out.
     */
    static List<CatalogRow> operatorRowsForUncoveredFamilies(List<CatalogRow> bundled, List<CatalogRow> operator,
                                                             String fileName) {
        Set<String> covered = bundled.stream().filter(row -> !row.archived())
                .flatMap(row -> row.examTypes().stream()).collect(Collectors.toCollection(TreeSet::new));
        List<CatalogRow> kept = operator.stream()
                .filter(row -> row.examTypes().isEmpty() || !covered.containsAll(row.examTypes()))
                .toList();
        if (kept.size() < operator.size()) {
            LOG.infof("%s: %d rows left out, the bundled catalog covers their tests (%s)",
                    fileName, operator.size() - kept.size(), String.join(", ", covered));
        }
        return kept;
    }

    /**
     * Rewrites acs_codes in one transaction holding the catalog's advisory lock. A replica that waited for the lock
     * finds the hash already recorded by the one that held it and writes nothing. True when this call wrote.
     */
    private Uni<Boolean> loadUnderLock(String hash, List<Tuple> rows) {
        return pool.withTransaction(connection -> connection.preparedQuery("SELECT pg_advisory_xact_lock($1)")
                .execute(Tuple.of(LOAD_LOCK))
                .chain(() -> connection.query(STORED_HASH).execute())
                .chain(stored -> hash.equals(hashIn(stored).orElse(null))
                        ? Uni.createFrom().item(false)
                        : rewrite(connection, hash, rows).replaceWith(true)));
    }

    private static Uni<Void> rewrite(SqlConnection connection, String hash, List<Tuple> rows) {
        Uni<Void> chain = connection.query("DELETE FROM acs_codes").execute().replaceWithVoid();
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<Tuple> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            chain = chain.chain(() -> connection.preparedQuery(INSERT).executeBatch(chunk).replaceWithVoid());
        }
        return chain.chain(() -> connection.preparedQuery(RECORD_HASH).execute(Tuple.of(hash)).replaceWithVoid());
    }

    private static Tuple tuple(CatalogRow row) {
        // Arrays.asList: the operator's rows have no edition, and List.of refuses nulls
        return Tuple.tuple(Arrays.asList(row.document(), row.code(), row.examTypes().toArray(String[]::new), row.area(),
                row.task(), row.elementType(), row.description(), row.source().wireName(), row.edition(), row.archived(),
                row.superseded()));
    }

    private Uni<LoadSummary> counts(boolean written, Optional<String> operatorFile) {
        return pool.query(COUNTS).execute().map(rows -> {
            long bundled = 0;
            long operator = 0;
            TreeSet<String> editions = new TreeSet<>();
            for (Row row : rows) {
                long count = row.getLong("row_count");
                if (CatalogSource.ofWireName(row.getString("source")) == CatalogSource.BUNDLED) {
                    bundled += count;
                    editions.add(row.getString("edition"));
                } else {
                    operator += count;
                }
            }
            return new LoadSummary(written, bundled, operator, List.copyOf(editions), operatorFile);
        });
    }

    private record CatalogInputs(byte[] bundled, byte[] operator, Optional<String> operatorFileName, String hash) {
    }

    /**
     * What acs_codes holds after a load.
     *
     * @param written whether this load rewrote the table (false: it already held these inputs)
     */
    record LoadSummary(boolean written, long bundledRows, long operatorRows, List<String> editions,
                       Optional<String> operatorFile) {
    }

    enum CatalogState { NOT_LOADED, LOADED, FAILED }
}
