package dev.debrief.drive;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Finds or makes a batch's folder, one Drive call at a time. Looking for a segment, creating it and looking for an
 * older twin are separate calls through {@link DriveCalls}, each with attempts of its own: a create that keeps
 * failing never spends the attempts of the listing before it, and never sends the whole sequence round again.
 *
 * <p>A create tried again first looks for the folder (a call of its own): the previous create may have landed with
 * its answer lost, and a second one would make a twin. After a create the oldest folder of that name wins, so two
 * processes that made it at the same time both settle on one. Within this process, callers who want the same
 * folder at the same time (batches of the same day) share one find-or-create rather than race.
 *
 * <p>Only folders the service made are ever found: every folder is tagged (app properties) when it is made, and a
 * find asks for the tags. The batch's own folder, the last segment, carries the batch's id, so a name a client
 * chose ({@code drive_folder_name}) can never lead to a folder made for another batch or by someone else, and two
 * batches that chose the same name get a folder each. The segments above it are shared by every batch (the day's
 * folder), so they carry no batch id but {@code debrief_kind=folder}. With the drive.file scope Drive already hides
 * what the service did not make; the tag on shared folders still keeps out a folder made by hand, or given to the
 * service, when the credentials reach further (a fixed token, an operator who granted more). Folders made before
 * they were tagged are not reused: tagged ones are made beside them, once.
 */
@ApplicationScoped
class DriveFolders {

    private final DriveCalls calls;
    private final ConcurrentMap<Key, Uni<DriveFolder>> inFlight = new ConcurrentHashMap<>();

    DriveFolders(DriveCalls calls) {
        this.calls = calls;
    }

    /** Tags of a folder shared by batches: one of the segments above a batch's own folder. */
    static final Map<String, String> SHARED_FOLDER_TAGS = Map.of(DriveArchiver.TAG_KIND, "folder");

    /** Tags of the batch's own folder, the last segment of its path. */
    static Map<String, String> batchFolderTags(UUID batchId) {
        return Map.of(DriveArchiver.TAG_KIND, "batch_folder", DriveArchiver.TAG_BATCH, batchId.toString());
    }

    /** The batch's folder at {@code segments} from the top, each segment found or made in turn. */
    Uni<DriveFolder> path(DriveGateway gateway, List<String> segments, UUID batchId) {
        Uni<DriveFolder> chain = Uni.createFrom().nullItem();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            Map<String, String> tags = i == segments.size() - 1 ? batchFolderTags(batchId) : SHARED_FOLDER_TAGS;
            chain = chain.chain(parent -> findOrCreate(gateway, parent == null ? null : parent.id(), segment, tags));
        }
        return chain;
    }

    /**
     * The oldest folder {@code name} under {@code parentId} (null: the root) carrying {@code tags}, made with them if
     * there is none.
     */
    Uni<DriveFolder> findOrCreate(DriveGateway gateway, String parentId, String name, Map<String, String> tags) {
        Key key = new Key(gateway, parentId, name, Map.copyOf(tags));
        return Uni.createFrom().deferred(() -> inFlight.computeIfAbsent(key, ignored -> {
            AtomicReference<Uni<DriveFolder>> self = new AtomicReference<>();
            // Leaves the map as it ends, so the next caller looks again (the folder may be trashed meanwhile).
            Uni<DriveFolder> shared = findOrCreateNow(gateway, parentId, name, tags)
                    .onTermination().invoke(() -> inFlight.remove(key, self.get()))
                    .memoize().indefinitely();
            self.set(shared);
            return shared;
        }));
    }

    private Uni<DriveFolder> findOrCreateNow(DriveGateway gateway, String parentId, String name, Map<String, String> tags) {
        return find(gateway, parentId, name, tags).chain(found -> found.isPresent()
                ? Uni.createFrom().item(found.get())
                : create(gateway, parentId, name, tags));
    }

    private Uni<DriveFolder> create(DriveGateway gateway, String parentId, String name, Map<String, String> tags) {
        return calls.withRetries("create folder " + name, attempt -> (attempt == 1
                        ? Uni.createFrom().item(Optional.<DriveFolder>empty())
                        : find(gateway, parentId, name, tags))
                .chain(landed -> landed.isPresent()
                        // found by a listing, so already the oldest
                        ? Uni.createFrom().item(landed.get())
                        : calls.once(() -> gateway.createFolder(parentId, name, tags))
                                .chain(created -> oldest(gateway, parentId, name, tags, created))));
    }

    /** Never fails: the folder just made exists and will do, should the look for an older twin fail. */
    private Uni<DriveFolder> oldest(DriveGateway gateway, String parentId, String name, Map<String, String> tags,
                                    DriveFolder created) {
        return find(gateway, parentId, name, tags)
                .map(found -> found.orElse(created))
                .onFailure().recoverWithItem(created);
    }

    private Uni<Optional<DriveFolder>> find(DriveGateway gateway, String parentId, String name, Map<String, String> tags) {
        return calls.call("find folder " + name, () -> gateway.findFolder(parentId, name, tags));
    }

    private record Key(DriveGateway gateway, String parentId, String name, Map<String, String> tags) {
    }
}
