package dev.debrief.common;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * The rules that make the OpenAPI document a contract SDK generators take as it is, applied to every operation and
 * schema at build time, so that an endpoint or record added later follows them without annotations of its own:
 * <ul>
 * <li>Java types the generator knows (UUID, dates) are inlined as formatted strings: as components they clash with
 * the generators' own type names.</li>
 * <li>A member is required unless it may be null or the server leaves it out ({@link #LEFT_OUT_WHEN_EMPTY}), so
 * clients get non-optional fields where the server always sends them.</li>
 * <li>Nullable enums list null among their values, and a nullable reference is not also declared an object,
 * so validators accept the null the server sends.</li>
 * <li>Every /v1 operation carries the bearer scheme and its 401/403 refusals (AccessGate guards the path).</li>
 * <li>Every operation has a {@code default} problem answer (406, 415, 500 and whatever else an error can be).</li>
 * <li>{@code Problem.code} is the enum of {@link ErrorCode}: the one list of codes clients switch on.</li>
 * <li>The batch as created (with its reports) and the batch as read (with its files) are two schemas, as they are
 * two shapes on the wire.</li>
 * </ul>
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ContractFilter implements OASFilter {

    private static final String COMPONENTS = "#/components/schemas/";
    private static final String GUARDED = "/v1/";
    /** The security scheme's name (quarkus.smallrye-openapi.security-scheme-name). */
    private static final String BEARER = "bearer";
    /** Components the schema scanner makes of JDK types, and the string each stands for on the wire. */
    private static final Map<String, String> STRING_FORMATS = Map.of("UUID", "uuid", "LocalDate", "date",
            "OffsetDateTime", "date-time");
    /** Members written only when they have a value (@JsonInclude(NON_NULL)), per schema. */
    private static final Map<String, Set<String>> LEFT_OUT_WHEN_EMPTY = Map.of(
            "FileReport", Set.of("metadata", "codes", "error"),
            "Problem", Set.of("detail", "instance"),
            "CreatedBatch", Set.of("reports"));
    private static final String BATCH = "Batch";
    private static final String CREATED_BATCH = "CreatedBatch";

    @Override
    public Schema filterSchema(Schema schema) {
        String ref = schema.getRef();
        if (ref != null && ref.startsWith(COMPONENTS) && STRING_FORMATS.containsKey(ref.substring(COMPONENTS.length()))) {
            String format = STRING_FORMATS.get(ref.substring(COMPONENTS.length()));
            schema.setRef(null);
            schema.setType(List.of(SchemaType.STRING));
            schema.setFormat(format);
        }
        List<Schema> anyOf = schema.getAnyOf();
        if (anyOf != null && anyOf.stream().anyMatch(ContractFilter::isNullType)) {
            // "type: object" beside anyOf [X, null] would refuse the null the anyOf allows
            schema.setType(null);
        }
        List<SchemaType> types = schema.getType();
        if (types != null && types.contains(SchemaType.NULL) && schema.getEnumeration() != null
                && !schema.getEnumeration().contains(null)) {
            List<Object> values = new ArrayList<>(schema.getEnumeration());
            values.add(null);
            schema.setEnumeration(values);
        }
        return schema;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        STRING_FORMATS.keySet().forEach(openAPI.getComponents()::removeSchema);
        splitBatchShapes(openAPI, schemas);
        Set<String> sentByClients = requestSchemas(openAPI, schemas);
        schemas.forEach((name, schema) -> {
            if (!sentByClients.contains(name)) {
                requireWhatIsAlwaysSent(name, schema);
            }
        });
        describeProblemCodes(schemas.get("Problem"));
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            if (path.startsWith(GUARDED)) {
                guardedByTheAccessGate(method, operation);
            }
            answerProblemsByDefault(operation);
        }));
    }

    /**
     * Every /v1 operation is behind AccessGate (a filter on the path, not on the resources), so its bearer scheme and
     * refusals are documented here in the same way, for resources that will never mention them.
     */
    private static void guardedByTheAccessGate(PathItem.HttpMethod method, Operation operation) {
        if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
            operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(BEARER)));
        }
        String scope = method == PathItem.HttpMethod.GET ? "batches:read" : "batches:write";
        if (operation.getResponses().getAPIResponse("401") == null) {
            operation.getResponses().addAPIResponse("401", problem("UNAUTHORIZED: no bearer token, or one that is not valid here"));
        }
        if (operation.getResponses().getAPIResponse("403") == null) {
            operation.getResponses().addAPIResponse("403", problem("FORBIDDEN: the token lacks " + scope + " or names no school"));
        }
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(COMPONENTS + "Problem"))));
    }

    /** Schemas of request bodies, and those they hold: what a client may leave out is for their annotations to say. */
    private static Set<String> requestSchemas(OpenAPI openAPI, Map<String, Schema> schemas) {
        Set<String> names = new HashSet<>();
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    operation.getRequestBody().getContent().getMediaTypes().values()
                            .forEach(media -> collectReferences(media.getSchema(), schemas, names));
                }
            }
        }
        return names;
    }

    private static void collectReferences(Schema schema, Map<String, Schema> schemas, Set<String> names) {
        if (schema == null) {
            return;
        }
        String ref = schema.getRef();
        if (ref != null && ref.startsWith(COMPONENTS)) {
            String name = ref.substring(COMPONENTS.length());
            if (names.add(name)) {
                collectReferences(schemas.get(name), schemas, names);
            }
            return;
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> collectReferences(property, schemas, names));
        }
        collectReferences(schema.getItems(), schemas, names);
        if (schema.getAnyOf() != null) {
            schema.getAnyOf().forEach(option -> collectReferences(option, schemas, names));
        }
    }

    private static boolean isNullType(Schema schema) {
        return schema.getType() != null && schema.getType().equals(List.of(SchemaType.NULL));
    }

    private static boolean nullable(Schema schema) {
        return schema.getType() != null && schema.getType().contains(SchemaType.NULL)
                || schema.getAnyOf() != null && schema.getAnyOf().stream().anyMatch(ContractFilter::isNullType);
    }

    private static void requireWhatIsAlwaysSent(String name, Schema schema) {
        if (schema.getProperties() == null || schema.getProperties().isEmpty()) {
            return;
        }
        Set<String> optional = LEFT_OUT_WHEN_EMPTY.getOrDefault(name, Set.of());
        List<String> required = new ArrayList<>(schema.getRequired() == null ? List.of() : schema.getRequired());
        schema.getProperties().forEach((property, value) -> {
            if (!nullable(value) && !optional.contains(property) && !required.contains(property)) {
                required.add(property);
            }
        });
        schema.setRequired(required);
    }

    /**
     * POST answers the batch with the report bodies and without the files; GET the other way round. The view is one
     * record on the server (each list left out when empty), so the two shapes are cut from its schema here.
     */
    private static void splitBatchShapes(OpenAPI openAPI, Map<String, Schema> schemas) {
        Schema read = schemas.get(BATCH);
        if (read == null || read.getProperties() == null || !read.getProperties().containsKey("reports")) {
            return;
        }
        Schema created = OASFactory.createSchema().type(List.of(SchemaType.OBJECT))
                .description("A batch as its upload answers it: each file's report in upload order");
        Map<String, Schema> createdProperties = new LinkedHashMap<>(read.getProperties());
        createdProperties.remove("files");
        created.setProperties(createdProperties);
        openAPI.getComponents().addSchema(CREATED_BATCH, created);
        read.removeProperty("reports");
        read.setDescription("A batch as it is read: counts, each file's progress, Drive progress, links");

        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            Operation post = item.getPOST();
            if (post == null || post.getResponses() == null || post.getRequestBody() == null) {
                continue;
            }
            for (APIResponse response : post.getResponses().getAPIResponses().values()) {
                Content content = response.getContent();
                if (content == null) {
                    continue;
                }
                for (MediaType media : content.getMediaTypes().values()) {
                    Schema body = media.getSchema();
                    if (body != null && (COMPONENTS + BATCH).equals(body.getRef())) {
                        body.setRef(COMPONENTS + CREATED_BATCH);
                    }
                }
            }
        }
    }

    private static void describeProblemCodes(Schema problem) {
        if (problem == null || problem.getProperties() == null) {
            return;
        }
        Schema code = problem.getProperties().get("code");
        if (code != null) {
            code.setEnumeration(Arrays.stream(ErrorCode.values()).map(ErrorCode::name).map(Object.class::cast).toList());
        }
    }

    private static void answerProblemsByDefault(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getDefaultValue() != null) {
            return;
        }
        operation.getResponses().setDefaultValue(problem("Any other error (406, 415, 500, …): problem details with a stable code"));
    }
}
