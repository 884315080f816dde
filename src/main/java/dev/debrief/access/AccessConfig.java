package dev.debrief.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call the API and how much. The token itself (issuer, keys, audience, expiry) is verified by
 * quarkus-oidc from {@code quarkus.oidc.*}, which the same environment variables feed (AUTH_SERVER_URL,
 * AUTH_AUDIENCE).
 */
@ConfigMapping(prefix = "debrief.access")
public interface AccessConfig {

    /** Off only for development: every caller is then school {@code default}, with every scope. */
    @WithDefault("true")
    boolean enabled();

    /** The token claim naming the school (tenant) that owns what the caller creates and may see. */
    @WithDefault("school_id")
    String schoolClaim();

    /**
     * Scopes given to a token that carries none at all (neither {@code scope} nor {@code scp}): for issuers that
     * issue no scopes, such as a Kubernetes cluster's service-account issuer. Empty by default: no scope, no access.
     */
    Optional<Set<String>> scopesWhenAbsent();

    /** Batches a school may create at once before the rate applies. */
    @WithDefault("20")
    int batchBurst();

    /** Batches a school may create per minute, on average, once its burst is spent. */
    @WithDefault("60")
    int batchesPerMinute();

    /** How long the dev-mode issuer's tokens last. */
    @WithDefault("12h")
    Duration devTokenLifetime();
}
