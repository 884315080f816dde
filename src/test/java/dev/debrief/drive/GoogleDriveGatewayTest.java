package dev.debrief.drive;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.File;
import dev.debrief.drive.DriveCallException.Kind;
import dev.debrief.testsupport.FakeDriveServer;
import dev.debrief.testsupport.FakeDriveServer.Call;
import dev.debrief.testsupport.FakeDriveServer.Endpoint;
import dev.debrief.testsupport.FakeDriveServer.Fault;
import dev.debrief.testsupport.FakeDriveStore.Item;
import dev.debrief.testsupport.FakeDriveStore.Snapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The real Google client against {@link FakeDriveServer}. */
class GoogleDriveGatewayTest {

    private static final int MIB = 1024 * 1024;
    private static final String SHARED_DRIVE = "0AFakeSharedDrive";
    private static final String DRIVE_FILE = "https://www.googleapis.com/auth/drive.file";
    /** What the service tags a folder shared by batches with. */
    private static final Map<String, String> FOLDER = DriveFolders.SHARED_FOLDER_TAGS;

    static FakeDriveServer fake;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startFake() {
        fake = new FakeDriveServer().start();
    }

    @AfterAll
    static void stopFake() {
        fake.stop();
    }

    @BeforeEach
    void resetFake() {
        fake.reset();
    }

    static DriveClientSettings settings(DriveCredentials credentials, Optional<String> sharedDrive, Duration readTimeout) {
        return new DriveClientSettings(Optional.of(fake.rootUrl()), credentials, sharedDrive, Duration.ofSeconds(2),
                readTimeout, DriveClientSettings.DEFAULT_RESUMABLE_THRESHOLD_BYTES, "debrief-test");
    }

    static GoogleDriveGateway myDrive() {
        return new GoogleDriveGateway(settings(new DriveCredentials.StaticAccessToken("test-token"), Optional.empty(),
                Duration.ofSeconds(5)));
    }

    static GoogleDriveGateway sharedDrive() {
        fake.addSharedDrive(SHARED_DRIVE);
        return new GoogleDriveGateway(settings(new DriveCredentials.StaticAccessToken("test-token"),
                Optional.of(SHARED_DRIVE), Duration.ofSeconds(5)));
    }

    private Path file(String name, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(tmp.resolve(name), bytes);
    }

    private static Map<String, String> tags(String fileId) {
        return Map.of("debrief_batch", "b-1", "debrief_file", fileId);
    }

    /** One call each; finding before making, and settling on the oldest twin, are DriveFolders' (DriveFoldersTest). */
    @Nested
    class Folders {

        @Test
        void aFolderMadeIsFoundByNameUnderItsParent() {
            GoogleDriveGateway gateway = myDrive();

            assertThat(gateway.findFolder(null, "Debrief-Batches", FOLDER)).isEmpty();
            DriveFolder made = gateway.createFolder(null, "Debrief-Batches", FOLDER);

            assertThat(gateway.findFolder(null, "Debrief-Batches", FOLDER)).contains(made);
            assertThat(made.webViewLink()).isEqualTo("https://drive.google.com/drive/folders/" + made.id());
            assertThat(fake.snapshot().folders()).singleElement().satisfies(f -> {
                assertThat(f.name()).isEqualTo("Debrief-Batches");
                assertThat(f.parents()).containsExactly("root");
                assertThat(f.appProperties()).isEqualTo(FOLDER);
            });
            assertThat(fake.calls()).extracting(Call::endpoint).containsExactly(Endpoint.LIST, Endpoint.CREATE_FOLDER, Endpoint.LIST);
            Call create = fake.calls(Endpoint.CREATE_FOLDER).get(0);
            assertThat(create.gzipped()).as("the client gzips metadata bodies and the fake reads them").isTrue();
            assertThat(fake.calls(Endpoint.LIST).get(0).query())
                    .containsEntry("q", "name = 'Debrief-Batches' and 'root' in parents and mimeType = "
                            + "'application/vnd.google-apps.folder' and appProperties has { key='debrief_kind' and value='folder' }"
                            + " and trashed = false")
                    .containsEntry("orderBy", "createdTime")
                    .doesNotContainKeys("supportsAllDrives", "driveId", "corpora");
        }

        @Test
        void createMakesAFolderEvenBesideATwin() {
            GoogleDriveGateway gateway = myDrive();
            DriveFolder first = gateway.createFolder(null, "Debrief-Batches", FOLDER);

            DriveFolder second = gateway.createFolder(null, "Debrief-Batches", FOLDER);

            assertThat(second.id()).isNotEqualTo(first.id());
            assertThat(gateway.findFolder(null, "Debrief-Batches", FOLDER)).as("the oldest").contains(first);
        }

        @Test
        void namesWithQuotesAndBackslashesAreEscapedInQueries() {
            GoogleDriveGateway gateway = myDrive();
            String name = "O'Brien's \\ class \"A\"";

            DriveFolder made = gateway.createFolder(null, name, FOLDER);

            assertThat(gateway.findFolder(null, name, FOLDER)).contains(made);
            assertThat(fake.snapshot().named(name)).hasSize(1);
            assertThat(fake.calls(Endpoint.LIST).get(0).query().get("q"))
                    .startsWith("name = 'O\\'Brien\\'s \\\\ class \"A\"' and");
        }

        @Test
        void onlyAFolderCarryingEveryTagIsFound() {
            Instant old = Instant.now().minusSeconds(60);
            fake.seedFolder("root", "Debrief-Batches", old);
            fake.seedAppFolder("root", "Debrief-Batches", old, Map.of("debrief_kind", "batch_folder"));
            GoogleDriveGateway gateway = myDrive();

            assertThat(gateway.findFolder(null, "Debrief-Batches", FOLDER)).as("made by hand, or tagged otherwise").isEmpty();
            DriveFolder tagged = gateway.createFolder(null, "Debrief-Batches", FOLDER);
            assertThat(gateway.findFolder(null, "Debrief-Batches", FOLDER)).contains(tagged);
            assertThatThrownBy(() -> gateway.findFolder(null, "Debrief-Batches", Map.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> gateway.createFolder(null, "Debrief-Batches", Map.of()))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void twinsResolveToTheOldestOne() {
            Instant now = Instant.now();
            String younger = fake.seedAppFolder("root", "Debrief-Batches", now.minusSeconds(10), FOLDER);
            String older = fake.seedAppFolder("root", "Debrief-Batches", now.minusSeconds(60), FOLDER);

            assertThat(myDrive().findFolder(null, "Debrief-Batches", FOLDER)).get().extracting(DriveFolder::id)
                    .isEqualTo(older).isNotEqualTo(younger);
        }

        @Test
        void aTrashedFolderIsNotFound() {
            String trashed = fake.seedAppFolder("root", "Debrief-Batches", null, FOLDER);
            fake.trash(trashed);

            assertThat(myDrive().findFolder(null, "Debrief-Batches", FOLDER)).isEmpty();
        }

        @Test
        void aMissingParentFailsThisCallOnly() {
            DriveCallException e = catchThrowableOfType(DriveCallException.class,
                    () -> myDrive().createFolder("no-such-folder", "x", FOLDER));

            assertThat(e.kind()).isEqualTo(Kind.FAILED);
            assertThat(e.reason()).isEqualTo("notFound");
        }

        @Test
        void aCreateWhoseAnswerIsLostLeavesTheFolderToBeFound() {
            GoogleDriveGateway gateway = myDrive();
            fake.enqueue(Endpoint.CREATE_FOLDER, Fault.lostAfterSuccess());

            DriveCallException e = catchThrowableOfType(DriveCallException.class,
                    () -> gateway.createFolder(null, "Debrief-Batches", FOLDER));
            assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
            assertThat(e.reason()).isEqualTo("connection");

            assertThat(gateway.findFolder(null, "Debrief-Batches", FOLDER)).get().extracting(DriveFolder::id)
                    .isEqualTo(fake.snapshot().folders().get(0).id());
        }
    }

    @Nested
    class Uploads {

        @Test
        void smallFileGoesInOneMultipartRequest() throws IOException {
            GoogleDriveGateway gateway = myDrive();
            DriveFolder folder = gateway.createFolder(null, "batch", FOLDER);
            Path pdf = file("report one.pdf", 300 * 1024, 1);

            DriveFile uploaded = gateway.upload(folder.id(), "report one.pdf", "application/pdf", pdf, tags("f-1"));

            assertThat(uploaded.name()).isEqualTo("report one.pdf");
            assertThat(uploaded.webViewLink()).isEqualTo("https://drive.google.com/file/d/" + uploaded.id() + "/view");
            assertThat(uploaded.previewUrl()).isEqualTo("https://drive.google.com/thumbnail?id=" + uploaded.id());
            Item stored = fake.snapshot().byId(uploaded.id()).orElseThrow();
            assertThat(stored.content()).isEqualTo(Files.readAllBytes(pdf));
            assertThat(stored.mimeType()).isEqualTo("application/pdf");
            assertThat(stored.parents()).containsExactly(folder.id());
            assertThat(stored.appProperties()).isEqualTo(tags("f-1"));
            assertThat(fake.calls(Endpoint.UPLOAD)).singleElement().satisfies(c -> {
                assertThat(c.uploadType()).isEqualTo("multipart");
                assertThat(c.gzipped()).as("already-compressed media is sent as is").isFalse();
                assertThat(c.status()).isEqualTo(200);
            });
            assertThat(fake.calls(Endpoint.UPLOAD_CHUNK)).isEmpty();
        }

        @Test
        void fileAboveFiveMibUsesAResumableSession() throws IOException {
            GoogleDriveGateway gateway = myDrive();
            DriveFolder folder = gateway.createFolder(null, "batch", FOLDER);
            Path scan = file("scan.pdf", 6 * MIB + 123, 2);

            DriveFile uploaded = gateway.upload(folder.id(), "scan.pdf", "application/pdf", scan, tags("f-2"));

            assertThat(fake.snapshot().byId(uploaded.id()).orElseThrow().content()).isEqualTo(Files.readAllBytes(scan));
            assertThat(fake.calls(Endpoint.UPLOAD)).singleElement()
                    .satisfies(c -> assertThat(c.uploadType()).isEqualTo("resumable"));
            assertThat(fake.calls(Endpoint.UPLOAD_CHUNK)).singleElement().satisfies(c -> {
                assertThat(c.method()).isEqualTo("PUT");
                assertThat(c.contentRange()).isEqualTo("bytes 0-" + (6 * MIB + 122) + "/" + (6 * MIB + 123));
                assertThat(c.status()).isEqualTo(200);
            });
            assertThat(uploaded.webViewLink()).as("the final chunk answers with the requested fields").isNotNull();
        }

        @Test
        void resumableChunksWalkThrough308Answers() throws IOException {
            GoogleDriveGateway gateway = new GoogleDriveGateway(settings(
                    new DriveCredentials.StaticAccessToken("t"), Optional.empty(), Duration.ofSeconds(5)), MIB);
            DriveFolder folder = gateway.createFolder(null, "batch", FOLDER);
            Path scan = file("scan.jpg", 6 * MIB + 5, 3);

            DriveFile uploaded = gateway.upload(folder.id(), "scan.jpg", "image/jpeg", scan, tags("f-3"));

            assertThat(fake.snapshot().byId(uploaded.id()).orElseThrow().content()).isEqualTo(Files.readAllBytes(scan));
            List<Call> chunks = fake.calls(Endpoint.UPLOAD_CHUNK);
            assertThat(chunks).hasSize(7);
            assertThat(chunks.subList(0, 6)).allSatisfy(c -> assertThat(c.status()).isEqualTo(308));
            assertThat(chunks.get(1).contentRange()).isEqualTo("bytes " + MIB + "-" + (2 * MIB - 1) + "/" + (6 * MIB + 5));
            assertThat(chunks.get(6).status()).isEqualTo(200);
        }

        @Test
        void bytesUploadIsGzippedMultipart() {
            GoogleDriveGateway gateway = myDrive();
            DriveFolder folder = gateway.createFolder(null, "batch", FOLDER);
            byte[] json = "{\"batch_id\":\"b-1\",\"successful_files\":2}".getBytes(StandardCharsets.UTF_8);

            DriveFile uploaded = gateway.uploadBytes(folder.id(), "summary.json", "application/json", json, tags("summary"));

            assertThat(fake.snapshot().byId(uploaded.id()).orElseThrow().content()).isEqualTo(json);
            assertThat(fake.calls(Endpoint.UPLOAD)).singleElement().satisfies(c -> {
                assertThat(c.uploadType()).isEqualTo("multipart");
                assertThat(c.gzipped()).isTrue();
            });
        }

        @Test
        void aMissingLocalFileFailsWithoutCallingDrive() {
            DriveCallException e = catchThrowableOfType(DriveCallException.class, () -> myDrive()
                    .upload("folder", "gone.pdf", "application/pdf", tmp.resolve("gone.pdf"), tags("x")));

            assertThat(e.kind()).isEqualTo(Kind.FAILED);
            assertThat(e.reason()).isEqualTo("local_file_unreadable");
            assertThat(fake.calls()).isEmpty();
        }

        @Test
        void grantAnyoneReaderAddsALinkPermission() {
            GoogleDriveGateway gateway = myDrive();
            DriveFolder folder = gateway.createFolder(null, "batch", FOLDER);
            DriveFile f = gateway.uploadBytes(folder.id(), "a.txt", "text/plain", new byte[] {1}, tags("a"));

            gateway.grantAnyoneReader(f.id());

            assertThat(fake.snapshot().byId(f.id()).orElseThrow().permissions()).containsExactly("anyone:reader");
        }
    }

    @Nested
    class Tags {

        @Test
        void findTaggedFindsExactlyTheTaggedFile() {
            GoogleDriveGateway gateway = myDrive();
            String folder = gateway.createFolder(null, "batch", FOLDER).id();
            String elsewhere = gateway.createFolder(null, "other batch", FOLDER).id();
            DriveFile wanted = gateway.uploadBytes(folder, "a.pdf", "application/pdf", new byte[] {1}, tags("f-1"));
            gateway.uploadBytes(folder, "b.pdf", "application/pdf", new byte[] {2}, tags("f-2"));
            gateway.uploadBytes(folder, "a.pdf", "application/pdf", new byte[] {3}, Map.of("debrief_file", "f-1"));
            gateway.uploadBytes(elsewhere, "a.pdf", "application/pdf", new byte[] {4}, tags("f-1"));

            assertThat(gateway.findTagged(folder, tags("f-1"))).contains(wanted);
            assertThat(gateway.findTagged(folder, tags("f-9"))).isEmpty();
            assertThat(fake.calls(Endpoint.LIST).get(fake.calls(Endpoint.LIST).size() - 1).query().get("q"))
                    .isEqualTo("'" + folder + "' in parents and appProperties has { key='debrief_batch' and value='b-1' }"
                            + " and appProperties has { key='debrief_file' and value='f-9' } and trashed = false");
        }

        @Test
        void aTrashedTaggedFileDoesNotCount() {
            GoogleDriveGateway gateway = myDrive();
            String folder = gateway.createFolder(null, "batch", FOLDER).id();
            DriveFile f = gateway.uploadBytes(folder, "a.pdf", "application/pdf", new byte[] {1}, tags("f-1"));
            fake.trash(f.id());

            assertThat(gateway.findTagged(folder, tags("f-1"))).isEmpty();
        }

        @Test
        void anUploadWhoseAnswerIsLostIsFoundByItsTag() throws IOException {
            GoogleDriveGateway gateway = myDrive();
            String folder = gateway.createFolder(null, "batch", FOLDER).id();
            Path pdf = file("lost.pdf", 50_000, 4);
            fake.enqueue(Endpoint.UPLOAD, Fault.lostAfterSuccess());

            DriveCallException e = catchThrowableOfType(DriveCallException.class,
                    () -> gateway.upload(folder, "lost.pdf", "application/pdf", pdf, tags("f-lost")));

            assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
            Item stored = fake.snapshot().named("lost.pdf").get(0);
            assertThat(stored.content()).isEqualTo(Files.readAllBytes(pdf));
            // the scheduler's duplicate check before retrying:
            assertThat(gateway.findTagged(folder, tags("f-lost"))).map(DriveFile::id).contains(stored.id());
            assertThat(fake.snapshot().fileCountByName()).containsEntry("lost.pdf", 1L);
        }

        @Test
        void aResumableUploadWhoseLastAnswerIsLostIsFoundByItsTag() throws IOException {
            GoogleDriveGateway gateway = myDrive();
            String folder = gateway.createFolder(null, "batch", FOLDER).id();
            Path big = file("big.pdf", 5 * MIB + 1, 5);
            fake.enqueue(Endpoint.UPLOAD_CHUNK, Fault.lostAfterSuccess());

            assertThatThrownBy(() -> gateway.upload(folder, "big.pdf", "application/pdf", big, tags("f-big")))
                    .isInstanceOfSatisfying(DriveCallException.class, e -> assertThat(e.retryable()).isTrue());

            assertThat(gateway.findTagged(folder, tags("f-big"))).isPresent();
            assertThat(fake.snapshot().named("big.pdf")).singleElement()
                    .satisfies(i -> assertThat(i.content()).hasSize(5 * MIB + 1));
        }
    }

    /** Which gateway call a fault is aimed at, and the endpoint that call reaches. */
    enum Op {
        CREATE_FOLDER(Endpoint.CREATE_FOLDER, (g, folder) -> g.createFolder(folder, "new folder", FOLDER)),
        LIST(Endpoint.LIST, (g, folder) -> g.findTagged(folder, tags("f-1"))),
        MULTIPART(Endpoint.UPLOAD, (g, folder) -> g.uploadBytes(folder, "a.pdf", "application/pdf", new byte[] {1}, tags("f-1"))),
        RESUMABLE_START(Endpoint.UPLOAD, (g, folder) -> g.uploadBytes(folder, "big.pdf", "application/pdf",
                new byte[5 * MIB + 1], tags("f-1"))),
        RESUMABLE_CHUNK(Endpoint.UPLOAD_CHUNK, (g, folder) -> g.uploadBytes(folder, "big.pdf", "application/pdf",
                new byte[5 * MIB + 1], tags("f-1"))),
        PERMISSION(Endpoint.PERMISSION, (g, folder) -> g.grantAnyoneReader(
                g.uploadBytes(folder, "shared.pdf", "application/pdf", new byte[] {1}, tags("f-2")).id()));

        final Endpoint endpoint;
        final java.util.function.BiConsumer<DriveGateway, String> call;

        Op(Endpoint endpoint, java.util.function.BiConsumer<DriveGateway, String> call) {
            this.endpoint = endpoint;
            this.call = call;
        }
    }

    static Stream<Arguments> faults() {
        record Case(Fault fault, Kind kind, String reason) {
        }
        List<Case> cases = List.of(
                new Case(Fault.tooManyRequests("7"), Kind.RETRYABLE, "rateLimitExceeded"),
                new Case(Fault.serverError(500), Kind.RETRYABLE, "backendError"),
                new Case(Fault.serverError(503), Kind.RETRYABLE, "backendError"),
                new Case(Fault.plainStatus(502), Kind.RETRYABLE, "http_502"),
                new Case(Fault.forbidden("rateLimitExceeded"), Kind.RETRYABLE, "rateLimitExceeded"),
                new Case(Fault.forbidden("userRateLimitExceeded"), Kind.RETRYABLE, "userRateLimitExceeded"),
                new Case(Fault.forbidden("sharingRateLimitExceeded"), Kind.RETRYABLE, "sharingRateLimitExceeded"),
                new Case(Fault.forbidden("storageQuotaExceeded"), Kind.FATAL_FOR_BATCH, "storageQuotaExceeded"),
                new Case(Fault.forbidden("dailyLimitExceeded"), Kind.FATAL_FOR_BATCH, "dailyLimitExceeded"),
                new Case(Fault.forbidden("insufficientPermissions"), Kind.FATAL_FOR_BATCH, "insufficientPermissions"),
                new Case(Fault.unauthorized(), Kind.FATAL_FOR_BATCH, "authError"),
                new Case(Fault.googleError(400, "badRequest"), Kind.FAILED, "badRequest"),
                new Case(Fault.drop(), Kind.RETRYABLE, "connection"));
        // Each fault against each kind of call would be 78 runs; every fault runs against the multipart
        // upload, and every kind of call gets a representative subset.
        Stream<Arguments> allFaultsOnUpload = cases.stream().map(c -> Arguments.of(Op.MULTIPART, c.fault(), c.kind(), c.reason()));
        Stream<Arguments> someFaultsEverywhere = Stream.of(Op.values()).filter(op -> op != Op.MULTIPART)
                .flatMap(op -> Stream.of(cases.get(0), cases.get(3), cases.get(7), cases.get(10), cases.get(12))
                        .map(c -> Arguments.of(op, c.fault(), c.kind(), c.reason())));
        return Stream.concat(allFaultsOnUpload, someFaultsEverywhere);
    }

    @ParameterizedTest(name = "{0}: {1} -> {2} {3}")
    @MethodSource("faults")
    void everyInjectedFaultIsClassified(Op op, Fault fault, Kind kind, String reason) {
        GoogleDriveGateway gateway = myDrive();
        String folder = gateway.createFolder(null, "batch", FOLDER).id();
        // A GET on a dropped connection is re-sent once by the JDK itself (HttpURLConnection), so the
        // list needs the fault twice to surface; POSTs are streamed and never re-sent.
        int times = op == Op.LIST && fault.type() == Fault.Type.DROP ? 2 : 1;
        for (int i = 0; i < times; i++) {
            fake.enqueue(op.endpoint, fault);
        }

        DriveCallException e = catchThrowableOfType(DriveCallException.class, () -> op.call.accept(gateway, folder));

        assertThat(e).as("expected a DriveCallException").isNotNull();
        assertThat(e.kind()).isEqualTo(kind);
        // HttpURLConnection keeps the status but drops the body of a 401 answering a streamed request
        // (every POST and PUT of the client), so Google's reason only survives on GETs.
        String expectedReason = fault.status() == 401 && op != Op.LIST ? "http_401" : reason;
        assertThat(e.reason()).isEqualTo(expectedReason);
        if ("7".equals(fault.retryAfter())) {
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        }
        assertThat(fake.pendingFaults(op.endpoint)).as("the fault reached the call").isZero();
    }

    @Test
    void aPredicateFaultHitsOnlyTheFileItNames() {
        GoogleDriveGateway gateway = myDrive();
        String folder = gateway.createFolder(null, "batch", FOLDER).id();
        fake.failWhen(Endpoint.UPLOAD, t -> "b.pdf".equals(t.name()), Fault.forbidden("storageQuotaExceeded"));

        gateway.uploadBytes(folder, "a.pdf", "application/pdf", new byte[] {1}, tags("a"));
        DriveCallException e = catchThrowableOfType(DriveCallException.class,
                () -> gateway.uploadBytes(folder, "b.pdf", "application/pdf", new byte[] {2}, tags("b")));

        assertThat(e.kind()).isEqualTo(Kind.FATAL_FOR_BATCH);
        assertThat(fake.snapshot().fileCountByName()).containsOnlyKeys("a.pdf");
    }

    @Test
    void theFakeRefusesQueriesAndFieldsItDoesNotKnow() throws IOException {
        Drive raw = rawClient();

        // so that a gateway query outside the fake's subset fails loudly instead of matching wrongly
        assertThatThrownBy(() -> raw.files().list().setQ("fullText contains 'x'").execute())
                .isInstanceOfSatisfying(com.google.api.client.googleapis.json.GoogleJsonResponseException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(400));
        assertThatThrownBy(() -> raw.files().list().setFields("files(id, nmae)").execute())
                .isInstanceOfSatisfying(com.google.api.client.googleapis.json.GoogleJsonResponseException.class,
                        e -> assertThat(e.getDetails().getMessage()).contains("nmae"));
        assertThat(raw.files().list().setQ("trashed = false").execute().getFiles()).isEmpty();
    }

    @Test
    void aDriveFileTokenSeesOnlyWhatTheAppMade() throws IOException {
        String appMade = myDrive().createFolder(null, "Debrief-Batches", FOLDER).id();
        String byHand = fake.seedFolder("root", "Debrief-Batches", null);
        fake.driveFileToken("raw");
        Drive raw = rawClient();

        assertThat(raw.files().list().setQ("name = 'Debrief-Batches'").execute().getFiles())
                .extracting(File::getId).containsExactly(appMade);
        assertThatThrownBy(() -> raw.files().get(byHand).execute())
                .isInstanceOfSatisfying(com.google.api.client.googleapis.json.GoogleJsonResponseException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(404));
        assertThatThrownBy(() -> raw.files().create(new File().setName("x").setParents(List.of(byHand))).execute())
                .isInstanceOfSatisfying(com.google.api.client.googleapis.json.GoogleJsonResponseException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(404));
        assertThat(fake.snapshot().named("Debrief-Batches")).hasSize(2);
    }

    private static Drive rawClient() {
        return new Drive.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(),
                request -> request.getHeaders().setAuthorization("Bearer raw"))
                .setRootUrl(fake.rootUrl()).setApplicationName("raw").build();
    }

    @Test
    void aSlowAnswerTimesOutAsRetryable() {
        GoogleDriveGateway gateway = new GoogleDriveGateway(settings(
                new DriveCredentials.StaticAccessToken("t"), Optional.empty(), Duration.ofMillis(250)));
        fake.latency(Endpoint.LIST, Duration.ofMillis(1500));

        DriveCallException e = catchThrowableOfType(DriveCallException.class, () -> gateway.findFolder(null, "slow", FOLDER));

        assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(e.reason()).isEqualTo("timeout");
    }

    @Test
    void aSingleDroppedListIsResentByTheJdkAndSucceeds() {
        GoogleDriveGateway gateway = myDrive();
        String folder = gateway.createFolder(null, "batch", FOLDER).id();
        int before = fake.calls(Endpoint.LIST).size();
        fake.enqueue(Endpoint.LIST, Fault.drop());

        assertThat(gateway.findTagged(folder, tags("f-1"))).isEmpty();

        assertThat(fake.calls(Endpoint.LIST).subList(before, before + 2)).extracting(Call::status).containsExactly(-1, 200);
    }

    @Test
    void randomRetryableUploadFaultsNeverLeaveDuplicatesWhenRetriesCheckTagsFirst() {
        GoogleDriveGateway gateway = myDrive();
        String folder = gateway.createFolder(null, "batch", FOLDER).id();
        fake.failRandomly(Endpoint.UPLOAD, 0.3, 42, Fault.RETRYABLE_MIX_WITH_LOST_RESPONSES.toArray(Fault[]::new));

        int failures = 0;
        for (int i = 0; i < 20; i++) {
            String name = "file-" + i + ".pdf";
            Map<String, String> tag = tags("f-" + i);
            // what the scheduler does, minus the waiting: ask for the tag before every retry
            for (int attempt = 1; ; attempt++) {
                if (attempt > 1 && gateway.findTagged(folder, tag).isPresent()) {
                    break;
                }
                try {
                    gateway.uploadBytes(folder, name, "application/pdf", new byte[] {(byte) i}, tag);
                    break;
                } catch (DriveCallException e) {
                    assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
                    assertThat(attempt).as("seeded faults leave room to succeed").isLessThan(10);
                    failures++;
                }
            }
        }

        assertThat(failures).as("the seed injects faults").isGreaterThan(0);
        Map<String, Long> counts = fake.snapshot().fileCountByName();
        assertThat(counts).hasSize(20).allSatisfy((name, count) -> assertThat(count).as(name).isEqualTo(1L));
    }

    @Test
    void patchSentAsPostWithMethodOverrideIsApplied() throws IOException {
        String folder = myDrive().createFolder(null, "old name", FOLDER).id();
        // the gateway never updates; the fake must still understand what the client does with PATCH
        Drive raw = rawClient();

        File updated = raw.files().update(folder, new File().setName("new name")).setFields("id, name").execute();
        File fetched = raw.files().get(folder).setFields("id, name, mimeType, webViewLink").execute();

        assertThat(updated.getName()).isEqualTo("new name");
        assertThat(fetched.getName()).isEqualTo("new name");
        assertThat(fetched.getWebViewLink()).endsWith("/folders/" + folder);
        assertThat(fake.snapshot().byId(folder).orElseThrow().name()).isEqualTo("new name");
        assertThat(fake.calls(Endpoint.UPDATE)).singleElement().satisfies(c -> {
            assertThat(c.method()).isEqualTo("PATCH");
            assertThat(c.methodOverride()).isEqualTo("PATCH");
            assertThat(c.gzipped()).isTrue();
        });
    }

    @Nested
    class SharedDrive {

        @Test
        void everyCallDeclaresTheSharedDrive() {
            GoogleDriveGateway gateway = sharedDrive();

            assertThat(gateway.findFolder(null, "Debrief-Batches", FOLDER)).isEmpty();
            DriveFolder top = gateway.createFolder(null, "Debrief-Batches", FOLDER);
            DriveFile f = gateway.uploadBytes(top.id(), "summary.json", "application/json", new byte[] {'{', '}'}, tags("s"));
            gateway.grantAnyoneReader(f.id());
            assertThat(gateway.findTagged(top.id(), tags("s"))).contains(f);

            assertThat(fake.snapshot().byId(top.id()).orElseThrow().parents()).containsExactly(SHARED_DRIVE);
            assertThat(fake.calls(Endpoint.LIST)).isNotEmpty().allSatisfy(c -> assertThat(c.query())
                    .containsEntry("supportsAllDrives", "true")
                    .containsEntry("includeItemsFromAllDrives", "true")
                    .containsEntry("corpora", "drive")
                    .containsEntry("driveId", SHARED_DRIVE));
            assertThat(fake.calls()).filteredOn(c -> c.endpoint() != Endpoint.LIST).isNotEmpty()
                    .allSatisfy(c -> assertThat(c.query()).containsEntry("supportsAllDrives", "true"));
        }

        @Test
        void aMyDriveGatewayCannotSeeSharedDriveItems() {
            String folder = sharedDrive().createFolder(null, "Debrief-Batches", FOLDER).id();

            DriveCallException e = catchThrowableOfType(DriveCallException.class,
                    () -> myDrive().uploadBytes(folder, "a.pdf", "application/pdf", new byte[] {1}, tags("a")));

            assertThat(e.kind()).isEqualTo(Kind.FAILED);
            assertThat(e.reason()).isEqualTo("notFound");
        }
    }

    @Nested
    class Credentials {

        @Test
        void aServiceAccountKeyGetsItsTokenFromTheKeysTokenUri() throws Exception {
            fake.addSharedDrive(SHARED_DRIVE);
            fake.requireToken("only-issued-tokens-count");
            GoogleDriveGateway gateway = new GoogleDriveGateway(settings(
                    new DriveCredentials.ServiceAccountKey(serviceAccountJson(fake.tokenUrl())),
                    Optional.of(SHARED_DRIVE), Duration.ofSeconds(5)));

            DriveFolder folder = gateway.createFolder(null, "Debrief-Batches", FOLDER);

            assertThat(folder.id()).isNotBlank();
            assertThat(fake.tokensIssued()).isEqualTo(1);
        }

        @Test
        void aServiceAccountAsksForTheDriveFileScopeAlone() throws Exception {
            fake.addSharedDrive(SHARED_DRIVE);
            GoogleDriveGateway gateway = new GoogleDriveGateway(settings(
                    new DriveCredentials.ServiceAccountKey(serviceAccountJson(fake.tokenUrl())),
                    Optional.of(SHARED_DRIVE), Duration.ofSeconds(5)));

            gateway.createFolder(null, "Debrief-Batches", FOLDER);

            assertThat(fake.requestedScopes()).containsExactly(DRIVE_FILE);
        }

        @Test
        void aServiceAccountCannotWriteIntoAFolderItDidNotMake() throws Exception {
            fake.addSharedDrive(SHARED_DRIVE);
            // made by a person in Drive's web UI, in the drive the service account is a member of
            String byHand = fake.seedFolder(SHARED_DRIVE, "Debrief-Batches", null);
            GoogleDriveGateway gateway = new GoogleDriveGateway(settings(
                    new DriveCredentials.ServiceAccountKey(serviceAccountJson(fake.tokenUrl())),
                    Optional.of(SHARED_DRIVE), Duration.ofSeconds(5)));

            DriveCallException e = catchThrowableOfType(DriveCallException.class,
                    () -> gateway.uploadBytes(byHand, "a.pdf", "application/pdf", new byte[] {1}, tags("a")));

            assertThat(e).as("a drive.file token does not see the folder").isNotNull();
            assertThat(e.reason()).isEqualTo("notFound");
            assertThat(fake.snapshot().files()).isEmpty();
            DriveFolder own = gateway.createFolder(null, "Debrief-Batches", FOLDER);
            assertThat(gateway.uploadBytes(own.id(), "a.pdf", "application/pdf", new byte[] {1}, tags("a")).id()).isNotBlank();
        }

        @Test
        void aRefreshTokenGrantingMoreThanDriveFileIsRefused() {
            fake.grantOnRefresh("https://www.googleapis.com/auth/drive openid");
            GoogleDriveGateway gateway = new GoogleDriveGateway(settings(oauth(), Optional.empty(), Duration.ofSeconds(5)));

            DriveCallException e = catchThrowableOfType(DriveCallException.class, () -> gateway.findFolder(null, "x", FOLDER));

            assertThat(e).as("the broader grant is refused").isNotNull();
            assertThat(e.kind()).isEqualTo(Kind.FATAL_FOR_BATCH);
            assertThat(e.reason()).isEqualTo("auth_scope_too_broad");
            assertThat(fake.calls(Endpoint.LIST)).as("never used against Drive").isEmpty();
        }

        @Test
        void aRefreshTokenGrantingDriveFileIsUsed() {
            fake.grantOnRefresh(DRIVE_FILE + " openid");
            GoogleDriveGateway gateway = new GoogleDriveGateway(settings(oauth(), Optional.empty(), Duration.ofSeconds(5)));

            assertThat(gateway.findFolder(null, "x", FOLDER)).isEmpty();
            assertThat(fake.calls(Endpoint.LIST)).extracting(Call::status).containsExactly(200);
        }

        @Test
        void aServiceAccountWithoutSharedDriveIsRejectedUpFront() throws Exception {
            String key = serviceAccountJson(fake.tokenUrl());

            assertThatThrownBy(() -> settings(new DriveCredentials.ServiceAccountKey(key), Optional.empty(), Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("shared drive");
        }

        @Test
        void anExpiredTokenIsRefreshedOnceOn401() {
            fake.requireToken("only-issued-tokens-count");
            GoogleDriveGateway gateway = new GoogleDriveGateway(settings(oauth(), Optional.empty(), Duration.ofSeconds(5)));
            fake.enqueue(Endpoint.LIST, Fault.unauthorized());

            assertThat(gateway.findFolder(null, "Debrief-Batches", FOLDER)).isEmpty();

            assertThat(fake.tokensIssued()).isEqualTo(2);
            assertThat(fake.calls(Endpoint.LIST).subList(0, 2)).extracting(Call::status).containsExactly(401, 200);
        }

        @Test
        void anExpiredTokenIsRefreshedOnceOn401ToAPostToo() {
            fake.requireToken("only-issued-tokens-count");
            GoogleDriveGateway gateway = new GoogleDriveGateway(settings(oauth(), Optional.empty(), Duration.ofSeconds(5)));
            fake.enqueue(Endpoint.CREATE_FOLDER, Fault.unauthorized());

            gateway.createFolder(null, "Debrief-Batches", FOLDER);

            assertThat(fake.calls(Endpoint.CREATE_FOLDER)).extracting(Call::status).containsExactly(401, 200);
            assertThat(fake.snapshot().folders()).hasSize(1);
        }

        @Test
        void aTokenRefusedAgainAfterRefreshIsFatal() {
            GoogleDriveGateway gateway = new GoogleDriveGateway(settings(oauth(), Optional.empty(), Duration.ofSeconds(5)));
            fake.enqueue(Endpoint.LIST, Fault.unauthorized(), Fault.unauthorized(), Fault.unauthorized());

            DriveCallException e = catchThrowableOfType(DriveCallException.class, () -> gateway.findFolder(null, "x", FOLDER));

            assertThat(e.kind()).isEqualTo(Kind.FATAL_FOR_BATCH);
            assertThat(fake.calls(Endpoint.LIST)).hasSize(2);
        }

        @Test
        void aRevokedRefreshTokenIsFatalForTheBatch() {
            GoogleDriveGateway gateway = new GoogleDriveGateway(settings(oauth(), Optional.empty(), Duration.ofSeconds(5)));
            fake.enqueue(Endpoint.TOKEN, Fault.googleError(400, "invalid_grant"));

            DriveCallException e = catchThrowableOfType(DriveCallException.class, () -> gateway.findFolder(null, "x", FOLDER));

            assertThat(e.kind()).isEqualTo(Kind.FATAL_FOR_BATCH);
            assertThat(e.reason()).isEqualTo("auth_refresh_failed");
            assertThat(fake.calls(Endpoint.LIST)).isEmpty();
        }

        @Test
        void aWrongStaticTokenIsFatalOnPostsToo() {
            fake.requireToken("right");
            GoogleDriveGateway gateway = myDrive();

            DriveCallException e = catchThrowableOfType(DriveCallException.class,
                    () -> gateway.uploadBytes("root", "a.pdf", "application/pdf", new byte[] {1}, tags("a")));

            assertThat(e.kind()).isEqualTo(Kind.FATAL_FOR_BATCH);
            assertThat(fake.snapshot().files()).isEmpty();
        }

        private DriveCredentials oauth() {
            return new DriveCredentials.OAuthRefreshToken("client-id", "client-secret", "refresh-token",
                    Optional.of(URI.create(fake.tokenUrl())));
        }

        private String serviceAccountJson(String tokenUri) throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            return new io.vertx.core.json.JsonObject()
                    .put("type", "service_account")
                    .put("project_id", "debrief-test")
                    .put("private_key_id", "key-1")
                    .put("private_key", pem)
                    .put("client_email", "archiver@debrief-test.iam.gserviceaccount.com")
                    .put("client_id", "1234567890")
                    .put("token_uri", tokenUri)
                    .encode();
        }
    }

}
