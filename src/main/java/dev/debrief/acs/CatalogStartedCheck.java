package dev.debrief.acs;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Startup;

/**
 * Started once the catalog load has run, and what it loaded: rows per source and the FAA editions bundled. A broken
 * operator file does not hold the service back (reports still come out, codes looked up in what is stored), but it
 * is reported here for the operator.
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
        HealthCheckResponseBuilder response = HealthCheckResponse.named("acs-catalog")
                .status(state != CatalogImport.CatalogState.NOT_LOADED)
                .withData("catalog", state.name().toLowerCase());
        catalogImport.summary().ifPresent(summary -> response
                .withData("load", summary.written() ? "written" : "unchanged")
                .withData("bundled_rows", summary.bundledRows())
                .withData("operator_rows", summary.operatorRows())
                .withData("editions", String.join(", ", summary.editions()))
                .withData("operator_file", summary.operatorFile().orElse("none")));
        return response.build();
    }
}
