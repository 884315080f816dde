package dev.debrief.testsupport;

import dev.debrief.testsupport.FakeDriveStore.ChunkResult;
import dev.debrief.testsupport.FakeDriveStore.DriveError;
import dev.debrief.testsupport.FakeDriveStore.Item;
import dev.debrief.testsupport.FakeDriveStore.Page;
import dev.debrief.testsupport.FakeDriveStore.Snapshot;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * A stateful fake of the Drive v3 REST API on loopback, for the real Google client to talk to
 * ({@code Drive.Builder#setRootUrl(rootUrl())}).
 *
 * <p>It speaks the wire protocol the client really uses: gzip-encoded request bodies, PATCH sent as POST
 * with {@code X-HTTP-Method-Override}, multipart/related uploads, and the resumable protocol (initiation,
 * {@code Location} session URL, chunked PUTs answered with 308 and {@code Range}). A small OAuth token
 * endpoint ({@link #tokenUrl()}) lets refreshing credentials run against it too.
 *
 * <p>Faults are injected per {@link Endpoint}: a FIFO queue ({@link #enqueue}), predicates
 * ({@link #failWhen}) and a seeded random mode ({@link #failRandomly}); plus latency. Every request is
 * logged ({@link #calls()}); {@link #snapshot()} dumps the state. Thread-safe.
 *
 * <p>Scopes: a token is either a full-Drive token (the default, and every fixed token a test does not mark) or a
 * {@code drive.file} token, which sees only what the app made ({@link FakeDriveStore}). A token is drive.file when a
 * test marks it ({@link #driveFileToken}) or when the token endpoint issued it for a grant asking for drive.file
 * alone: a service account's JWT names its scopes, a refresh token has those {@link #grantOnRefresh} says.
 */
public final class FakeDriveServer implements AutoCloseable {

    /** The kinds of call faults are aimed at. */
    public enum Endpoint {
        CREATE_FOLDER, CREATE_FILE, LIST, GET, UPDATE,
        /** a multipart (or media-only) upload, or the initiation of a resumable session */
        UPLOAD,
        /** one PUT of a resumable session */
        UPLOAD_CHUNK,
        PERMISSION, TOKEN, UNKNOWN
    }

    /**
     * One injected misbehaviour. Build with the factories. {@code message} is Google's text in an error body (null:
     * what Drive says for that reason).
     */
    public record Fault(Type type, int status, String reason, String message, String retryAfter, Duration delay) {
        public enum Type {
            /** an HTTP error with Google's JSON error body */
            GOOGLE_ERROR,
            /** an HTTP error with a non-JSON body, as a proxy or load balancer would send */
            PLAIN_STATUS,
            /** close the connection without answering; nothing is applied */
            DROP,
            /** apply the call, then close the connection without answering */
            LOST_AFTER_SUCCESS,
            /** answer normally, late */
            DELAY
        }

        public static Fault googleError(int status, String reason) {
            return googleError(status, reason, null);
        }

        /** An error whose body says {@code message}, as Google's free text may (names, accounts, projects). */
        public static Fault googleError(int status, String reason, String message) {
            return new Fault(Type.GOOGLE_ERROR, status, reason, message, null, Duration.ZERO);
        }

        /** 429 rateLimitExceeded with a Retry-After header (delay-seconds or an HTTP-date). */
        public static Fault tooManyRequests(String retryAfter) {
            return new Fault(Type.GOOGLE_ERROR, 429, "rateLimitExceeded", null, retryAfter, Duration.ZERO);
        }

        public static Fault forbidden(String reason) {
            return googleError(403, reason);
        }

        public static Fault unauthorized() {
            return googleError(401, "authError");
        }

        /** 500 or 503 with Google's "backendError". */
        public static Fault serverError(int status) {
            return googleError(status, "backendError");
        }

        public static Fault plainStatus(int status) {
            return new Fault(Type.PLAIN_STATUS, status, null, null, null, Duration.ZERO);
        }

        public static Fault drop() {
            return new Fault(Type.DROP, 0, null, null, null, Duration.ZERO);
        }

        public static Fault lostAfterSuccess() {
            return new Fault(Type.LOST_AFTER_SUCCESS, 0, null, null, null, Duration.ZERO);
        }

        public static Fault delay(Duration delay) {
            return new Fault(Type.DELAY, 0, null, null, null, delay);
        }

        public Fault withRetryAfter(String value) {
            return new Fault(type, status, reason, message, value, delay);
        }

        /** What {@link #failRandomly} picks from by default: faults a client should retry. */
        public static final List<Fault> RETRYABLE_MIX = List.of(
                tooManyRequests("0"), serverError(500), serverError(503), plainStatus(502),
                forbidden("rateLimitExceeded"), forbidden("userRateLimitExceeded"), drop());

        /** The same, plus applied-but-unanswered calls: what duplicate prevention must survive. */
        public static final List<Fault> RETRYABLE_MIX_WITH_LOST_RESPONSES;

        static {
            List<Fault> all = new ArrayList<>(RETRYABLE_MIX);
            all.add(lostAfterSuccess());
            RETRYABLE_MIX_WITH_LOST_RESPONSES = List.copyOf(all);
        }

        String label() {
            return switch (type) {
                case GOOGLE_ERROR -> status + " " + reason;
                case PLAIN_STATUS -> String.valueOf(status);
                case DROP -> "drop";
                case LOST_AFTER_SUCCESS -> "lostAfterSuccess";
                case DELAY -> "delay " + delay.toMillis() + "ms";
            };
        }
    }

    /** What a {@link #failWhen} predicate sees: the endpoint, the item name when known, the query. */
    public record Target(Endpoint endpoint, String name, Map<String, String> query) {
    }

    /**
     * One request as the server saw it. {@code status} is what was sent, or -1 when the connection was
     * closed instead; {@code fault} names the injected fault, if any.
     */
    public record Call(Instant at, String method, String path, Map<String, String> query, Endpoint endpoint,
            String name, String uploadType, boolean gzipped, String methodOverride, String contentRange,
            int status, String fault) {
    }

    private record Reply(int status, String statusMessage, Map<String, String> headers, String contentType, byte[] body) {
        static Reply json(int status, JsonObject body) {
            return new Reply(status, null, Map.of(), "application/json; charset=UTF-8",
                    body.encode().getBytes(StandardCharsets.UTF_8));
        }
    }

    private record Route(Endpoint endpoint, String name, Supplier<Reply> action) {
    }

    private static final Map<String, Set<String>> ITEM_MASK = Map.of("", FakeDriveStore.FILE_FIELDS);
    private static final Map<String, Set<String>> LIST_MASK = Map.of(
            "", Set.of("kind", "nextPageToken", "incompleteSearch", "files"), "files", FakeDriveStore.FILE_FIELDS);
    private static final Map<String, Set<String>> PERMISSION_MASK = Map.of(
            "", Set.of("kind", "id", "type", "role", "allowFileDiscovery", "emailAddress", "domain"));

    private final FakeDriveStore store = new FakeDriveStore();
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final Object faultLock = new Object();
    private final Map<Endpoint, Deque<Fault>> queued = new EnumMap<>(Endpoint.class);
    private final List<FaultRule> rules = new ArrayList<>();
    private final Map<Endpoint, Duration> latency = new EnumMap<>(Endpoint.class);
    private volatile Duration globalLatency = Duration.ZERO;
    private volatile String requiredToken;
    private final Set<String> issuedTokens = Collections.synchronizedSet(new java.util.HashSet<>());
    private final Set<String> driveFileTokens = Collections.synchronizedSet(new java.util.HashSet<>());
    private final List<String> requestedScopes = Collections.synchronizedList(new ArrayList<>());
    private volatile String refreshGrantScope;
    private final AtomicInteger tokenCounter = new AtomicInteger();
    /** Bumped by reset(), so that an answer still delayed from a previous test never touches new state. */
    private final AtomicInteger generation = new AtomicInteger();

    private Vertx vertx;
    private HttpServer server;
    private volatile int port;

    /** A fault rule: returns the fault for this request, or null to let it through. */
    @FunctionalInterface
    private interface FaultRule {
        Fault decide(Target target);
    }

    // ---- lifecycle ----

    public synchronized FakeDriveServer start() {
        return start(0);
    }

    /** Starts on a fixed port (0: any free one), e.g. for {@link FakeDriveMain}. */
    public synchronized FakeDriveServer start(int fixedPort) {
        if (server != null) {
            return this;
        }
        vertx = Vertx.vertx();
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(fixedPort));
        server.requestHandler(this::onRequest);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("fake Drive server did not start", e);
        }
        port = server.actualPort();
        return this;
    }

    public synchronized void stop() {
        try {
            if (vertx != null) {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("fake Drive server did not stop", e);
        } finally {
            vertx = null;
            server = null;
            port = 0;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** What the client's {@code setRootUrl} takes: {@code http://127.0.0.1:PORT/}. */
    public String rootUrl() {
        if (port == 0) {
            throw new IllegalStateException("not started");
        }
        return "http://127.0.0.1:" + port + "/";
    }

    /** An OAuth token endpoint that hands out bearer tokens this server accepts. */
    public String tokenUrl() {
        return rootUrl() + "token";
    }

    /** Forgets state, faults, latency, tokens and the request log. */
    public void reset() {
        generation.incrementAndGet();
        store.reset();
        clearFaults();
        calls.clear();
        requiredToken = null;
        issuedTokens.clear();
        driveFileTokens.clear();
        requestedScopes.clear();
        refreshGrantScope = null;
        tokenCounter.set(0);
    }

    // ---- state ----

    public Snapshot snapshot() {
        return store.snapshot();
    }

    public void addSharedDrive(String driveId) {
        store.addSharedDrive(driveId);
    }

    /** A folder made by someone else (not the app), e.g. by hand in Drive; {@code createdTime} null means now. */
    public String seedFolder(String parentId, String name, Instant createdTime) {
        return store.seedFolder(parentId, name, createdTime);
    }

    /** A folder the app made, e.g. another replica's twin, carrying these app properties. */
    public String seedAppFolder(String parentId, String name, Instant createdTime, Map<String, String> appProperties) {
        return store.seedAppFolder(parentId, name, createdTime, appProperties);
    }

    public void trash(String id) {
        store.trash(id);
    }

    /**
     * Only this bearer token (and tokens from {@link #tokenUrl()}) is accepted; by default any bearer
     * token is, but a request without one always gets 401.
     */
    public void requireToken(String token) {
        requiredToken = token;
    }

    public int tokensIssued() {
        return tokenCounter.get();
    }

    /** Requests with this bearer token see only what the app made, as a token granted only drive.file does. */
    public void driveFileToken(String token) {
        driveFileTokens.add(token);
    }

    /**
     * What the user consented to for the refresh tokens this endpoint exchanges (space-separated), reported in the
     * answer's {@code scope} as Google does; null (the default) leaves {@code scope} out of the answer.
     */
    public void grantOnRefresh(String scope) {
        refreshGrantScope = scope;
    }

    /** The scopes named by each JWT grant (a service account's assertion), in order. */
    public List<String> requestedScopes() {
        synchronized (requestedScopes) {
            return List.copyOf(requestedScopes);
        }
    }

    // ---- faults ----

    /** The next calls of that endpoint get these faults, in order, one each. */
    public void enqueue(Endpoint endpoint, Fault... faults) {
        synchronized (faultLock) {
            queued.computeIfAbsent(endpoint, e -> new ArrayDeque<>()).addAll(Arrays.asList(faults));
        }
    }

    /** Every call of that endpoint matching {@code when} gets {@code fault}, until {@link #clearFaults()}. */
    public void failWhen(Endpoint endpoint, Predicate<Target> when, Fault fault) {
        synchronized (faultLock) {
            rules.add(t -> t.endpoint() == endpoint && when.test(t) ? fault : null);
        }
    }

    /**
     * Each call of that endpoint fails with {@code probability}, with a fault drawn from {@code choices}
     * ({@link Fault#RETRYABLE_MIX} when none), from a generator seeded with {@code seed}.
     */
    public void failRandomly(Endpoint endpoint, double probability, long seed, Fault... choices) {
        List<Fault> pool = choices.length == 0 ? Fault.RETRYABLE_MIX : List.of(choices);
        Random random = new Random(seed);
        synchronized (faultLock) {
            rules.add(t -> {
                if (t.endpoint() != endpoint) {
                    return null;
                }
                // both draws on every call, so the sequence only depends on the number of calls
                double roll = random.nextDouble();
                Fault pick = pool.get(random.nextInt(pool.size()));
                return roll < probability ? pick : null;
            });
        }
    }

    /** Added to every answer. */
    public void latency(Duration perCall) {
        globalLatency = perCall;
    }

    /** Added to every answer of that endpoint (on top of the global latency). */
    public void latency(Endpoint endpoint, Duration perCall) {
        synchronized (faultLock) {
            latency.put(endpoint, perCall);
        }
    }

    public void clearFaults() {
        synchronized (faultLock) {
            queued.clear();
            rules.clear();
            latency.clear();
        }
        globalLatency = Duration.ZERO;
    }

    /** Faults still queued for that endpoint (not yet consumed). */
    public int pendingFaults(Endpoint endpoint) {
        synchronized (faultLock) {
            Deque<Fault> q = queued.get(endpoint);
            return q == null ? 0 : q.size();
        }
    }

    // ---- request log ----

    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** Forgets the request log only; state and faults stay (e.g. between benchmark runs on the same folders). */
    public void clearCalls() {
        calls.clear();
    }

    public List<Call> calls(Endpoint endpoint) {
        return calls().stream().filter(c -> c.endpoint() == endpoint).toList();
    }

    // ---- HTTP ----

    private void onRequest(HttpServerRequest req) {
        req.body().onComplete(ar -> {
            if (ar.failed()) {
                req.connection().close();
                return;
            }
            try {
                handle(req, ar.result().getBytes());
            } catch (RuntimeException e) {
                // a bug in the fake: say so loudly rather than hang the client
                send(req, Reply.json(500, errorJson(500, "fakeServerBug", String.valueOf(e))));
            }
        });
    }

    private void handle(HttpServerRequest req, byte[] raw) {
        Instant at = Instant.now();
        Map<String, String> query = firstValues(req.params());
        String override = req.getHeader("X-HTTP-Method-Override");
        String method = override != null && req.method() == HttpMethod.POST
                ? override.toUpperCase(Locale.ROOT) : req.method().name();
        boolean gzipped = "gzip".equalsIgnoreCase(req.getHeader("Content-Encoding"));
        String contentRange = req.getHeader("Content-Range");
        CallLog log = new CallLog(at, method, req.path(), query, gzipped, override, contentRange);

        Route route;
        try {
            byte[] body = gzipped ? gunzip(raw) : raw;
            route = route(req, method, req.path(), query, body, appOnly(req.getHeader("Authorization")));
        } catch (DriveError e) {
            send(req, error(e.status, e.reason, e.getMessage(), null, false));
            log.record(Endpoint.UNKNOWN, null, e.status, null);
            return;
        }
        log.endpoint = route.endpoint();
        log.name = route.name();

        if (route.endpoint() != Endpoint.TOKEN && !authorized(req.getHeader("Authorization"))) {
            send(req, error(401, "authError", "Request is missing required authentication credential.", null, false));
            log.record(401, null);
            return;
        }

        Fault fault = pickFault(new Target(route.endpoint(), route.name(), query));
        Duration delay = globalLatency.plus(latencyOf(route.endpoint()))
                .plus(fault != null && fault.type() == Fault.Type.DELAY ? fault.delay() : Duration.ZERO);
        int gen = generation.get();
        Runnable respond = () -> {
            if (gen != generation.get()) {
                req.connection().close();
                return;
            }
            answer(req, route, fault, log);
        };
        if (delay.toMillis() > 0) {
            vertx.setTimer(delay.toMillis(), id -> respond.run());
        } else {
            respond.run();
        }
    }

    private void answer(HttpServerRequest req, Route route, Fault fault, CallLog log) {
        String label = fault == null ? null : fault.label();
        if (fault != null) {
            switch (fault.type()) {
                case GOOGLE_ERROR -> {
                    send(req, error(fault.status(), fault.reason(),
                            fault.message() != null ? fault.message() : messageFor(fault.reason()), fault.retryAfter(),
                            route.endpoint() == Endpoint.TOKEN));
                    log.record(fault.status(), label);
                    return;
                }
                case PLAIN_STATUS -> {
                    Map<String, String> headers = fault.retryAfter() == null ? Map.of() : Map.of("Retry-After", fault.retryAfter());
                    send(req, new Reply(fault.status(), null, headers, "text/html; charset=UTF-8",
                            ("<html><body>Error " + fault.status() + "</body></html>").getBytes(StandardCharsets.UTF_8)));
                    log.record(fault.status(), label);
                    return;
                }
                case DROP -> {
                    req.connection().close();
                    log.record(-1, label);
                    return;
                }
                case LOST_AFTER_SUCCESS -> {
                    Reply applied = run(route);
                    req.connection().close();
                    log.record(-1, label + " (would have been " + applied.status() + ")");
                    return;
                }
                case DELAY -> {
                    // the delay already happened; answer normally
                }
            }
        }
        Reply reply = run(route);
        send(req, reply);
        log.record(reply.status(), label);
    }

    private Reply run(Route route) {
        try {
            return route.action().get();
        } catch (DriveError e) {
            return error(e.status, e.reason, e.getMessage(), null, route.endpoint() == Endpoint.TOKEN);
        }
    }

    private Route route(HttpServerRequest req, String method, String path, Map<String, String> query, byte[] body,
            boolean appOnly) {
        boolean allDrives = "true".equals(query.get("supportsAllDrives"));
        String fields = query.get("fields");
        if (path.equals("/token") && method.equals("POST")) {
            return new Route(Endpoint.TOKEN, null, () -> issueToken(body));
        }
        if (path.equals("/drive/v3/files")) {
            if (method.equals("GET")) {
                return new Route(Endpoint.LIST, null, () -> list(query, appOnly));
            }
            if (method.equals("POST")) {
                JsonObject meta = json(body);
                Endpoint ep = FakeDriveStore.FOLDER.equals(meta.getString("mimeType")) ? Endpoint.CREATE_FOLDER : Endpoint.CREATE_FILE;
                return new Route(ep, meta.getString("name"),
                        () -> item(store.create(meta, null, null, allDrives, appOnly, null), fields));
            }
        }
        if (path.startsWith("/drive/v3/files/")) {
            String rest = path.substring("/drive/v3/files/".length());
            String[] parts = rest.split("/");
            String id = parts[0];
            if (parts.length == 1 && method.equals("GET")) {
                return new Route(Endpoint.GET, null, () -> item(store.get(id, allDrives, appOnly), fields));
            }
            if (parts.length == 1 && method.equals("PATCH")) {
                JsonObject patch = json(body);
                return new Route(Endpoint.UPDATE, patch.getString("name"), () -> item(store.update(id, patch,
                        query.get("addParents"), query.get("removeParents"), allDrives, appOnly), fields));
            }
            if (parts.length == 2 && parts[1].equals("permissions") && method.equals("POST")) {
                JsonObject permission = json(body);
                return new Route(Endpoint.PERMISSION, null, () -> Reply.json(200,
                        FakeDriveStore.mask(store.addPermission(id, permission, allDrives, appOnly), fields, PERMISSION_MASK)));
            }
        }
        if (path.equals("/upload/drive/v3/files")) {
            String uploadType = query.getOrDefault("uploadType", "");
            if (method.equals("POST") && uploadType.equals("multipart")) {
                Multipart mp = Multipart.parse(body, req.getHeader("Content-Type"));
                return new Route(Endpoint.UPLOAD, mp.metadata().getString("name"),
                        () -> item(store.create(mp.metadata(), mp.media(), mp.mediaType(), allDrives, appOnly, null), fields));
            }
            if (method.equals("POST") && uploadType.equals("media")) {
                return new Route(Endpoint.UPLOAD, null, () -> item(store.create(new JsonObject(), body,
                        req.getHeader("Content-Type"), allDrives, appOnly, null), fields));
            }
            if (method.equals("POST") && uploadType.equals("resumable")) {
                JsonObject meta = json(body);
                String mediaType = req.getHeader("X-Upload-Content-Type");
                return new Route(Endpoint.UPLOAD, meta.getString("name"), () -> startResumable(meta, query, mediaType, allDrives, appOnly));
            }
            if (method.equals("PUT") && query.containsKey("upload_id")) {
                String sessionId = query.get("upload_id");
                String range = req.getHeader("Content-Range");
                return new Route(Endpoint.UPLOAD_CHUNK, store.sessionName(sessionId), () -> putChunk(sessionId, range, body));
            }
            throw new DriveError(400, "invalid", "Unsupported upload: " + method + " uploadType=" + uploadType);
        }
        throw new DriveError(404, "notFound", "No fake endpoint for " + method + " " + path);
    }

    private Reply list(Map<String, String> query, boolean appOnly) {
        int pageSize = 100;
        if (query.containsKey("pageSize")) {
            pageSize = Integer.parseInt(query.get("pageSize"));
            if (pageSize < 1 || pageSize > 1000) {
                throw new DriveError(400, "invalid", "Invalid pageSize");
            }
        }
        Page page = store.list(query.get("q"), query.get("orderBy"), pageSize, query.get("pageToken"),
                query.get("corpora"), query.get("driveId"), "true".equals(query.get("includeItemsFromAllDrives")), appOnly);
        JsonArray files = new JsonArray();
        page.items().forEach(i -> files.add(FakeDriveStore.toJson(i)));
        JsonObject full = new JsonObject().put("kind", "drive#fileList").put("incompleteSearch", false).put("files", files);
        if (page.nextPageToken() != null) {
            full.put("nextPageToken", page.nextPageToken());
        }
        String fields = query.get("fields");
        if (fields == null) {
            fields = "kind, nextPageToken, incompleteSearch, files(kind, id, name, mimeType)";
        }
        return Reply.json(200, FakeDriveStore.mask(full, fields, LIST_MASK));
    }

    private Reply item(Item item, String fields) {
        return Reply.json(200, FakeDriveStore.mask(FakeDriveStore.toJson(item), fields == null ? "kind, id, name, mimeType" : fields, ITEM_MASK));
    }

    private Reply startResumable(JsonObject meta, Map<String, String> query, String mediaType, boolean allDrives,
            boolean appOnly) {
        String sessionId = store.startSession(meta, query, mediaType, allDrives, appOnly);
        StringBuilder location = new StringBuilder(rootUrl()).append("upload/drive/v3/files?");
        query.forEach((k, v) -> location.append(enc(k)).append('=').append(enc(v)).append('&'));
        location.append("upload_id=").append(sessionId);
        return new Reply(200, null, Map.of("Location", location.toString()), null, null);
    }

    private Reply putChunk(String sessionId, String contentRange, byte[] body) {
        long start;
        Long total;
        if (contentRange == null) {
            start = 0;
            total = (long) body.length;
        } else {
            // "bytes 0-262143/1048576", "bytes 0-262143/*" or "bytes */1048576"
            String spec = contentRange.trim();
            if (!spec.startsWith("bytes ")) {
                throw new DriveError(400, "badRange", "Bad Content-Range " + contentRange);
            }
            spec = spec.substring(6);
            int slash = spec.indexOf('/');
            String range = spec.substring(0, slash);
            String size = spec.substring(slash + 1);
            total = size.equals("*") ? null : Long.parseLong(size);
            if (range.equals("*")) {
                start = -1;
            } else {
                int dash = range.indexOf('-');
                start = Long.parseLong(range.substring(0, dash));
                long end = Long.parseLong(range.substring(dash + 1));
                if (end - start + 1 != body.length) {
                    throw new DriveError(400, "badRange", "Content-Range " + contentRange + " but " + body.length + " bytes");
                }
            }
        }
        ChunkResult result = store.putChunk(sessionId, start, body, total);
        if (result.completed() != null) {
            return item(result.completed(), result.initQuery().get("fields"));
        }
        Map<String, String> headers = result.received() > 0
                ? Map.of("Range", "bytes=0-" + (result.received() - 1)) : Map.of();
        return new Reply(308, "Resume Incomplete", headers, null, null);
    }

    private Reply issueToken(byte[] body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String grant = form.get("grant_type");
        String scope;
        if ("refresh_token".equals(grant)) {
            scope = refreshGrantScope;
        } else if ("urn:ietf:params:oauth:grant-type:jwt-bearer".equals(grant)) {
            scope = jwtScope(form.get("assertion"));
            requestedScopes.add(String.valueOf(scope));
        } else {
            throw new DriveError(400, "unsupported_grant_type", "grant_type " + grant);
        }
        String token = "fake-token-" + tokenCounter.incrementAndGet();
        issuedTokens.add(token);
        if (scope != null && new java.util.HashSet<>(Arrays.asList(scope.trim().split("\\s+"))).equals(Set.of(DRIVE_FILE_SCOPE))) {
            driveFileTokens.add(token);
        }
        JsonObject answer = new JsonObject().put("access_token", token).put("expires_in", 3600).put("token_type", "Bearer");
        if (scope != null && "refresh_token".equals(grant)) {
            answer.put("scope", scope);
        }
        return Reply.json(200, answer);
    }

    static final String DRIVE_FILE_SCOPE = "https://www.googleapis.com/auth/drive.file";

    /** The {@code scope} claim of a JWT grant's assertion; the signature is not checked (any key will do here). */
    private static String jwtScope(String assertion) {
        String[] parts = assertion == null ? new String[0] : assertion.split("\\.");
        if (parts.length != 3) {
            throw new DriveError(400, "invalid_grant", "The assertion is not a JWT");
        }
        try {
            return new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
                    .getString("scope");
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            throw new DriveError(400, "invalid_grant", "The assertion's claims are not readable");
        }
    }

    private boolean appOnly(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ")
                && driveFileTokens.contains(authorization.substring(7).trim());
    }

    private boolean authorized(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() <= 7) {
            return false;
        }
        String token = authorization.substring(7).trim();
        String required = requiredToken;
        return required == null || required.equals(token) || issuedTokens.contains(token);
    }

    private Fault pickFault(Target target) {
        synchronized (faultLock) {
            Deque<Fault> q = queued.get(target.endpoint());
            if (q != null && !q.isEmpty()) {
                return q.poll();
            }
            for (FaultRule rule : rules) {
                Fault f = rule.decide(target);
                if (f != null) {
                    return f;
                }
            }
            return null;
        }
    }

    private Duration latencyOf(Endpoint endpoint) {
        synchronized (faultLock) {
            return latency.getOrDefault(endpoint, Duration.ZERO);
        }
    }

    private static void send(HttpServerRequest req, Reply reply) {
        HttpServerResponse resp = req.response().setStatusCode(reply.status());
        if (reply.statusMessage() != null) {
            resp.setStatusMessage(reply.statusMessage());
        }
        reply.headers().forEach(resp::putHeader);
        if (reply.body() == null) {
            resp.putHeader("Content-Length", "0").end();
        } else {
            resp.putHeader("Content-Type", reply.contentType()).end(Buffer.buffer(reply.body()));
        }
    }

    // ---- Google's error shapes ----

    private static Reply error(int status, String reason, String message, String retryAfter, boolean oauthEndpoint) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (retryAfter != null) {
            headers.put("Retry-After", retryAfter);
        }
        if (oauthEndpoint) {
            // the token endpoint answers in OAuth's shape, not Drive's
            JsonObject body = new JsonObject().put("error", reason).put("error_description", message);
            return new Reply(status, null, headers, "application/json; charset=UTF-8", body.encode().getBytes(StandardCharsets.UTF_8));
        }
        if (status == 401) {
            headers.put("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
        }
        return new Reply(status, null, headers, "application/json; charset=UTF-8",
                errorJson(status, reason, message).encode().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject errorJson(int status, String reason, String message) {
        String domain = Set.of("rateLimitExceeded", "userRateLimitExceeded", "dailyLimitExceeded", "quotaExceeded")
                .contains(reason) ? "usageLimits" : "global";
        return new JsonObject().put("error", new JsonObject()
                .put("code", status)
                .put("message", message)
                .put("errors", new JsonArray().add(new JsonObject().put("domain", domain).put("reason", reason).put("message", message)))
                .put("status", statusName(status)));
    }

    private static String statusName(int status) {
        return switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ALREADY_EXISTS";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
        };
    }

    private static String messageFor(String reason) {
        return switch (String.valueOf(reason)) {
            case "rateLimitExceeded" -> "Rate Limit Exceeded";
            case "userRateLimitExceeded" -> "User Rate Limit Exceeded";
            case "sharingRateLimitExceeded" -> "Rate limit exceeded. User message: \"Sorry, you have exceeded your sharing quota.\"";
            case "storageQuotaExceeded" -> "The user's Drive storage quota has been exceeded.";
            case "dailyLimitExceeded" -> "Daily Limit Exceeded";
            case "insufficientPermissions" -> "Insufficient Permission: Request had insufficient authentication scopes.";
            case "authError" -> "Invalid Credentials";
            case "backendError" -> "Backend Error";
            case "invalid_grant" -> "Token has been expired or revoked.";
            default -> reason;
        };
    }

    // ---- parsing helpers ----

    private static Map<String, String> firstValues(MultiMap params) {
        Map<String, String> out = new LinkedHashMap<>();
        params.forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(out);
    }

    private static JsonObject json(byte[] body) {
        if (body.length == 0) {
            return new JsonObject();
        }
        try {
            return new JsonObject(Buffer.buffer(body));
        } catch (DecodeException | ClassCastException e) {
            throw new DriveError(400, "parseError", "Parse Error");
        }
    }

    private static byte[] gunzip(byte[] raw) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new DriveError(400, "badContent", "Content-Encoding gzip, but the body is not gzip");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The two parts of a multipart/related upload: JSON metadata, then the media. */
    private record Multipart(JsonObject metadata, byte[] media, String mediaType) {

        static Multipart parse(byte[] body, String contentType) {
            String boundary = null;
            if (contentType != null) {
                for (String param : contentType.split(";")) {
                    String p = param.trim();
                    if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                        boundary = p.substring(9).replace("\"", "");
                    }
                }
            }
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/related") || boundary == null) {
                throw new DriveError(400, "badContent", "Expected multipart/related with a boundary, got " + contentType);
            }
            byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            byte[] nextDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            List<Map.Entry<Map<String, String>, byte[]>> parts = new ArrayList<>();
            int pos = indexOf(body, delimiter, 0);
            if (pos < 0) {
                throw new DriveError(400, "badContent", "No multipart boundary in the body");
            }
            while (true) {
                int after = pos + delimiter.length;
                if (after + 1 < body.length && body[after] == '-' && body[after + 1] == '-') {
                    break;
                }
                int headersStart = after + 2; // CRLF after the delimiter
                int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
                if (headersEnd < 0) {
                    throw new DriveError(400, "badContent", "Malformed multipart part");
                }
                Map<String, String> headers = new LinkedHashMap<>();
                for (String line : new String(body, headersStart, headersEnd - headersStart, StandardCharsets.ISO_8859_1).split("\r\n")) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                    }
                }
                int contentStart = headersEnd + 4;
                int end = indexOf(body, nextDelimiter, contentStart);
                if (end < 0) {
                    throw new DriveError(400, "badContent", "Unterminated multipart part");
                }
                parts.add(Map.entry(headers, Arrays.copyOfRange(body, contentStart, end)));
                pos = end + 2;
            }
            if (parts.size() != 2) {
                throw new DriveError(400, "badContent", "Expected 2 multipart parts, got " + parts.size());
            }
            return new Multipart(json(parts.get(0).getValue()), parts.get(1).getValue(),
                    parts.get(1).getKey().get("content-type"));
        }

        private static int indexOf(byte[] haystack, byte[] needle, int from) {
            outer:
            for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    /** Collects a request's log entry; recorded once, when the answer (or the hang-up) is decided. */
    private final class CallLog {
        final Instant at;
        final String method;
        final String path;
        final Map<String, String> query;
        final boolean gzipped;
        final String override;
        final String contentRange;
        Endpoint endpoint;
        String name;

        CallLog(Instant at, String method, String path, Map<String, String> query, boolean gzipped, String override,
                String contentRange) {
            this.at = at;
            this.method = method;
            this.path = path;
            this.query = query;
            this.gzipped = gzipped;
            this.override = override;
            this.contentRange = contentRange;
        }

        void record(Endpoint ep, String itemName, int status, String fault) {
            endpoint = ep;
            name = itemName;
            record(status, fault);
        }

        void record(int status, String fault) {
            calls.add(new Call(at, method, path, query, endpoint, name, query.get("uploadType"), gzipped, override,
                    contentRange, status, fault));
        }
    }
}
