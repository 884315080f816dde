package dev.debrief.acs;

import dev.debrief.common.ApiProblem;
import dev.debrief.common.ErrorCode;
import dev.debrief.common.Problem;
import dev.debrief.extraction.AcsCode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/v1/acs-codes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ACS codes", description = "The Airman Certification Standards code catalog")
public class AcsCodeResource {

    private final AcsCatalog catalog;

    AcsCodeResource(AcsCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Path("/{code}")
    @Operation(operationId = "getAcsCode", summary = "Look up one ACS code in the catalog")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AcsCodeEntry.class)))
    @APIResponse(responseCode = "404", description = "The catalog has no such code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AcsCodeEntry> getAcsCode(
            @Parameter(example = "PA.I.B.K1") @RestPath String code,
            @Parameter(description = "Prefer the entry of this exam's document (e.g. PAR)") @RestQuery String exam,
            @Parameter(description = "Prefer the text of this FAA edition (e.g. FAA-S-ACS-6B, for a test taken under it)")
            @RestQuery String edition) {
        var parsed = AcsCode.parse(code).filter(c -> !c.legacy());
        if (parsed.isEmpty()) {
            return Uni.createFrom().failure(notFound(code));
        }
        return catalog.find(code, exam, edition).map(found -> found
                .map(entry -> AcsCodeEntry.of(entry, parsed.get()))
                .orElseThrow(() -> notFound(code)));
    }

    private static ApiProblem notFound(String code) {
        return new ApiProblem(ErrorCode.ACS_CODE_NOT_FOUND, "The ACS catalog has no code '" + code + "'");
    }

    @Schema(name = "AcsCodeEntry")
    public record AcsCodeEntry(
            String code,
            @Schema(description = "The element text; for an archived code, its text before it was archived") String description,
            String areaOfOperation, String task, String type,
            @Schema(description = "The knowledge tests whose ACS documents list this code") List<String> examTypes,
            @Schema(description = "Where the text comes from: the catalog built into the service from the FAA PDFs, "
                    + "or the operator's catalog file", enumeration = {"bundled", "operator"}) String source,
            @Schema(nullable = true, description = "The FAA document the text was read from; null for the operator's catalog",
                    example = "FAA-S-ACS-6C") String edition,
            @Schema(description = "The FAA has archived the code (FAA-G-ACS-2, Section 8)") boolean archived,
            @Schema(description = "The text comes from an edition that a newer one replaced") boolean superseded) {

        static AcsCodeEntry of(AcsCatalog.CatalogEntry entry, AcsCode parsed) {
            DescribedCode described = entry.describe(parsed);
            return new AcsCodeEntry(entry.code(), described.description(), described.areaOfOperation(), described.task(),
                    described.type(), entry.examTypes(), entry.source(), entry.edition(), entry.archived(),
                    entry.superseded());
        }
    }
}
