package dev.debrief.drive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.debrief.testsupport.FakeDriveServer;
import dev.debrief.testsupport.FakeDriveServer.Call;
import dev.debrief.testsupport.FakeDriveServer.Endpoint;
import dev.debrief.testsupport.FakeDriveServer.Fault;
import dev.debrief.testsupport.FakeDriveStore.Snapshot;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A folder found or made one Drive call at a time: the real Google client, {@link DriveCalls} with three attempts
 * per call and millisecond backoffs, against {@link FakeDriveServer}.
 */
class DriveFoldersTest {

    private static final int ATTEMPTS = 3;
    private static final Duration AWAIT = Duration.ofSeconds(20);
    private static final Map<String, String> SHARED = DriveFolders.SHARED_FOLDER_TAGS;

    static FakeDriveServer fake;

    private GoogleDriveGateway gateway;
    private DriveFolders folders;

    @BeforeAll
    static void startFake() {
        fake = new FakeDriveServer().start();
    }

    @AfterAll
    static void stopFake() {
        fake.stop();
    }

    @BeforeEach
    void setUp() {
        fake.reset();
        gateway = new GoogleDriveGateway(new DriveClientSettings(Optional.of(fake.rootUrl()),
                new DriveCredentials.StaticAccessToken("test-token"), Optional.empty(), Duration.ofSeconds(2),
                Duration.ofSeconds(5), DriveClientSettings.DEFAULT_RESUMABLE_THRESHOLD_BYTES, "debrief-test"));
        RetryPolicy policy = new RetryPolicy(ATTEMPTS, Duration.ofMillis(5), Duration.ofMillis(20), 0.2, Duration.ZERO);
        folders = new DriveFolders(new DriveCalls(4, 64, null, policy));
    }

    @Test
    void eachCallOfAFindOrCreateHasAttemptsOfItsOwn() {
        // The listing fails twice, then the create twice: five failures, more than the three attempts one
        // find-or-create would get if it were retried as a whole, and fewer than three for either call.
        fake.enqueue(Endpoint.LIST, Fault.serverError(503), Fault.serverError(503));
        fake.enqueue(Endpoint.CREATE_FOLDER, Fault.serverError(503), Fault.serverError(503));

        DriveFolder folder = await(folders.findOrCreate(gateway, null, "Debrief-Batches", SHARED));

        assertThat(fake.snapshot().folders()).singleElement().extracting(item -> item.id()).isEqualTo(folder.id());
        assertThat(fake.calls(Endpoint.CREATE_FOLDER)).extracting(Call::status).containsExactly(503, 503, 200);
        // the listing's own three tries, then a look before each create tried again, then the look for a twin
        assertThat(fake.calls(Endpoint.LIST)).extracting(Call::status).containsExactly(503, 503, 200, 200, 200, 200);
    }

    @Test
    void aFailingThirdSegmentNeitherRedoesNorSpendsTheFirstTwo() {
        AtomicInteger refused = new AtomicInteger();
        fake.failWhen(Endpoint.CREATE_FOLDER, call -> "batch-c".equals(call.name()) && refused.getAndIncrement() < ATTEMPTS - 1,
                Fault.serverError(500));

        DriveFolder folder = await(folders.path(gateway, List.of("Debrief-Batches", "2026-05-01", "batch-c"), UUID.randomUUID()));

        assertThat(fake.snapshot().pathOf(folder.id())).containsExactly("Debrief-Batches", "2026-05-01", "batch-c");
        // a find and a look for a twin each; nothing sent again for them while the third create was failing
        assertThat(listingsOf("Debrief-Batches")).isEqualTo(2);
        assertThat(listingsOf("2026-05-01")).isEqualTo(2);
        assertThat(fake.calls(Endpoint.CREATE_FOLDER)).extracting(Call::name)
                .containsExactly("Debrief-Batches", "2026-05-01", "batch-c", "batch-c", "batch-c");
    }

    @Test
    void aCallThatRunsOutOfAttemptsFailsAsRetryableWithNothingMade() {
        fake.enqueue(Endpoint.LIST, Fault.serverError(503), Fault.serverError(503), Fault.serverError(503));

        Throwable failure = awaitFailure(folders.findOrCreate(gateway, null, "Debrief-Batches", SHARED));

        assertThat(failure).isInstanceOf(DriveCalls.OutOfAttempts.class);
        assertThat(((DriveCallException) failure).retryable()).as("transient: worth a later round").isTrue();
        assertThat(fake.calls(Endpoint.LIST)).hasSize(ATTEMPTS);
        assertThat(fake.calls(Endpoint.CREATE_FOLDER)).isEmpty();
    }

    @Test
    void aCreateTriedAgainLooksFirstSoALostAnswerMakesNoTwin() {
        fake.enqueue(Endpoint.CREATE_FOLDER, Fault.lostAfterSuccess());

        DriveFolder folder = await(folders.findOrCreate(gateway, null, "Debrief-Batches", SHARED));

        assertThat(fake.snapshot().folders()).singleElement().extracting(item -> item.id()).isEqualTo(folder.id());
        assertThat(fake.calls(Endpoint.CREATE_FOLDER)).hasSize(1);
    }

    @Test
    void anExistingFolderIsFoundAndTheOldestTwinWins() {
        Instant now = Instant.now();
        fake.seedAppFolder("root", "Debrief-Batches", now.minusSeconds(10), SHARED);
        String older = fake.seedAppFolder("root", "Debrief-Batches", now.minusSeconds(60), SHARED);

        assertThat(await(folders.findOrCreate(gateway, null, "Debrief-Batches", SHARED)).id()).isEqualTo(older);
        assertThat(fake.calls(Endpoint.CREATE_FOLDER)).isEmpty();
    }

    @Test
    void aTwinCreatedElsewhereMeanwhileWinsWhenItIsOlder() throws Exception {
        // our create is held back; another replica's create lands in that window
        fake.latency(Endpoint.CREATE_FOLDER, Duration.ofMillis(500));
        CompletableFuture<DriveFolder> ours = folders.findOrCreate(gateway, null, "Debrief-Batches", SHARED).subscribeAsCompletionStage();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (fake.calls(Endpoint.LIST).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        String theirs = fake.seedAppFolder("root", "Debrief-Batches", null, SHARED);

        assertThat(ours.get(10, TimeUnit.SECONDS).id()).isEqualTo(theirs);
        assertThat(fake.snapshot().named("Debrief-Batches")).hasSize(2);
    }

    @Test
    void callersOfOneProcessShareOneFindOrCreate() {
        // a slow listing widens the window in which callers racing each other would all miss the folder
        fake.latency(Endpoint.LIST, Duration.ofMillis(40));
        List<CompletableFuture<DriveFolder>> callers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            callers.add(folders.findOrCreate(gateway, null, "Debrief-Batches", SHARED).subscribeAsCompletionStage());
        }

        Set<String> ids = callers.stream().map(CompletableFuture::join).map(DriveFolder::id).collect(Collectors.toSet());

        assertThat(ids).hasSize(1);
        assertThat(fake.snapshot().folders()).hasSize(1);
        assertThat(fake.calls(Endpoint.CREATE_FOLDER)).hasSize(1);
        // once the first is over the next caller looks again: the folder may have gone meanwhile
        assertThat(await(folders.findOrCreate(gateway, null, "Debrief-Batches", SHARED)).id()).isEqualTo(ids.iterator().next());
    }

    @Test
    void everySegmentOfThePatternIsFoundOrMadeAndTheDayIsShared() {
        UUID batch = UUID.fromString("3f1c1e1a-0000-4000-8000-000000000001");
        UUID otherBatch = UUID.randomUUID();
        List<String> segments = FolderPattern.defaultPattern().segments(LocalDate.of(2026, 5, 1), batch, "school-a", null);

        DriveFolder first = await(folders.path(gateway, segments, batch));
        DriveFolder other = await(folders.path(gateway, FolderPattern.defaultPattern()
                .segments(LocalDate.of(2026, 5, 1), otherBatch, "school-a", "Class A"), otherBatch));

        Snapshot state = fake.snapshot();
        assertThat(state.pathOf(first.id())).containsExactly("Debrief-Batches", "2026-05-01", "batch-" + batch);
        assertThat(state.pathOf(other.id())).containsExactly("Debrief-Batches", "2026-05-01", "Class A");
        assertThat(state.folders()).hasSize(4);
        assertThat(state.byId(first.id()).orElseThrow().appProperties())
                .isEqualTo(Map.of("debrief_kind", "batch_folder", "debrief_batch_id", batch.toString()));
        String day = state.byId(first.id()).orElseThrow().parents().get(0);
        assertThat(state.byId(day).orElseThrow().appProperties()).isEqualTo(SHARED);
    }

    @Test
    void twoBatchesChoosingTheSameNameGetAFolderEach() {
        List<String> path = List.of("Debrief-Batches", "2026-05-01", "Spring class");
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        DriveFolder firstFolder = await(folders.path(gateway, path, first));
        DriveFolder secondFolder = await(folders.path(gateway, path, second));

        assertThat(secondFolder.id()).isNotEqualTo(firstFolder.id());
        assertThat(fake.snapshot().named("Spring class")).hasSize(2);
        assertThat(fake.snapshot().named("2026-05-01")).as("the day's folder is shared").hasSize(1);
        // the same batch again (a retry, a resumed archive) finds its own folder and makes nothing
        int creates = fake.calls(Endpoint.CREATE_FOLDER).size();
        assertThat(await(folders.path(gateway, path, first)).id()).isEqualTo(firstFolder.id());
        assertThat(fake.calls(Endpoint.CREATE_FOLDER)).hasSize(creates);
    }

    @Test
    void aFolderTheServiceDidNotMakeIsNeverUsed() {
        Instant anHourAgo = Instant.now().minusSeconds(3600);
        String handRoot = fake.seedFolder("root", "Debrief-Batches", anHourAgo);
        String handDay = fake.seedFolder(handRoot, "2026-05-01", anHourAgo);
        String handClass = fake.seedFolder(handDay, "Spring class", anHourAgo);
        // made by the service, but as a day folder: never taken for a batch's own folder
        String appRoot = fake.seedAppFolder("root", "Debrief-Batches", anHourAgo, SHARED);
        String appDay = fake.seedAppFolder(appRoot, "2026-05-01", anHourAgo, SHARED);
        String notThisBatchs = fake.seedAppFolder(appDay, "Spring class", anHourAgo, SHARED);

        DriveFolder folder = await(folders.path(gateway, List.of("Debrief-Batches", "2026-05-01", "Spring class"), UUID.randomUUID()));

        assertThat(folder.id()).isNotIn(handClass, notThisBatchs);
        assertThat(fake.snapshot().byId(folder.id()).orElseThrow().parents()).as("the service's day folder").containsExactly(appDay);
        assertThat(fake.snapshot().childrenOf(handClass)).isEmpty();
    }

    @Test
    void aLostCreateOfABatchFolderMakesNoTwinAndTheOldestWins() {
        UUID batch = UUID.randomUUID();
        fake.enqueue(Endpoint.CREATE_FOLDER, Fault.lostAfterSuccess());

        DriveFolder folder = await(folders.findOrCreate(gateway, null, "Spring class", DriveFolders.batchFolderTags(batch)));

        assertThat(fake.snapshot().folders()).singleElement().extracting(item -> item.id()).isEqualTo(folder.id());
        // another replica's create for the same batch that landed first is the one both settle on
        String older = fake.seedAppFolder("root", "Spring class", Instant.now().minusSeconds(60), DriveFolders.batchFolderTags(batch));
        assertThat(await(folders.findOrCreate(gateway, null, "Spring class", DriveFolders.batchFolderTags(batch))).id())
                .isEqualTo(older);
    }

    /** Listings that looked for a folder of that name. */
    private static long listingsOf(String name) {
        return fake.calls(Endpoint.LIST).stream()
                .filter(call -> Optional.ofNullable(call.query().get("q")).orElse("").startsWith("name = '" + name + "'"))
                .count();
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(AWAIT);
    }

    private static Throwable awaitFailure(Uni<?> uni) {
        return uni.map(ignored -> (Throwable) null).onFailure().recoverWithItem(failure -> failure).await().atMost(AWAIT);
    }
}
