package dev.debrief.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Puts {@link TcpProxy} between the application's reactive pool and the embedded PostgreSQL, so that a test can
 * take the database away and give it back. Flyway (JDBC, at start only) goes to the server directly.
 */
public class DatabaseProxyResource implements QuarkusTestResourceLifecycleManager {

    private static volatile TcpProxy proxy;

    public static TcpProxy proxy() {
        if (proxy == null) {
            throw new IllegalStateException("the database proxy is not running; annotate the test with @WithTestResource(DatabaseProxyResource.class)");
        }
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        int database = Integer.parseInt(System.getenv().getOrDefault("TEST_DB_PORT", "62539"));
        proxy = new TcpProxy(database).start();
        return Map.of("quarkus.datasource.reactive.url",
                "postgresql://127.0.0.1:" + proxy.port() + "/postgres?stringtype=unspecified");
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
    }
}
