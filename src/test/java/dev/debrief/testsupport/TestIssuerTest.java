package dev.debrief.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fake issuer seen from outside, the way an OIDC client sees it: discovery, then the JWKS, then a
 * standard verifier (jose4j's). Plain JUnit, no application: the service's own use of it is covered by the
 * {@code @QuarkusTest}s.
 */
class TestIssuerTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static TestIssuer issuer;

    @BeforeAll
    static void start() {
        issuer = new TestIssuer().start();
    }

    @AfterAll
    static void stop() {
        issuer.stop();
    }

    @Test
    void discoveryNamesTheIssuerAndItsKeys() throws Exception {
        Map<String, Object> doc = JsonUtil.parseJson(get(issuer.discoveryUrl()).body());

        assertThat(issuer.issuerUrl()).matches("http://127\\.0\\.0\\.1:\\d+/realms/debrief-test");
        assertThat(doc).containsEntry("issuer", issuer.issuerUrl())
                .containsEntry("jwks_uri", issuer.jwksUri())
                .containsEntry("id_token_signing_alg_values_supported", List.of("RS256"))
                .containsKeys("token_endpoint", "response_types_supported", "subject_types_supported")
                .doesNotContainKeys("introspection_endpoint", "userinfo_endpoint");
        assertThat(status("POST", (String) doc.get("token_endpoint"))).isEqualTo(400);
        assertThat(status("GET", issuer.issuerUrl() + "/nothing-here")).isEqualTo(404);
    }

    @Test
    void jwksPublishesOnlyPublicRsaKeys() throws Exception {
        String jwks = get(issuer.jwksUri()).body();

        List<Map<String, Object>> keys = jsonKeys(jwks);
        assertThat(keys).extracting(k -> k.get("kid")).contains(issuer.currentKid());
        assertThat(keys).allSatisfy(k -> assertThat(k)
                .containsEntry("kty", "RSA").containsEntry("use", "sig").containsEntry("alg", "RS256")
                .containsKeys("n", "e").doesNotContainKeys("d", "p", "q"));
    }

    @Test
    void signedTokenVerifiesWithTheDefaultClaims() throws Exception {
        String token = issuer.token().sign();

        JwtContext verified = verifier(jwks(issuer)).process(token);
        JwtClaims claims = verified.getJwtClaims();
        assertThat(verified.getJoseObjects().get(0).getKeyIdHeaderValue()).isEqualTo(issuer.currentKid());
        assertThat(claims.getIssuer()).isEqualTo(issuer.issuerUrl());
        assertThat(claims.getSubject()).isEqualTo("instructor@school-a");
        assertThat(claims.getClaimValue("aud")).isEqualTo("debrief");
        assertThat(claims.getClaimValue("school_id")).isEqualTo("school-a");
        assertThat(claims.getClaimValue("scope")).isEqualTo("batches:read batches:write");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(600);
    }

    @Test
    void foreignKeyUnderTheCurrentKidDoesNotVerify() throws Exception {
        String forged = issuer.token().signWithForeignKey();

        assertThat(header(forged)).containsEntry("kid", issuer.currentKid()).containsEntry("alg", "RS256");
        assertThatThrownBy(() -> verifier(jwks(issuer)).process(forged)).isInstanceOf(InvalidJwtException.class);
    }

    @Test
    void unsignedTokenHasAlgNoneAndAnEmptySignature() throws Exception {
        String token = issuer.token().school("school-b").unsigned();

        String[] parts = token.split("\\.", -1);
        assertThat(parts).hasSize(3);
        assertThat(parts[2]).isEmpty();
        assertThat(decode(parts[0])).isEqualTo("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        assertThat(JsonUtil.parseJson(decode(parts[1]))).containsEntry("school_id", "school-b")
                .containsEntry("iss", issuer.issuerUrl()).containsKeys("exp", "iat", "sub", "aud", "scope");
        assertThatThrownBy(() -> verifier(jwks(issuer)).process(token)).isInstanceOf(InvalidJwtException.class);
    }

    @Test
    void rotationSignsWithTheNewKeyAndKeepsTheOldOnePublished() throws Exception {
        // on the shared issuer (RSA keys are slow to make): the other tests read the current kid, never assume it
        String oldKid = issuer.currentKid();
        String oldToken = issuer.token().sign();
        jwks(issuer);
        int fetchesBefore = issuer.jwksRequests();

        String newKid = issuer.rotateKeys();
        String newToken = issuer.token().sign();
        List<JsonWebKey> keys = jwks(issuer);

        assertThat(issuer.jwksRequests()).isEqualTo(fetchesBefore + 1);
        assertThat(newKid).isNotEqualTo(oldKid).isEqualTo(issuer.currentKid());
        assertThat(keys).extracting(JsonWebKey::getKeyId).containsSubsequence(oldKid, newKid);
        assertThat(verifier(keys).process(newToken).getJoseObjects().get(0).getKeyIdHeaderValue()).isEqualTo(newKid);
        assertThat(verifier(keys).process(oldToken).getJoseObjects().get(0).getKeyIdHeaderValue()).isEqualTo(oldKid);
    }

    @Test
    void expiredTokenFailsTheExpiryCheck() throws Exception {
        String token = issuer.token().expired().sign();

        assertThatThrownBy(() -> verifier(jwks(issuer)).process(token))
                .isInstanceOfSatisfying(InvalidJwtException.class, e -> assertThat(e.hasExpired()).isTrue());
    }

    @Test
    void scopesAsAnArrayOrLeftOut() throws Exception {
        List<JsonWebKey> keys = jwks(issuer);

        JwtClaims scp = verifier(keys).processToClaims(issuer.token().scp("batches:read").sign());
        assertThat(scp.getClaimValue("scp")).isEqualTo(List.of("batches:read"));
        assertThat(scp.hasClaim("scope")).isFalse();

        JwtClaims bare = verifier(keys).processToClaims(issuer.token().scope().school(null).sign());
        assertThat(bare.hasClaim("scope")).isFalse();
        assertThat(bare.hasClaim("school_id")).isFalse();
    }

    @Test
    void apiCachesTokensPerSchoolAndScopesAndPerIssuer() {
        TestIssuerResource resource = new TestIssuerResource();
        resource.start();
        String first;
        try {
            first = Api.token("school-b");
            assertThat(Api.token("school-b")).isSameAs(first);
            assertThat(Api.token("school-a")).isNotEqualTo(first);
            assertThat(Api.token("school-b", TokenBuilder.READ)).isNotEqualTo(first);
        } finally {
            resource.stop();
        }
        assertThatThrownBy(TestIssuerResource::issuer).isInstanceOf(IllegalStateException.class);

        resource.start();
        try {
            assertThat(Api.token("school-b")).as("a new issuer gets new tokens").isNotEqualTo(first);
        } finally {
            resource.stop();
        }
    }

    /** What a resource server checks: signature by a published key, RS256 only, issuer, audience, expiry. */
    private static JwtConsumer verifier(List<JsonWebKey> keys) {
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys))
                .setJwsAlgorithmConstraints(new AlgorithmConstraints(ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256))
                .setExpectedIssuer(issuer.issuerUrl())
                .setExpectedAudience("debrief")
                .setRequireExpirationTime()
                .build();
    }

    private static List<JsonWebKey> jwks(TestIssuer from) throws Exception {
        return new JsonWebKeySet(get(from.jwksUri()).body()).getJsonWebKeys();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> jsonKeys(String jwks) throws JoseException {
        return (List<Map<String, Object>>) JsonUtil.parseJson(jwks).get("keys");
    }

    private static Map<String, Object> header(String token) throws JoseException {
        return JsonUtil.parseJson(decode(token.substring(0, token.indexOf('.'))));
    }

    private static String decode(String base64url) {
        return new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return response;
    }

    private static int status(String method, String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
