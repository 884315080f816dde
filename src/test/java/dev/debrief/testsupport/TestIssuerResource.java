package dev.debrief.testsupport;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a {@link TestIssuer} and points the service's OIDC discovery at it. Every endpoint wants a bearer
 * token, so every {@code @QuarkusTest} needs an issuer: the annotation below, on this class rather than on a
 * test, is not restricted to an annotated class and therefore applies to all of them. Tests reach the running
 * issuer through {@link #issuer()} to mint tokens and rotate keys, or simply use {@link Api}.
 *
 * <p>Each application start gets a fresh issuer (new port, new keys), so tokens do not outlive their app.
 */
@QuarkusTestResource(TestIssuerResource.class)
public class TestIssuerResource implements QuarkusTestResourceLifecycleManager {

    private static volatile TestIssuer issuer;

    public static TestIssuer issuer() {
        TestIssuer running = issuer;
        if (running == null) {
            throw new IllegalStateException("the test issuer is not running; it starts with the application of a @QuarkusTest "
                    + "(TestIssuerResource is global), or by hand with new TestIssuerResource().start()");
        }
        return running;
    }

    @Override
    public Map<String, String> start() {
        issuer = new TestIssuer().start();
        return Map.of("quarkus.oidc.auth-server-url", issuer.issuerUrl());
    }

    @Override
    public void stop() {
        if (issuer != null) {
            issuer.stop();
            issuer = null;
        }
    }
}
