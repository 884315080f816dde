package dev.debrief.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debrief.common.ApiProblem;
import dev.debrief.common.ErrorCode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/** The {@code options} part of a batch request; unknown or ill-typed members are refused, not ignored. */
record BatchOptions(ProcessingMode processingMode, boolean generateSummary, boolean includeIndividualReports) {

    static final BatchOptions DEFAULTS = new BatchOptions(ProcessingMode.AUTO, true, true);
    private static final Set<String> MEMBERS = Set.of("processing_mode", "generate_summary", "include_individual_reports");

    static BatchOptions parse(String raw, ObjectMapper json) {
        if (raw == null || raw.isBlank()) {
            return DEFAULTS;
        }
        JsonNode node;
        try {
            node = json.readTree(raw);
        } catch (JsonProcessingException e) {
            throw invalid("'options' is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw invalid("'options' must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw invalid("Unknown option '" + name + "'; known options are " + String.join(", ", MEMBERS.stream().sorted().toList()));
            }
        }
        return new BatchOptions(mode(node.get("processing_mode")), flag(node, "generate_summary"),
                flag(node, "include_individual_reports"));
    }

    JsonNode toJson(ObjectMapper json) {
        return json.createObjectNode()
                .put("processing_mode", processingMode.name().toLowerCase(Locale.ROOT))
                .put("generate_summary", generateSummary)
                .put("include_individual_reports", includeIndividualReports);
    }

    static BatchOptions fromJson(JsonNode stored) {
        if (stored == null || !stored.isObject() || stored.isEmpty()) {
            return DEFAULTS;
        }
        return new BatchOptions(ProcessingMode.valueOf(stored.path("processing_mode").asText("auto").toUpperCase(Locale.ROOT)),
                stored.path("generate_summary").asBoolean(true), stored.path("include_individual_reports").asBoolean(true));
    }

    private static ProcessingMode mode(JsonNode value) {
        if (value == null || value.isNull()) {
            return ProcessingMode.AUTO;
        }
        if (value.isTextual()) {
            for (ProcessingMode mode : ProcessingMode.values()) {
                if (mode.name().equalsIgnoreCase(value.asText())) {
                    return mode;
                }
            }
        }
        throw invalid("'processing_mode' must be one of auto, sequential, parallel");
    }

    private static boolean flag(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return true;
        }
        if (!value.isBoolean()) {
            throw invalid("'" + name + "' must be true or false");
        }
        return value.asBoolean();
    }

    private static ApiProblem invalid(String detail) {
        return new ApiProblem(ErrorCode.INVALID_OPTIONS, detail);
    }
}
