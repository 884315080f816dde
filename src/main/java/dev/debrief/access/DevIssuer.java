package dev.debrief.access;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.oidc.Oidc;
import io.quarkus.oidc.OidcTenantConfig;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Dev mode's own token issuer, so that {@code ./mvnw quarkus:dev} runs with access control on and no identity
 * provider: a key pair made on first start and kept under {@code target/} (tokens survive live reloads), the
 * default OIDC tenant verifying against its public key, and {@link DevTokenResource} signing tokens with the
 * private one. Built into dev mode only: the production and test builds have neither bean. When AUTH_SERVER_URL
 * is set in dev mode, the real issuer is used instead.
 */
@IfBuildProfile("dev")
@ApplicationScoped
class DevIssuer {

    static final String ISSUER = "https://debrief.dev.invalid/dev-issuer";
    private static final Logger LOG = Logger.getLogger(DevIssuer.class);
    private static final Path KEYS = Path.of("target", "dev-issuer");
    private static final String KEY_ID = "debrief-dev";

    private final AccessConfig config;
    private final Optional<String> realIssuer;
    private final List<String> audience;
    private final KeyPair keys = loadOrCreateKeys();

    DevIssuer(AccessConfig config, @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> realIssuer,
              @ConfigProperty(name = "quarkus.oidc.token.audience") List<String> audience) {
        this.config = config;
        this.realIssuer = realIssuer;
        this.audience = audience;
    }

    void configure(@Observes Oidc oidc) {
        if (realIssuer.isPresent()) {
            return;
        }
        oidc.create(OidcTenantConfig.builder()
                .tenantId("Default")
                .publicKey(Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()))
                .token().issuer(ISSUER).audience(audience).end()
                .build());
        LOG.info("Dev-mode token issuer on: get a token with  curl -s http://localhost:8080/dev/token");
    }

    boolean active() {
        return realIssuer.isEmpty();
    }

    String token(String school, String scope, String subject) {
        return Jwt.issuer(ISSUER)
                .audience(audience.get(0))
                .subject(subject)
                .claim(config.schoolClaim(), school)
                .claim("scope", scope)
                .expiresIn(config.devTokenLifetime())
                .jws().keyId(KEY_ID)
                .sign(keys.getPrivate());
    }

    private static KeyPair loadOrCreateKeys() {
        Path privateFile = KEYS.resolve("private.pk8");
        Path publicFile = KEYS.resolve("public.x509");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (Files.exists(privateFile) && Files.exists(publicFile)) {
                PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile)));
                PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile)));
                return new KeyPair(publicKey, privateKey);
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair created = generator.generateKeyPair();
            Files.createDirectories(KEYS);
            Files.write(privateFile, created.getPrivate().getEncoded());
            Files.write(publicFile, created.getPublic().getEncoded());
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("The dev-mode issuer's keys cannot be kept in " + KEYS, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The dev-mode issuer's keys cannot be made", e);
        }
    }
}
