package dev.debrief.acs;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/**
 * Started once the catalog import has run. A missing or broken catalog file does not hold the service back
 * (reports still come out, codes marked unknown), but it is reported here for the operator.
 */
@Startup
@ApplicationScoped
class CatalogStartedCheck implements HealthCheck {

    private final CatalogImport catalogImport;

    CatalogStartedCheck(CatalogImport catalogImport) {
        this.catalogImport = catalogImport;
    }

    @Override
    public HealthCheckResponse call() {
        CatalogImport.CatalogState state = catalogImport.state();
        return HealthCheckResponse.named("acs-catalog")
                .status(state != CatalogImport.CatalogState.NOT_LOADED)
                .withData("catalog", state.name().toLowerCase())
                .build();
    }
}
