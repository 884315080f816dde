package dev.debrief.testsupport;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The in-memory Drive behind {@link FakeDriveServer}: items, upload sessions, the subset of the query
 * language the gateway sends, and field masks. Every method is synchronized; the server calls it from
 * the event loop and tests read snapshots from their own thread.
 *
 * <p>The {@code drive.file} scope is modelled with one flag per item, {@link Item#madeByApp()}: whatever is created
 * through the API is the app's (the fake serves one app, so any API caller is it), whatever a test seeds with
 * {@link #seedFolder} was made by someone else (a person in Drive's web UI, another tool). A request whose token
 * is a drive.file token ({@code appOnly}) sees only the app's items: listings leave the others out, and naming one
 * as an id or a parent is a 404, as Drive answers for a file the app may not see. Files a user opens with the app
 * (Drive's picker) are not modelled; the service never asks for any.
 */
public final class FakeDriveStore {

    public static final String FOLDER = "application/vnd.google-apps.folder";

    /** One file or folder as a test sees it. {@code parents} holds "root" or a shared drive id at the top. */
    public record Item(String id, String name, String mimeType, List<String> parents, Map<String, String> appProperties,
            Instant createdTime, byte[] content, boolean trashed, String driveId, List<String> permissions, boolean madeByApp) {
        public boolean isFolder() {
            return FOLDER.equals(mimeType);
        }

        public String webViewLink() {
            return isFolder() ? "https://drive.google.com/drive/folders/" + id : "https://drive.google.com/file/d/" + id + "/view";
        }
    }

    /** The whole state at one instant, for assertions. */
    public record Snapshot(List<Item> items) {
        public List<Item> folders() {
            return items.stream().filter(Item::isFolder).toList();
        }

        public List<Item> files() {
            return items.stream().filter(i -> !i.isFolder()).toList();
        }

        public List<Item> childrenOf(String parentId) {
            return items.stream().filter(i -> i.parents().contains(parentId)).toList();
        }

        public Optional<Item> byId(String id) {
            return items.stream().filter(i -> i.id().equals(id)).findFirst();
        }

        public List<Item> named(String name) {
            return items.stream().filter(i -> i.name().equals(name)).toList();
        }

        /** How many (non-folder) files carry each name: duplicates show up as counts above one. */
        public Map<String, Long> fileCountByName() {
            return files().stream().collect(Collectors.groupingBy(Item::name, TreeMap::new, Collectors.counting()));
        }

        /** The folder path from the top, e.g. ["Debrief-Batches", "2026-05-01", "batch-…"]. */
        public List<String> pathOf(String id) {
            List<String> path = new ArrayList<>();
            Optional<Item> cur = byId(id);
            while (cur.isPresent()) {
                path.add(0, cur.get().name());
                cur = cur.get().parents().isEmpty() ? Optional.empty() : byId(cur.get().parents().get(0));
            }
            return path;
        }
    }

    /** An answer Drive would give as an error, rendered by the server in Google's JSON shape. */
    static final class DriveError extends RuntimeException {
        final int status;
        final String reason;

        DriveError(int status, String reason, String message) {
            super(message);
            this.status = status;
            this.reason = reason;
        }
    }

    private static final class Stored {
        final String id;
        String name;
        String mimeType;
        List<String> parents;
        final Map<String, String> appProperties = new TreeMap<>();
        final Instant createdTime;
        final byte[] content;
        boolean trashed;
        final String driveId;
        final List<String> permissions = new ArrayList<>();
        final long seq;
        boolean madeByApp = true;

        Stored(String id, String name, String mimeType, List<String> parents, Instant createdTime, byte[] content,
                String driveId, long seq) {
            this.id = id;
            this.name = name;
            this.mimeType = mimeType;
            this.parents = parents;
            this.createdTime = createdTime;
            this.content = content;
            this.driveId = driveId;
            this.seq = seq;
        }

        Item view() {
            return new Item(id, name, mimeType, List.copyOf(parents), Map.copyOf(appProperties), createdTime,
                    content == null ? null : content.clone(), trashed, driveId, List.copyOf(permissions), madeByApp);
        }
    }

    /** A resumable upload in progress. */
    private static final class Session {
        final JsonObject metadata;
        final Map<String, String> initQuery;
        final String mediaType;
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        String completedId;

        Session(JsonObject metadata, Map<String, String> initQuery, String mediaType) {
            this.metadata = metadata;
            this.initQuery = initQuery;
            this.mediaType = mediaType;
        }
    }

    /** What a chunk PUT led to: still incomplete (bytes received so far) or the finished item. */
    record ChunkResult(long received, Item completed, Map<String, String> initQuery) {
    }

    private final Map<String, Stored> items = new LinkedHashMap<>();
    private final Map<String, Session> sessions = new HashMap<>();
    private final Set<String> sharedDrives = new HashSet<>();
    private final Random ids = new Random();
    private long seq;
    private Instant lastCreated = Instant.EPOCH;

    public synchronized void reset() {
        items.clear();
        sessions.clear();
        sharedDrives.clear();
        seq = 0;
        lastCreated = Instant.EPOCH;
    }

    public synchronized void addSharedDrive(String driveId) {
        sharedDrives.add(driveId);
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(items.values().stream().map(Stored::view).toList());
    }

    /** Puts a folder in place directly, as someone else would have (not the app's); a null createdTime means now. */
    public synchronized String seedFolder(String parentId, String name, Instant createdTime) {
        String id = seedAppFolder(parentId, name, createdTime, Map.of());
        items.get(id).madeByApp = false;
        return id;
    }

    /** A folder the app made earlier (e.g. another replica of the service), with these app properties. */
    public synchronized String seedAppFolder(String parentId, String name, Instant createdTime, Map<String, String> appProperties) {
        JsonObject meta = new JsonObject().put("name", name).put("mimeType", FOLDER)
                .put("parents", new JsonArray().add(parentId))
                .put("appProperties", new JsonObject(new LinkedHashMap<>(appProperties)));
        return create(meta, null, null, true, false, createdTime).id();
    }

    public synchronized void trash(String id) {
        Stored s = items.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no item " + id);
        }
        s.trashed = true;
    }

    // ---- operations the server maps endpoints to ----

    synchronized Item create(JsonObject metadata, byte[] content, String mediaType, boolean supportsAllDrives,
            boolean appOnly, Instant createdTime) {
        String parent = singleParent(metadata);
        String driveId = resolveParent(parent, supportsAllDrives, appOnly);
        JsonObject appProps = metadata.getJsonObject("appProperties", new JsonObject());
        validateAppProperties(appProps);
        String mime = metadata.getString("mimeType");
        if (mime == null) {
            mime = mediaType != null ? mediaType : "application/octet-stream";
        }
        if (FOLDER.equals(mime) && content != null) {
            throw new DriveError(400, "badContent", "A folder cannot have content.");
        }
        Instant created = createdTime != null ? createdTime : nextCreatedTime();
        String id = newId();
        Stored s = new Stored(id, metadata.getString("name", "Untitled"), mime, List.of(parent), created,
                FOLDER.equals(mime) ? null : (content == null ? new byte[0] : content), driveId, seq++);
        appProps.forEach(e -> s.appProperties.put(e.getKey(), String.valueOf(e.getValue())));
        items.put(id, s);
        return s.view();
    }

    synchronized Item get(String id, boolean supportsAllDrives, boolean appOnly) {
        return visible(id, supportsAllDrives, appOnly).view();
    }

    synchronized Item update(String id, JsonObject patch, String addParents, String removeParents, boolean supportsAllDrives,
            boolean appOnly) {
        Stored s = visible(id, supportsAllDrives, appOnly);
        if (patch.containsKey("name")) {
            s.name = patch.getString("name");
        }
        if (patch.containsKey("trashed")) {
            s.trashed = Boolean.TRUE.equals(patch.getBoolean("trashed"));
        }
        if (patch.containsKey("appProperties")) {
            JsonObject props = patch.getJsonObject("appProperties");
            validateAppProperties(props);
            props.forEach(e -> {
                if (e.getValue() == null) {
                    s.appProperties.remove(e.getKey());
                } else {
                    s.appProperties.put(e.getKey(), String.valueOf(e.getValue()));
                }
            });
        }
        if (addParents != null || removeParents != null) {
            List<String> parents = new ArrayList<>(s.parents);
            if (removeParents != null) {
                parents.removeAll(List.of(removeParents.split(",")));
            }
            if (addParents != null) {
                for (String p : addParents.split(",")) {
                    resolveParent(p, supportsAllDrives, appOnly);
                    parents.add(p);
                }
            }
            if (parents.size() != 1) {
                throw new DriveError(403, "cannotAddParent", "Increasing the number of parents is not allowed.");
            }
            s.parents = List.copyOf(parents);
        }
        return s.view();
    }

    synchronized JsonObject addPermission(String id, JsonObject permission, boolean supportsAllDrives, boolean appOnly) {
        Stored s = visible(id, supportsAllDrives, appOnly);
        String type = permission.getString("type");
        String role = permission.getString("role");
        if (!Set.of("user", "group", "domain", "anyone").contains(String.valueOf(type))) {
            throw new DriveError(400, "invalid", "Invalid permission type: " + type);
        }
        if (!Set.of("reader", "commenter", "writer", "fileOrganizer", "organizer", "owner").contains(String.valueOf(role))) {
            throw new DriveError(400, "invalid", "Invalid permission role: " + role);
        }
        s.permissions.add(type + ":" + role);
        return new JsonObject().put("kind", "drive#permission")
                .put("id", "anyone".equals(type) ? "anyoneWithLink" : "perm" + s.permissions.size())
                .put("type", type).put("role", role).put("allowFileDiscovery", false);
    }

    /** Validates like Drive does at initiation, so a bad parent fails before any byte is sent. */
    synchronized String startSession(JsonObject metadata, Map<String, String> initQuery, String mediaType,
            boolean supportsAllDrives, boolean appOnly) {
        resolveParent(singleParent(metadata), supportsAllDrives, appOnly);
        validateAppProperties(metadata.getJsonObject("appProperties", new JsonObject()));
        String sessionId = "up" + Long.toHexString(ids.nextLong() & Long.MAX_VALUE);
        sessions.put(sessionId, new Session(metadata, initQuery, mediaType));
        return sessionId;
    }

    /**
     * Applies one chunk. {@code start < 0} is a status query ("bytes *&#47;total"); a null total means the
     * client does not know the length yet.
     */
    synchronized ChunkResult putChunk(String sessionId, long start, byte[] bytes, Long total) {
        Session s = sessions.get(sessionId);
        if (s == null) {
            throw new DriveError(404, "notFound", "Upload session not found: " + sessionId);
        }
        if (s.completedId != null) {
            return new ChunkResult(s.data.size(), items.get(s.completedId).view(), s.initQuery);
        }
        if (start >= 0) {
            long received = s.data.size();
            if (start > received) {
                throw new DriveError(400, "badRange", "Chunk starts at " + start + " but only " + received + " bytes arrived");
            }
            if (start < received) {
                // the client is re-sending bytes the server already has: keep the first copy's prefix
                byte[] kept = java.util.Arrays.copyOf(s.data.toByteArray(), (int) start);
                s.data.reset();
                s.data.writeBytes(kept);
            }
            s.data.writeBytes(bytes);
        }
        if (total != null && s.data.size() > total) {
            throw new DriveError(400, "badRange", "More bytes than the declared total " + total);
        }
        if (total != null && s.data.size() == total) {
            // the parent was checked when the session started
            Item item = create(s.metadata, s.data.toByteArray(), s.mediaType, true, false, null);
            s.completedId = item.id();
            return new ChunkResult(s.data.size(), item, s.initQuery);
        }
        return new ChunkResult(s.data.size(), null, s.initQuery);
    }

    synchronized String sessionName(String sessionId) {
        Session s = sessions.get(sessionId);
        return s == null ? null : s.metadata.getString("name");
    }

    record Page(List<Item> items, String nextPageToken) {
    }

    synchronized Page list(String q, String orderBy, int pageSize, String pageToken, String corpora, String driveId,
            boolean includeAllDrives, boolean appOnly) {
        Predicate<Item> match = DriveQuery.parse(q == null ? "" : q);
        Predicate<Item> scope;
        if ("drive".equals(corpora)) {
            if (driveId == null || !includeAllDrives) {
                throw new DriveError(400, "invalid",
                        "The includeItemsFromAllDrives parameter must be set to true when driveId is specified.");
            }
            if (!sharedDrives.contains(driveId)) {
                throw new DriveError(404, "notFound", "Shared drive not found: " + driveId);
            }
            scope = i -> driveId.equals(i.driveId());
        } else if (corpora == null || "user".equals(corpora)) {
            scope = i -> includeAllDrives || i.driveId() == null;
        } else {
            throw new DriveError(400, "invalid", "Unsupported corpora in this fake: " + corpora);
        }
        Comparator<Stored> order = ordering(orderBy);
        List<Item> all = items.values().stream().sorted(order).map(Stored::view)
                .filter(scope).filter(i -> !appOnly || i.madeByApp()).filter(match).toList();
        int from = 0;
        if (pageToken != null) {
            try {
                from = Integer.parseInt(pageToken);
            } catch (NumberFormatException e) {
                throw new DriveError(400, "invalid", "Invalid pageToken");
            }
        }
        int to = Math.min(all.size(), from + pageSize);
        List<Item> page = from >= all.size() ? List.of() : all.subList(from, to);
        return new Page(page, to < all.size() ? String.valueOf(to) : null);
    }

    // ---- helpers ----

    private static Comparator<Stored> ordering(String orderBy) {
        Comparator<Stored> bySeq = Comparator.comparingLong(s -> s.seq);
        if (orderBy == null || orderBy.isBlank()) {
            return bySeq;
        }
        Comparator<Stored> c = null;
        for (String key : orderBy.split(",")) {
            String[] parts = key.trim().split("\\s+");
            Comparator<Stored> k = switch (parts[0]) {
                case "createdTime" -> Comparator.comparing(s -> s.createdTime);
                case "name" -> Comparator.comparing(s -> s.name);
                case "folder" -> Comparator.comparing(s -> !FOLDER.equals(s.mimeType));
                default -> throw new DriveError(400, "invalid", "Invalid orderBy key: " + parts[0]);
            };
            if (parts.length > 1 && parts[1].equalsIgnoreCase("desc")) {
                k = k.reversed();
            }
            c = c == null ? k : c.thenComparing(k);
        }
        return c.thenComparing(bySeq);
    }

    private static String singleParent(JsonObject metadata) {
        JsonArray parents = metadata.getJsonArray("parents");
        if (parents == null || parents.isEmpty()) {
            return "root";
        }
        if (parents.size() > 1) {
            throw new DriveError(403, "cannotAddParent", "A shared drive item must have exactly one parent.");
        }
        return parents.getString(0);
    }

    /** Returns the shared drive the new child belongs to, or null for My Drive. */
    private String resolveParent(String parent, boolean supportsAllDrives, boolean appOnly) {
        if ("root".equals(parent)) {
            return null;
        }
        if (sharedDrives.contains(parent)) {
            if (!supportsAllDrives) {
                throw notFound(parent);
            }
            return parent;
        }
        Stored p = visible(parent, supportsAllDrives, appOnly);
        if (!FOLDER.equals(p.mimeType)) {
            throw new DriveError(400, "invalid", "The parent is not a folder: " + parent);
        }
        return p.driveId;
    }

    /**
     * Items of shared drives are invisible to callers that do not declare supportsAllDrives, as in Drive; with a
     * drive.file token, so is whatever the app did not make.
     */
    private Stored visible(String id, boolean supportsAllDrives, boolean appOnly) {
        Stored s = items.get(id);
        if (s == null || (s.driveId != null && !supportsAllDrives) || (appOnly && !s.madeByApp)) {
            throw notFound(id);
        }
        return s;
    }

    private static DriveError notFound(String id) {
        return new DriveError(404, "notFound", "File not found: " + id + ".");
    }

    private static void validateAppProperties(JsonObject props) {
        props.forEach(e -> {
            int bytes = e.getKey().getBytes(StandardCharsets.UTF_8).length
                    + (e.getValue() == null ? 0 : String.valueOf(e.getValue()).getBytes(StandardCharsets.UTF_8).length);
            if (bytes > 124) {
                throw new DriveError(400, "invalid",
                        "The limit of 124 bytes for an appProperties key and value was exceeded: " + e.getKey());
            }
        });
    }

    private Instant nextCreatedTime() {
        // strictly increasing, so that orderBy createdTime is deterministic even within one millisecond
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        lastCreated = now.isAfter(lastCreated) ? now : lastCreated.plusMillis(1);
        return lastCreated;
    }

    private String newId() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder b = new StringBuilder("fk").append(String.format("%05d", seq));
        for (int i = 0; i < 12; i++) {
            b.append(alphabet.charAt(ids.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    // ---- JSON rendering ----

    static JsonObject toJson(Item i) {
        JsonObject o = new JsonObject()
                .put("kind", "drive#file")
                .put("id", i.id())
                .put("name", i.name())
                .put("mimeType", i.mimeType())
                .put("parents", new JsonArray(new ArrayList<>(i.parents())))
                .put("createdTime", i.createdTime().toString())
                .put("modifiedTime", i.createdTime().toString())
                .put("trashed", i.trashed())
                .put("webViewLink", i.webViewLink());
        if (!i.appProperties().isEmpty()) {
            o.put("appProperties", new JsonObject(new LinkedHashMap<>(i.appProperties())));
        }
        if (i.driveId() != null) {
            o.put("driveId", i.driveId());
        }
        if (!i.isFolder()) {
            o.put("size", String.valueOf(i.content().length));
            o.put("md5Checksum", md5(i.content()));
        }
        return o;
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static final Set<String> FILE_FIELDS = Set.of("kind", "id", "name", "mimeType", "parents", "createdTime",
            "modifiedTime", "trashed", "webViewLink", "appProperties", "driveId", "size", "md5Checksum",
            "properties", "description", "starred", "owners", "permissions", "thumbnailLink", "iconLink",
            "webContentLink");

    /**
     * Applies a field mask such as {@code "nextPageToken, files(id, name)"}. Unknown fields are a 400, as
     * in Drive, so a typo in the gateway's mask fails a test instead of silently dropping a field.
     */
    static JsonObject mask(JsonObject full, String fields, Map<String, Set<String>> known) {
        if (fields == null || fields.isBlank() || fields.trim().equals("*")) {
            return full;
        }
        Map<String, String> top = splitMask(fields);
        JsonObject out = new JsonObject();
        for (Map.Entry<String, String> e : top.entrySet()) {
            String key = e.getKey();
            Set<String> allowed = known.get("");
            if (!allowed.contains(key)) {
                throw new DriveError(400, "invalidParameter", "Invalid field selection " + key);
            }
            if (e.getValue() != null) {
                Set<String> nested = known.get(key);
                for (String sub : splitMask(e.getValue()).keySet()) {
                    if (nested == null || !nested.contains(sub)) {
                        throw new DriveError(400, "invalidParameter", "Invalid field selection " + sub);
                    }
                }
            }
            Object value = full.getValue(key);
            if (value == null) {
                continue;
            }
            if (e.getValue() != null && value instanceof JsonArray arr) {
                JsonArray filtered = new JsonArray();
                for (Object element : arr) {
                    filtered.add(mask((JsonObject) element, e.getValue(), Map.of("", known.get(key))));
                }
                out.put(key, filtered);
            } else {
                out.put(key, value);
            }
        }
        return out;
    }

    /** "a, b(c, d), e" → {a: null, b: "c, d", e: null}; the sub-mask is kept as text for recursion. */
    private static Map<String, String> splitMask(String fields) {
        Map<String, String> out = new LinkedHashMap<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= fields.length(); i++) {
            char c = i < fields.length() ? fields.charAt(i) : ',';
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String part = fields.substring(start, i).trim();
                start = i + 1;
                if (part.isEmpty()) {
                    continue;
                }
                int paren = part.indexOf('(');
                if (paren < 0) {
                    out.put(part, null);
                } else {
                    if (!part.endsWith(")")) {
                        throw new DriveError(400, "invalidParameter", "Invalid field selection " + part);
                    }
                    out.put(part.substring(0, paren).trim(), part.substring(paren + 1, part.length() - 1));
                }
            }
        }
        if (depth != 0) {
            throw new DriveError(400, "invalidParameter", "Invalid field selection " + fields);
        }
        return out;
    }
}
