package dev.debrief.access;

import static dev.debrief.testsupport.Api.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrSample;
import dev.debrief.testsupport.TestIssuerResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A deployment whose issuer is a Kubernetes cluster's service-account issuer: its projected tokens carry no
 * scope and no school, so the operator names the subject as the school and grants scopes to scope-less tokens.
 */
@QuarkusTest
@TestProfile(ServiceAccountTokensTest.ClusterIssuer.class)
class ServiceAccountTokensTest {

    public static class ClusterIssuer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("debrief.access.school-claim", "sub",
                    "debrief.access.scopes-when-absent", "batches:read,batches:write");
        }
    }

    private static final String SERVICE_ACCOUNT = "system:serviceaccount:flight-school:report-uploader";

    @Inject
    Pool pool;

    @Test
    void aPodsProjectedTokenCreatesAndReadsItsOwnBatches() {
        String token = TestIssuerResource.issuer().token().subject(SERVICE_ACCOUNT).school(null).scope()
                .claim("kubernetes.io", Map.of("namespace", "flight-school", "serviceaccount", Map.of("name", "report-uploader")))
                .sign();
        byte[] pdf = new AktrDocumentFactory().pdf(AktrSample.random(new Random(7)), AktrDocumentFactory.Layout.STANDARD);

        String batchId = withToken(token).multiPart("files", "a.pdf", pdf, "application/pdf").when().post("/v1/batches")
                .then().statusCode(201).extract().path("batch_id");
        try {
            withToken(token).when().get("/v1/batches/" + batchId).then().statusCode(200).body("successful_files", equalTo(1));
            String owner = pool.preparedQuery("SELECT school_id FROM batch_reports WHERE id = $1").execute(Tuple.of(UUID.fromString(batchId)))
                    .await().atMost(Duration.ofSeconds(10)).iterator().next().getString(0);
            assertThat(owner).isEqualTo(SERVICE_ACCOUNT);
            // a token that does carry scopes is held to them
            String readOnly = TestIssuerResource.issuer().token().subject(SERVICE_ACCOUNT).school(null).scope("batches:read").sign();
            withToken(readOnly).when().delete("/v1/batches/" + batchId).then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        } finally {
            withToken(token).when().delete("/v1/batches/" + batchId).then().statusCode(204);
        }
    }
}
