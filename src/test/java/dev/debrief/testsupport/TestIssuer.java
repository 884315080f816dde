package dev.debrief.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey.OutputControlLevel;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.JoseException;

/**
 * A fake OpenID Connect issuer on loopback: discovery and a JWKS, nothing else, so the service validates our
 * tokens through exactly the path it uses in production (discovery, then keys by {@code kid}).
 *
 * <p>The discovery document deliberately names no introspection or userinfo endpoint: with one, the OIDC
 * client could fall back to asking the issuer about a token it cannot verify locally, and a forged token
 * would then fail for the wrong reason. The token endpoint is listed only because clients expect the field;
 * it answers 400.
 *
 * <p>Keys: {@link #rotateKeys()} adds a key and signs from then on with it, keeping the old ones published
 * (as a real issuer does during rotation), and {@link #jwksRequests()} shows whether the service re-fetched.
 * Thread-safe.
 */
public final class TestIssuer implements AutoCloseable {

    private static final String REALM_PATH = "/realms/debrief-test";
    // Keycloak's layout, so the URLs in logs look familiar; the service only ever reads them from discovery
    private static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
    private static final String JWKS_PATH = "/protocol/openid-connect/certs";
    private static final String TOKEN_PATH = "/protocol/openid-connect/token";

    /** Every published key, oldest first; the last one signs. Replaced as a whole so readers never lock. */
    private record KeyRing(List<RsaJsonWebKey> keys) {
        RsaJsonWebKey current() {
            return keys.get(keys.size() - 1);
        }
    }

    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final AtomicInteger keyCounter = new AtomicInteger();
    // kids differ between issuers too, so a token kept from an earlier application start fails as "unknown kid"
    private final String kidPrefix = "test-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)) + "-key-";
    private volatile KeyRing ring;
    private volatile RsaJsonWebKey foreignKey;
    private volatile HttpServer server;
    private volatile String issuerUrl;

    public TestIssuer() {
        ring = new KeyRing(List.of(newKey()));
    }

    public synchronized TestIssuer start() {
        if (server != null) {
            throw new IllegalStateException("the test issuer is already running at " + issuerUrl);
        }
        try {
            HttpServer started = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            started.createContext("/", this::handle);
            started.start();
            issuerUrl = "http://127.0.0.1:" + started.getAddress().getPort() + REALM_PATH;
            server = started;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the test issuer on loopback", e);
        }
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** {@code http://127.0.0.1:{port}/realms/debrief-test}, without a trailing slash: the {@code iss} of every token. */
    public String issuerUrl() {
        String url = issuerUrl;
        if (url == null) {
            throw new IllegalStateException("the test issuer has not been started");
        }
        return url;
    }

    public String discoveryUrl() {
        return issuerUrl() + DISCOVERY_PATH;
    }

    public String jwksUri() {
        return issuerUrl() + JWKS_PATH;
    }

    /** How many times the JWKS was served since this issuer was created. */
    public int jwksRequests() {
        return jwksRequests.get();
    }

    /** The {@code kid} new tokens are signed with. */
    public String currentKid() {
        return ring.current().getKeyId();
    }

    /** Publishes a new key next to the old ones and signs every later token with it; returns its {@code kid}. */
    public synchronized String rotateKeys() {
        List<RsaJsonWebKey> keys = new ArrayList<>(ring.keys());
        RsaJsonWebKey added = newKey();
        keys.add(added);
        ring = new KeyRing(List.copyOf(keys));
        return added.getKeyId();
    }

    /** A token with the default claims (school A, both scopes, ten minutes), to adjust and then sign. */
    public TokenBuilder token() {
        return new TokenBuilder(this);
    }

    RsaJsonWebKey signingKey() {
        return ring.current();
    }

    /** A key this issuer never publishes, for forged tokens; one per issuer since generating RSA keys is slow. */
    RsaJsonWebKey foreignKey() {
        RsaJsonWebKey key = foreignKey;
        if (key == null) {
            synchronized (this) {
                if (foreignKey == null) {
                    foreignKey = generate("foreign");
                }
                key = foreignKey;
            }
        }
        return key;
    }

    private RsaJsonWebKey newKey() {
        return generate(kidPrefix + keyCounter.incrementAndGet());
    }

    private static RsaJsonWebKey generate(String kid) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(kid);
            key.setUse("sig");
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String route = path.startsWith(REALM_PATH + "/") ? path.substring(REALM_PATH.length()) : "";
            if (route.equals(TOKEN_PATH)) {
                // the service never asks for tokens; the tests mint their own
                send(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "{\"error\":\"method_not_allowed\"}");
            } else if (route.equals(DISCOVERY_PATH)) {
                send(exchange, 200, discovery());
            } else if (route.equals(JWKS_PATH)) {
                jwksRequests.incrementAndGet();
                send(exchange, 200, new JsonWebKeySet(ring.keys()).toJson(OutputControlLevel.PUBLIC_ONLY));
            } else {
                send(exchange, 404, "{\"error\":\"not_found\"}");
            }
        }
    }

    private String discovery() {
        String issuer = issuerUrl();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer);
        doc.put("jwks_uri", jwksUri());
        doc.put("token_endpoint", issuer + TOKEN_PATH);
        doc.put("response_types_supported", List.of("code"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of(AlgorithmIdentifiers.RSA_USING_SHA256));
        return JsonUtil.toJson(doc);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
