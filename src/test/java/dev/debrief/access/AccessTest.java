package dev.debrief.access;

import static dev.debrief.testsupport.Api.anonymous;
import static dev.debrief.testsupport.Api.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrSample;
import dev.debrief.testsupport.TestIssuer;
import dev.debrief.testsupport.TestIssuerResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens on the real HTTP API, verified by quarkus-oidc against a real issuer on loopback (discovery,
 * JWKS): who gets in, who is refused, and how the refusal reads.
 */
@QuarkusTest
class AccessTest {

    private static final String SOME_BATCH = "/v1/batches/" + UUID.randomUUID();
    private final TestIssuer issuer = TestIssuerResource.issuer();

    @Test
    void noTokenIsUnauthorizedOnEveryV1Endpoint() {
        for (String path : new String[] {SOME_BATCH, SOME_BATCH + "/summary", SOME_BATCH + "/reports",
                "/v1/reports/" + UUID.randomUUID(), "/v1/acs-codes/PA.I.A.K1", "/v1/extractor/batch/" + UUID.randomUUID() + "/summary"}) {
            unauthorized(anonymous().header("X-Request-ID", "no-token-1").when().get(path).then())
                    .body("request_id", equalTo("no-token-1"));
        }
        unauthorized(anonymous().when().delete(SOME_BATCH).then());
        unauthorized(anonymous().when().post(SOME_BATCH + "/drive/retry").then());
        unauthorized(anonymous().multiPart("files", "a.pdf", pdf()).when().post("/v1/batches").then());
    }

    @Test
    void tokensThatAreNotValidHereAreUnauthorized() {
        String[] refused = {
                issuer.token().expired().sign(),
                issuer.token().audience("another-service").sign(),
                issuer.token().issuer("https://impostor.example/realms/debrief-test").sign(),
                issuer.token().signWithForeignKey(),
                issuer.token().unsigned(),
                "not-a-jwt-at-all",
        };
        for (String token : refused) {
            unauthorized(withToken(token).when().get(SOME_BATCH).then())
                    .header("WWW-Authenticate", containsString("invalid_token"))
                    .body("detail", not(containsString(token)));
        }
    }

    @Test
    void aValidTokenGetsThrough() {
        // an unknown batch: the answer is the batch's 404, so the token itself was accepted
        withToken(issuer.token().sign()).when().get(SOME_BATCH).then().statusCode(404).body("code", equalTo("BATCH_NOT_FOUND"));
        withToken(issuer.token().scope().scp("batches:read").sign()).when().get(SOME_BATCH)
                .then().statusCode(404).body("code", equalTo("BATCH_NOT_FOUND"));
    }

    @Test
    void aReadOnlyTokenReadsButCannotCreateOrDelete() {
        String readOnly = issuer.token().school("read-only-school").scope("batches:read").sign();
        withToken(readOnly).when().get(SOME_BATCH).then().statusCode(404);
        forbidden(withToken(readOnly).multiPart("files", "a.pdf", pdf()).when().post("/v1/batches").then())
                .header("WWW-Authenticate", containsString("insufficient_scope"))
                .body("required_scope", equalTo("batches:write"));
        forbidden(withToken(readOnly).when().delete(SOME_BATCH).then());
        forbidden(withToken(readOnly).when().post(SOME_BATCH + "/drive/retry").then());
        forbidden(withToken(issuer.token().scope("batches:write").sign()).when().get(SOME_BATCH).then())
                .body("required_scope", equalTo("batches:read"));
    }

    @Test
    void aTokenWithoutASchoolIsForbidden() {
        forbidden(withToken(issuer.token().school(null).sign()).when().get(SOME_BATCH).then())
                .body("required_claim", equalTo("school_id"));
    }

    @Test
    void rotatedKeysAreFetchedFromTheIssuer() {
        withToken(issuer.token().sign()).when().get(SOME_BATCH).then().statusCode(404);
        int fetchesBefore = issuer.jwksRequests();
        issuer.rotateKeys();

        withToken(issuer.token().sign()).when().get(SOME_BATCH).then().statusCode(404).body("code", equalTo("BATCH_NOT_FOUND"));
        assertThat(issuer.jwksRequests()).as("the new key was fetched from jwks_uri").isGreaterThan(fetchesBefore);
    }

    @Test
    void probesTheDocumentAndMetricsStayOpen() {
        anonymous().when().get("/q/health/live").then().statusCode(200);
        anonymous().when().get("/q/health/ready").then().statusCode(200);
        anonymous().when().get("/q/openapi").then().statusCode(200);
        anonymous().when().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void theDevTokenEndpointIsNotPartOfThisBuild() {
        anonymous().when().get("/dev/token").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    private static ValidatableResponse unauthorized(ValidatableResponse response) {
        return response.statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("code", equalTo("UNAUTHORIZED"))
                .body("request_id", notNullValue());
    }

    private static ValidatableResponse forbidden(ValidatableResponse response) {
        return response.statusCode(403).contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
    }

    private static byte[] pdf() {
        return new AktrDocumentFactory().pdf(AktrSample.random(new Random(1)), AktrDocumentFactory.Layout.STANDARD);
    }
}
