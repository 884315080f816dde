package dev.debrief.access;

import dev.debrief.common.ApiProblem;
import dev.debrief.common.ErrorCode;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Dev mode only: prints a token of the dev-mode issuer to paste into curl or Swagger UI's "Authorize".
 * {@code curl -s http://localhost:8080/dev/token} gives school {@code dev-school} both scopes.
 */
@IfBuildProfile("dev")
@Path("/dev/token")
public class DevTokenResource {

    private final DevIssuer issuer;

    DevTokenResource(DevIssuer issuer) {
        this.issuer = issuer;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public String token(@RestQuery String school, @RestQuery String scope, @RestQuery String subject) {
        if (!issuer.active()) {
            throw new ApiProblem(ErrorCode.NOT_FOUND, "AUTH_SERVER_URL is set: get tokens from that issuer");
        }
        return issuer.token(orDefault(school, "dev-school"), orDefault(scope, Scopes.READ + " " + Scopes.WRITE),
                orDefault(subject, "dev-instructor")) + "\n";
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
