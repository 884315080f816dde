package dev.debrief.access;

import dev.debrief.common.ApiProblem;
import dev.debrief.common.ErrorCode;
import dev.debrief.common.FreshContexts;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every /v1 request passes here before its resource: the bearer token is verified by quarkus-oidc (signature
 * against the issuer's keys, issuer, audience, expiry), then the scope the HTTP method needs and the school
 * claim are checked. One gate by path rather than an annotation per resource, so a new /v1 endpoint cannot be
 * left open by forgetting one. Probes, /q/openapi and /q/metrics are outside /v1 and stay open. Application
 * scoped (not a singleton) because filters are built before the runtime configuration exists.
 */
@ApplicationScoped
public class AccessGate {

    private final AccessConfig config;
    private final CurrentIdentityAssociation identities;
    private final CurrentCaller current;

    AccessGate(AccessConfig config, CurrentIdentityAssociation identities, CurrentCaller current) {
        this.config = config;
        this.identities = identities;
        this.current = current;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Void> admit(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/v1")) {
            return Uni.createFrom().voidItem();
        }
        if (!config.enabled()) {
            enter(new Caller(Caller.SCHOOL_WHEN_DISABLED, "anonymous"));
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity()
                .onFailure(AuthenticationFailedException.class).transform(failure -> invalidToken())
                .invoke(identity -> enter(caller(identity, Scopes.requiredFor(request.getMethod()))))
                .replaceWithVoid();
    }

    private Caller caller(SecurityIdentity identity, String requiredScope) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new ApiProblem(ErrorCode.UNAUTHORIZED, "A bearer token is required (Authorization: Bearer <token>)")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"debrief\"");
        }
        Set<String> scopes = Scopes.of(token);
        if (scopes.isEmpty()) {
            scopes = config.scopesWhenAbsent().orElse(Set.of());
        }
        if (!scopes.contains(requiredScope)) {
            throw new ApiProblem(ErrorCode.FORBIDDEN, "The token lacks the scope " + requiredScope,
                    Map.of("required_scope", requiredScope))
                    .withHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + requiredScope + "\"");
        }
        Object school = token.getClaim(config.schoolClaim());
        if (!(school instanceof String schoolId) || schoolId.isBlank()) {
            throw new ApiProblem(ErrorCode.FORBIDDEN, "The token names no school (claim '" + config.schoolClaim() + "')",
                    Map.of("required_claim", config.schoolClaim()));
        }
        String subject = token.getSubject() != null ? token.getSubject() : identity.getPrincipal().getName();
        return new Caller(schoolId, subject);
    }

    private void enter(Caller caller) {
        current.set(caller);
        MDC.put(FreshContexts.SCHOOL_KEY, caller.school());
        MDC.put(FreshContexts.SUBJECT_KEY, String.valueOf(caller.subject()));
    }

    /** Nothing of the token or of the verifier's reason goes back, or into the logs: only that it failed. */
    private static ApiProblem invalidToken() {
        return new ApiProblem(ErrorCode.UNAUTHORIZED,
                "The bearer token is not valid here (signature, issuer, audience or expiry)")
                .withHeader("WWW-Authenticate", "Bearer realm=\"debrief\", error=\"invalid_token\"");
    }
}
