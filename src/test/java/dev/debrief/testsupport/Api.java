package dev.debrief.testsupport;

import static dev.debrief.testsupport.TokenBuilder.READ;
import static dev.debrief.testsupport.TokenBuilder.WRITE;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What tests use instead of {@code RestAssured.given()}: the same request specification, with a bearer token
 * from {@link TestIssuerResource#issuer()}. {@link #given()} is school A with both scopes, so a test that only
 * switches its static import keeps working as before.
 *
 * <p>Tokens are cached per school and scopes and re-minted a minute before they expire: a test suite sends
 * hundreds of requests, and an RSA signature for each would add up.
 */
public final class Api {

    public static final String SCHOOL_A = TokenBuilder.SCHOOL;

    private static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final Duration REMINT_BEFORE_EXPIRY = Duration.ofMinutes(1);
    private static final Map<Grant, Minted> CACHE = new ConcurrentHashMap<>();

    private record Grant(String school, List<String> scopes) {
    }

    /** The issuer is part of the entry: after an application restart the old issuer and its keys are gone. */
    private record Minted(TestIssuer issuer, String token, Instant expiresAt) {
        boolean usableWith(TestIssuer current) {
            return issuer == current && Instant.now().plus(REMINT_BEFORE_EXPIRY).isBefore(expiresAt);
        }
    }

    private Api() {
    }

    /** School A, read and write. */
    public static RequestSpecification given() {
        return asSchool(SCHOOL_A);
    }

    /** Read and write for {@code school} ({@code null}: a token without a school claim). */
    public static RequestSpecification asSchool(String school) {
        return withToken(token(school, READ, WRITE));
    }

    /** Only {@code batches:read} for {@code school}. */
    public static RequestSpecification readOnly(String school) {
        return withToken(token(school, READ));
    }

    public static RequestSpecification withToken(String rawToken) {
        return RestAssured.given().auth().oauth2(rawToken);
    }

    /** No Authorization header at all. */
    public static RequestSpecification anonymous() {
        return RestAssured.given();
    }

    /** A read-and-write token for {@code school}, for tests that talk to the service with the JDK HttpClient. */
    public static String token(String school) {
        return token(school, READ, WRITE);
    }

    /** A cached token for {@code school} with exactly these scopes (none: no scope claim). */
    public static String token(String school, String... scopes) {
        TestIssuer issuer = TestIssuerResource.issuer();
        Grant grant = new Grant(school, List.of(scopes));
        return CACHE.compute(grant, (g, cached) -> cached != null && cached.usableWith(issuer) ? cached : mint(issuer, g)).token();
    }

    private static Minted mint(TestIssuer issuer, Grant grant) {
        Instant expiresAt = Instant.now().plus(LIFETIME).truncatedTo(ChronoUnit.SECONDS);
        String token = issuer.token()
                .school(grant.school())
                .subject(grant.school() == null ? "instructor" : "instructor@" + grant.school())
                .scope(grant.scopes().toArray(String[]::new))
                .claim("exp", expiresAt.getEpochSecond())
                .sign();
        return new Minted(issuer, token, expiresAt);
    }
}
