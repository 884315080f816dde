package dev.debrief.access;

import io.quarkus.oidc.Oidc;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Production never runs open by accident: without an issuer it refuses to start, unless access control was
 * switched off on purpose, which is then said at every start.
 */
@ApplicationScoped
class AccessStartup {

    private static final Logger LOG = Logger.getLogger(AccessStartup.class);

    private final AccessConfig config;
    private final Optional<String> issuer;

    AccessStartup(AccessConfig config, @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> issuer) {
        this.config = config;
        this.issuer = issuer;
    }

    /**
     * Runs while quarkus-oidc sets up its tenants, before it would refuse the missing URL in its own words: the
     * operator reads which variable to set.
     */
    void checkIssuer(@Observes Oidc oidc) {
        if (config.enabled() && issuer.isEmpty() && LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException("AUTH_SERVER_URL is not set: the service needs the token issuer to verify callers "
                    + "(or AUTH_ENABLED=false, for development only)");
        }
    }

    void report(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.warn("Access control is OFF (AUTH_ENABLED=false): every caller is school 'default' and may read and "
                    + "delete every batch of it. Never run a deployment with students' reports like this.");
            return;
        }
        LOG.infof("Access control on: bearer tokens from %s, school claim '%s'", issuer.orElse("the dev-mode issuer"),
                config.schoolClaim());
    }
}
