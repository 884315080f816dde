package dev.debrief.common;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 7807 problem details, with the stable {@code code} and the request id of the failed request. */
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "code", "request_id"})
@Schema(name = "Problem", description = "RFC 7807 problem details; extension members depend on the code")
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        @Schema(description = "Stable machine-readable error code", example = "TOO_MANY_FILES") String code,
        String requestId,
        @Schema(hidden = true) Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ErrorCode code, String detail, String instance, String requestId, Map<String, Object> extensions) {
        return new Problem(code.typeUri(), code.title(), code.status(), detail, instance, code.name(), requestId, extensions);
    }

    @JsonAnyGetter
    @Override
    public Map<String, Object> extensions() {
        return extensions;
    }
}
