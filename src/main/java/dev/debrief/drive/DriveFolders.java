package dev.debrief.drive;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
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
 */
@ApplicationScoped
class DriveFolders {

    private final DriveCalls calls;
    private final ConcurrentMap<Key, Uni<DriveFolder>> inFlight = new ConcurrentHashMap<>();

    DriveFolders(DriveCalls calls) {
        this.calls = calls;
    }

    /** The folder at {@code segments} from the top, each segment found or made in turn. */
    Uni<DriveFolder> path(DriveGateway gateway, List<String> segments) {
        Uni<DriveFolder> chain = Uni.createFrom().nullItem();
        for (String segment : segments) {
            chain = chain.chain(parent -> findOrCreate(gateway, parent == null ? null : parent.id(), segment));
        }
        return chain;
    }

    /** The oldest folder {@code name} under {@code parentId} (null: the root), made if there is none. */
    Uni<DriveFolder> findOrCreate(DriveGateway gateway, String parentId, String name) {
        Key key = new Key(gateway, parentId, name);
        return Uni.createFrom().deferred(() -> inFlight.computeIfAbsent(key, ignored -> {
            AtomicReference<Uni<DriveFolder>> self = new AtomicReference<>();
            // Leaves the map as it ends, so the next caller looks again (the folder may be trashed meanwhile).
            Uni<DriveFolder> shared = findOrCreateNow(gateway, parentId, name)
                    .onTermination().invoke(() -> inFlight.remove(key, self.get()))
                    .memoize().indefinitely();
            self.set(shared);
            return shared;
        }));
    }

    private Uni<DriveFolder> findOrCreateNow(DriveGateway gateway, String parentId, String name) {
        return find(gateway, parentId, name).chain(found -> found.isPresent()
                ? Uni.createFrom().item(found.get())
                : create(gateway, parentId, name));
    }

    private Uni<DriveFolder> create(DriveGateway gateway, String parentId, String name) {
        return calls.withRetries("create folder " + name, attempt -> (attempt == 1
                        ? Uni.createFrom().item(Optional.<DriveFolder>empty())
                        : find(gateway, parentId, name))
                .chain(landed -> landed.isPresent()
                        // found by a listing, so already the oldest
                        ? Uni.createFrom().item(landed.get())
                        : calls.once(() -> gateway.createFolder(parentId, name))
                                .chain(created -> oldest(gateway, parentId, name, created))));
    }

    /** Never fails: the folder just made exists and will do, should the look for an older twin fail. */
    private Uni<DriveFolder> oldest(DriveGateway gateway, String parentId, String name, DriveFolder created) {
        return find(gateway, parentId, name)
                .map(found -> found.orElse(created))
                .onFailure().recoverWithItem(created);
    }

    private Uni<Optional<DriveFolder>> find(DriveGateway gateway, String parentId, String name) {
        return calls.call("find folder " + name, () -> gateway.findFolder(parentId, name));
    }

    private record Key(DriveGateway gateway, String parentId, String name) {
    }
}
