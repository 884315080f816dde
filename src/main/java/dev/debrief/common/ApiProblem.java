package dev.debrief.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the client is told about: an {@link ErrorCode}, a sentence for humans and optional extension
 * members (e.g. {@code max_files}). Thrown anywhere below a resource; {@link ProblemMapper} renders it.
 */
public class ApiProblem extends RuntimeException {

    /** The extension that says when to come back; the answer also carries it as its Retry-After header. */
    public static final String RETRY_AFTER_SECONDS = "retry_after_seconds";

    private final ErrorCode code;
    private final Map<String, Object> extensions;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiProblem(ErrorCode code, String detail) {
        this(code, detail, Map.of());
    }

    public ApiProblem(ErrorCode code, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.code = code;
        this.extensions = new LinkedHashMap<>(extensions);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    /** A response header the answer must carry (e.g. WWW-Authenticate on 401). */
    public ApiProblem withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
