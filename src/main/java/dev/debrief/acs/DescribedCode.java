package dev.debrief.acs;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A missed ACS code as reports show it: what the catalog says about it, or what the code itself encodes. */
@Schema(name = "AcsCode")
public record DescribedCode(
        @Schema(example = "PA.I.B.K1") String code,
        @Schema(nullable = true, description = "Element text from the catalog (the former text of an archived code); null when the code is not in it")
        String description,
        @Schema(nullable = true, example = "I. Preflight Preparation") String areaOfOperation,
        @Schema(nullable = true, example = "B. Airworthiness Requirements") String task,
        @Schema(enumeration = {"knowledge", "risk_management", "skill", "legacy"}) String type,
        @Schema(description = "Whether the catalog knows the code") boolean known,
        @Schema(description = "Whether the FAA has archived the code (FAA-G-ACS-2, Section 8)") boolean archived) {
}
