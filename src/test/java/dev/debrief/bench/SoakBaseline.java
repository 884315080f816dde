package dev.debrief.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * What a deleted batch must leave behind: nothing. Staged files and folders under STAGING_DIRECTORY and the rows of
 * the batch tables, counted the same way before the load and after every client deleted its batches.
 */
record SoakBaseline(long stagedFiles, long stagedFolders, long batchRows, long fileRows, long reportRows) {

    /** The HTTP layer's upload folder is made once at start and stays; it is not a batch's. */
    private static final String INCOMING = ".incoming";

    static SoakBaseline take(Path staging, String jdbcUrl, String user, String password) throws IOException, SQLException {
        long files = 0;
        long folders = 0;
        if (Files.isDirectory(staging)) {
            try (Stream<Path> paths = Files.walk(staging)) {
                for (Path path : paths.toList()) {
                    if (Files.isRegularFile(path)) {
                        files++;
                    } else if (Files.isDirectory(path) && !path.equals(staging) && !path.getFileName().toString().equals(INCOMING)) {
                        folders++;
                    }
                }
            }
        }
        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
        // the driver itself rather than DriverManager: under exec:java the driver sits in a class loader that
        // DriverManager's caller check does not accept
        try (Connection db = new org.postgresql.Driver().connect(jdbcUrl, credentials); Statement sql = db.createStatement()) {
            return new SoakBaseline(files, folders, count(sql, "batch_reports"), count(sql, "batch_report_files"),
                    count(sql, "reports"));
        }
    }

    /** Staged folders named as batches, for the message when something is left behind. */
    static List<String> leftoverFolders(Path staging) throws IOException {
        if (!Files.isDirectory(staging)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(staging)) {
            return folders.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals(INCOMING)).sorted().limit(5).toList();
        }
    }

    private static long count(Statement sql, String table) throws SQLException {
        try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
