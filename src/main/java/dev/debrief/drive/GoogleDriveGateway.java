package dev.debrief.drive;

import com.google.api.client.googleapis.media.MediaHttpUploader;
import com.google.api.client.http.AbstractInputStreamContent;
import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.FileContent;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpUnsuccessfulResponseHandler;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.drive.Drive;
import com.google.api.services.drive.DriveScopes;
import com.google.api.services.drive.model.File;
import com.google.api.services.drive.model.FileList;
import com.google.api.services.drive.model.Permission;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.auth.oauth2.UserCredentials;
import dev.debrief.drive.DriveCallException.Kind;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@link DriveGateway} on the official Google client ({@code google-api-services-drive} v3).
 *
 * <p>Thread-safe: the transport and the client are shared, requests are built per call. Nothing is
 * retried here (the client installs no retry handler, and this class adds none except one token refresh
 * on 401): the scheduler owns backoff.
 *
 * <p>Credentials carry the {@code drive.file} scope only: the service sees and touches what it created, never the
 * rest of the Drive it writes to (other schools' folders, people's own files). One credential serves every school,
 * so a broader scope would put all of that within reach of any bug or stolen token.
 */
public final class GoogleDriveGateway implements DriveGateway {

    static final String FOLDER_MIME_TYPE = "application/vnd.google-apps.folder";
    private static final String ITEM_FIELDS = "id, name, webViewLink";
    private static final String LIST_FIELDS = "nextPageToken, files(id, name, webViewLink)";
    /** Drive may answer a filtered page with no items and a next-page token; a few pages is plenty. */
    private static final int MAX_LIST_PAGES = 10;
    private static final int LIST_PAGE_SIZE = 10;

    private final Drive drive;
    private final Optional<String> sharedDriveId;
    private final long resumableThresholdBytes;
    private final int resumableChunkBytes;

    public GoogleDriveGateway(DriveClientSettings settings) {
        this(settings, MediaHttpUploader.DEFAULT_CHUNK_SIZE);
    }

    /** Tests use small chunks to walk the resumable protocol's 308 answers without huge files. */
    GoogleDriveGateway(DriveClientSettings settings, int resumableChunkBytes) {
        Objects.requireNonNull(settings, "settings");
        if (resumableChunkBytes <= 0 || resumableChunkBytes % MediaHttpUploader.MINIMUM_CHUNK_SIZE != 0) {
            throw new IllegalArgumentException("chunk size must be a positive multiple of 256 KiB");
        }
        this.sharedDriveId = settings.sharedDriveId();
        this.resumableThresholdBytes = settings.resumableThresholdBytes();
        this.resumableChunkBytes = resumableChunkBytes;
        GoogleCredentials credentials = googleCredentials(settings.credentials());
        Drive.Builder builder = new Drive.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(),
                new RequestSetup(credentials, settings.connectTimeout(), settings.readTimeout()))
                .setApplicationName(settings.applicationName());
        settings.rootUrl().ifPresent(url -> builder.setRootUrl(url.endsWith("/") ? url : url + "/"));
        this.drive = builder.build();
    }

    @Override
    public Optional<DriveFolder> findFolder(String parentId, String name, Map<String, String> appProperties) {
        String parent = parentOrRoot(parentId);
        String q = "name = " + quote(requireText(name, "name")) + " and " + quote(parent) + " in parents and mimeType = "
                + quote(FOLDER_MIME_TYPE) + tagTerms(appProperties) + " and trashed = false";
        return call(() -> firstMatch(q)).map(GoogleDriveGateway::toFolder);
    }

    @Override
    public DriveFolder createFolder(String parentId, String name, Map<String, String> appProperties) {
        requireTags(appProperties);
        File metadata = new File().setName(requireText(name, "name")).setMimeType(FOLDER_MIME_TYPE)
                .setParents(List.of(parentOrRoot(parentId))).setAppProperties(new HashMap<>(appProperties));
        return toFolder(call(() -> {
            Drive.Files.Create create = drive.files().create(metadata).setFields(ITEM_FIELDS);
            sharedDriveId.ifPresent(id -> create.setSupportsAllDrives(true));
            return create.execute();
        }));
    }

    @Override
    public Optional<DriveFile> findTagged(String folderId, Map<String, String> appProperties) {
        String q = quote(requireText(folderId, "folderId")) + " in parents" + tagTerms(appProperties) + " and trashed = false";
        return call(() -> firstMatch(q)).map(GoogleDriveGateway::toFile);
    }

    /** " and appProperties has {...}" per tag; sorted, so that the same tags always make the same query (stable logs). */
    private static String tagTerms(Map<String, String> appProperties) {
        requireTags(appProperties);
        StringBuilder terms = new StringBuilder();
        new TreeMap<>(appProperties).forEach((k, v) -> terms.append(" and appProperties has { key=").append(quote(k))
                .append(" and value=").append(quote(v)).append(" }"));
        return terms.toString();
    }

    private static void requireTags(Map<String, String> appProperties) {
        if (appProperties == null || appProperties.isEmpty()) {
            throw new IllegalArgumentException("at least one app property is needed: an untagged item could be anyone's");
        }
    }

    @Override
    public DriveFile upload(String folderId, String name, String mimeType, Path content, Map<String, String> appProperties) {
        Objects.requireNonNull(content, "content");
        long size;
        try {
            size = Files.size(content);
        } catch (IOException e) {
            // A missing staged file will not appear by retrying the Drive call.
            throw new DriveCallException(Kind.FAILED, "local_file_unreadable", null,
                    "cannot read the file to upload: " + e.getMessage(), e);
        }
        String type = mimeTypeOrDefault(mimeType);
        // Scans and photos are already compressed: gzip would only burn CPU.
        return createWithMedia(folderId, name, type, new FileContent(type, content.toFile()), size, appProperties, false);
    }

    @Override
    public DriveFile uploadBytes(String folderId, String name, String mimeType, byte[] content, Map<String, String> appProperties) {
        Objects.requireNonNull(content, "content");
        String type = mimeTypeOrDefault(mimeType);
        return createWithMedia(folderId, name, type, new ByteArrayContent(type, content), content.length, appProperties, true);
    }

    @Override
    public void grantAnyoneReader(String fileId) {
        requireText(fileId, "fileId");
        call(() -> {
            Drive.Permissions.Create create = drive.permissions()
                    .create(fileId, new Permission().setType("anyone").setRole("reader"))
                    .setFields("id");
            sharedDriveId.ifPresent(id -> create.setSupportsAllDrives(true));
            return create.execute();
        });
    }

    private DriveFile createWithMedia(String folderId, String name, String mimeType, AbstractInputStreamContent media,
            long size, Map<String, String> appProperties, boolean gzip) {
        requireText(folderId, "folderId");
        requireText(name, "name");
        File metadata = new File().setName(name).setMimeType(mimeType).setParents(List.of(folderId));
        if (appProperties != null && !appProperties.isEmpty()) {
            metadata.setAppProperties(new HashMap<>(appProperties));
        }
        File created = call(() -> {
            Drive.Files.Create create = drive.files().create(metadata, media).setFields(ITEM_FIELDS);
            sharedDriveId.ifPresent(id -> create.setSupportsAllDrives(true));
            create.setDisableGZipContent(!gzip);
            boolean resumable = size > resumableThresholdBytes;
            MediaHttpUploader uploader = create.getMediaHttpUploader();
            uploader.setDirectUploadEnabled(!resumable);
            if (resumable) {
                uploader.setChunkSize(resumableChunkBytes);
            }
            return create.execute();
        });
        return toFile(created);
    }

    /** The oldest item matching {@code q}, following pages that Drive may leave empty. */
    private Optional<File> firstMatch(String q) throws IOException {
        String pageToken = null;
        for (int page = 0; page < MAX_LIST_PAGES; page++) {
            Drive.Files.List list = drive.files().list()
                    .setQ(q)
                    .setOrderBy("createdTime")
                    .setPageSize(LIST_PAGE_SIZE)
                    .setFields(LIST_FIELDS)
                    .setPageToken(pageToken);
            sharedDriveId.ifPresent(id -> list.setSupportsAllDrives(true)
                    .setIncludeItemsFromAllDrives(true)
                    .setCorpora("drive")
                    .setDriveId(id));
            FileList result = list.execute();
            if (result.getFiles() != null && !result.getFiles().isEmpty()) {
                return Optional.of(result.getFiles().get(0));
            }
            pageToken = result.getNextPageToken();
            if (pageToken == null) {
                break;
            }
        }
        return Optional.empty();
    }

    private String parentOrRoot(String parentId) {
        return parentId != null ? requireText(parentId, "parentId") : sharedDriveId.orElse("root");
    }

    /** A Drive query string literal: backslash and single quote are the only escapes. */
    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static DriveFolder toFolder(File f) {
        return new DriveFolder(f.getId(), f.getWebViewLink());
    }

    private static DriveFile toFile(File f) {
        return new DriveFile(f.getId(), f.getName(), f.getWebViewLink());
    }

    private static String mimeTypeOrDefault(String mimeType) {
        return mimeType == null || mimeType.isBlank() ? "application/octet-stream" : mimeType;
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is empty");
        }
        return value;
    }

    @FunctionalInterface
    private interface DriveCall<T> {
        T run() throws IOException;
    }

    private static <T> T call(DriveCall<T> body) {
        try {
            return body.run();
        } catch (IOException | RuntimeException e) {
            throw DriveErrors.classify(e);
        }
    }

    static GoogleCredentials googleCredentials(DriveCredentials credentials) {
        if (credentials instanceof DriveCredentials.ServiceAccountKey key) {
            try {
                return ServiceAccountCredentials
                        .fromStream(new ByteArrayInputStream(key.json().getBytes(StandardCharsets.UTF_8)))
                        .createScoped(List.of(DriveScopes.DRIVE_FILE));
            } catch (IOException | RuntimeException e) {
                // the message of the parser may quote the key: keep it out
                throw new IllegalArgumentException("the service account key is not a usable JSON key file (expected "
                        + "type service_account with client_email and private_key; " + e.getClass().getSimpleName() + ")");
            }
        }
        if (credentials instanceof DriveCredentials.OAuthRefreshToken oauth) {
            UserCredentials.Builder builder = UserCredentials.newBuilder()
                    .setClientId(oauth.clientId())
                    .setClientSecret(oauth.clientSecret())
                    .setRefreshToken(oauth.refreshToken());
            oauth.tokenServerUri().ifPresent(builder::setTokenServerUri);
            return new DriveFileOnly(builder.build());
        }
        if (credentials instanceof DriveCredentials.StaticAccessToken token) {
            return GoogleCredentials.create(new AccessToken(token.token(), null));
        }
        throw new IllegalArgumentException("unsupported credentials " + credentials);
    }

    /** Drive scopes that reach beyond the files the service made (appdata is the app's own hidden folder). */
    private static final Set<String> BROADER_THAN_DRIVE_FILE = DriveScopes.all().stream()
            .filter(scope -> !scope.equals(DriveScopes.DRIVE_FILE) && !scope.equals(DriveScopes.DRIVE_APPDATA))
            .collect(Collectors.toUnmodifiableSet());

    /**
     * A user's refresh token carries whatever the user consented to, and the auth library cannot ask the token
     * endpoint for less; so the grant each refresh reports is checked instead, and a token that could reach more
     * than drive.file is never used. An endpoint that reports no scope (emulators) is taken at its word.
     */
    static final class DriveFileOnly extends GoogleCredentials {
        private final UserCredentials user;

        DriveFileOnly(UserCredentials user) {
            this.user = user;
        }

        @Override
        public AccessToken refreshAccessToken() throws IOException {
            AccessToken token = user.refreshAccessToken();
            List<String> broader = token.getScopes() == null ? List.of()
                    : token.getScopes().stream().filter(BROADER_THAN_DRIVE_FILE::contains).sorted().toList();
            if (!broader.isEmpty()) {
                throw new DriveCallException(Kind.FATAL_FOR_BATCH, "auth_scope_too_broad", null,
                        "The OAuth refresh token was granted " + broader + "; the service only uses tokens limited to "
                                + DriveScopes.DRIVE_FILE + " (have the user consent to that scope alone)", null);
            }
            return token;
        }

        @Override
        public String toString() {
            return "DriveFileOnly[" + user.getClientId() + "]";
        }
    }

    /** Applies credentials and timeouts to every request, including the uploader's own requests. */
    private static final class RequestSetup implements HttpRequestInitializer {
        private final HttpCredentialsAdapter credentials;
        private final int connectTimeoutMillis;
        private final int readTimeoutMillis;

        RequestSetup(GoogleCredentials credentials, Duration connectTimeout, Duration readTimeout) {
            this.credentials = new HttpCredentialsAdapter(credentials);
            this.connectTimeoutMillis = (int) connectTimeout.toMillis();
            this.readTimeoutMillis = (int) readTimeout.toMillis();
        }

        @Override
        public void initialize(HttpRequest request) throws IOException {
            credentials.initialize(request);
            request.setUnsuccessfulResponseHandler(new RefreshOnceOn401(credentials));
            request.setConnectTimeout(connectTimeoutMillis);
            request.setReadTimeout(readTimeoutMillis);
        }
    }

    /**
     * A 401 usually means an expired access token: refresh it and send the request once more. Only once,
     * because a token that is refused right after a refresh is a credentials problem, not a race; and a
     * credential that cannot refresh (a static token) simply yields the 401.
     */
    private static final class RefreshOnceOn401 implements HttpUnsuccessfulResponseHandler {
        private final HttpCredentialsAdapter credentials;
        private boolean refreshed;

        RefreshOnceOn401(HttpCredentialsAdapter credentials) {
            this.credentials = credentials;
        }

        @Override
        public boolean handleResponse(HttpRequest request, HttpResponse response, boolean supportsRetry) {
            if (refreshed || response.getStatusCode() != 401) {
                return false;
            }
            refreshed = true;
            // The adapter re-initialises the request and installs itself as the handler; put back the
            // current one (this, or the uploader's wrapper around it) so that no second refresh happens.
            HttpUnsuccessfulResponseHandler current = request.getUnsuccessfulResponseHandler();
            try {
                return credentials.handleResponse(request, response, supportsRetry);
            } catch (IllegalStateException | UnsupportedOperationException cannotRefresh) {
                return false;
            } finally {
                request.setUnsuccessfulResponseHandler(current);
            }
        }
    }
}
