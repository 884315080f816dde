package dev.debrief.drive;

import dev.debrief.common.FreshContexts;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Archives a batch in Drive: finds or makes its folder, uploads every file and then summary.json with the class
 * report beside it, keeps the bookkeeping, and tells the plan's {@link DriveProgress} of each upload as it settles. Drive calls go through {@link DriveCalls} (bounded, paced, each call retried on its own); each
 * bookkeeping write is its own short transaction on a fresh context, so no transaction is ever open while Drive
 * is being called.
 *
 * <p>A retry never makes a second copy: every upload carries app properties naming the batch and the file, and
 * before any retry the folder is asked for a file with those tags. A quota or credentials failure stops the
 * batch: the files still waiting fail at once with that reason. A call that fails only in ways worth retrying
 * until its attempts run out fails nothing for good: what it was for stays pending, with the reason, the round
 * ends with the batch's Drive status pending, and the resume job takes the archive up again after a wait that
 * grows with each round ({@link ResumeBackoff}).
 *
 * <p>The bookkeeping, which GET shows, says why in our own words ({@link DriveErrors#forCallers}); Google's error
 * text, which may name accounts or internals, is only logged, with the batch id, for operators.
 */
@ApplicationScoped
public class DriveArchiver {

    private static final Logger LOG = Logger.getLogger(DriveArchiver.class);
    static final String TAG_BATCH = "debrief_batch_id";
    static final String TAG_FILE = "debrief_file_id";
    static final String TAG_KIND = "debrief_kind";
    static final String SUMMARY_NAME = "summary.json";
    static final String CLASS_REPORT_NAME = "class-report.pdf";

    static final String TRIED_AGAIN = "; tried again when the archive resumes";

    /** What Drive refused, as the callers' wording reads it after "refused". */
    private static final String UPLOAD = "the upload";
    private static final String FOLDER = "to make the batch's folder";
    private static final String SHARE = "to share the file";

    private final DriveAccess access;
    private final DriveCalls calls;
    private final DriveFolders folders;
    private final DriveStore store;
    private final FreshContexts contexts;
    private final DriveConfig config;
    private final ResumeBackoff resumeBackoff;

    DriveArchiver(DriveAccess access, DriveCalls calls, DriveFolders folders, DriveStore store, FreshContexts contexts,
                  DriveConfig config) {
        this.access = access;
        this.calls = calls;
        this.folders = folders;
        this.store = store;
        this.contexts = contexts;
        this.config = config;
        this.resumeBackoff = ResumeBackoff.of(config);
    }

    /**
     * Runs the plan to its end; answers the batch's Drive status, pending when the round left work for a later
     * one. Never fails: the outcome is in the database.
     */
    public Uni<String> archive(DrivePlan plan, String requestId) {
        Run run = new Run(plan, requestId, access.gateway().orElseThrow(() -> new IllegalStateException("Drive is not configured")));
        return run.folder()
                // The folder's row is written while the first files are already on their way.
                .chain(folder -> Uni.combine().all().unis(run.recordFolder(folder), run.files(folder), run.summary(folder))
                        .discardItems())
                .onFailure().recoverWithUni(run::stopAll)
                .chain(run::settle)
                .invoke(status -> LOG.infof("Batch %s: Drive archive %s", plan.batchId(), status))
                .onFailure().recoverWithItem(failure -> {
                    LOG.errorf(failure, "Batch %s: Drive bookkeeping failed", plan.batchId());
                    return DriveFileRecord.FAILED;
                });
    }

    /** The batch's planned Drive rows, written in the caller's transaction (the batch's own). */
    public Uni<Void> plan(DriveFolderRecord folder, List<DriveFileRecord> files) {
        return store.persistPlanned(folder, files);
    }

    /** Bookkeeping older than this shows an archive whose process stopped (debrief.drive.stale-after). */
    public OffsetDateTime staleBefore() {
        return store.now().minus(config.staleAfter());
    }

    /**
     * Which of these archives (all under way, none settled) the resume job may take up now: those idle for their
     * {@link ResumeBackoff} wait. Each comes with the bound its retry claim must check (no bookkeeping after it),
     * never later than {@link #staleBefore()}, so an archive still running is never claimed. One session, on the
     * caller's context.
     */
    public Uni<Map<UUID, OffsetDateTime>> resumableNow(List<UUID> batchIds) {
        return store.progress(batchIds).map(progress -> {
            OffsetDateTime now = store.now();
            Map<UUID, OffsetDateTime> due = new LinkedHashMap<>();
            for (UUID batchId : batchIds) {
                DriveStore.Progress archive = progress.get(batchId);
                if (archive != null && !resumeBackoff.resumeAt(archive.start(), archive.lastMoved()).isAfter(now)) {
                    due.put(batchId, now.minus(resumeBackoff.waitAfter(archive.start(), archive.lastMoved())));
                }
            }
            return due;
        });
    }

    /**
     * From when a retry of this unsettled archive can be claimed: once its bookkeeping has not moved for
     * debrief.drive.stale-after. One session, on the caller's context.
     */
    public Uni<OffsetDateTime> retryClaimableFrom(UUID batchId) {
        return store.progress(List.of(batchId)).map(progress -> Optional.ofNullable(progress.get(batchId))
                .map(archive -> archive.lastMoved().plus(config.staleAfter()))
                .orElseGet(store::now));
    }

    /**
     * Reopens an archive its batch claimed for a retry: what is not in Drive yet goes back to pending. One
     * transaction, on the caller's context.
     */
    public Uni<RetryClaim> reopen(UUID batchId) {
        return store.reopen(batchId);
    }

    /** @param files the batch files to upload again; @param summary whether summary.json goes again too */
    public record RetryClaim(List<UUID> files, boolean summary) {
    }

    /** One batch's archiving round and what it has learnt so far (the batch-stopping failure, if any). */
    private final class Run {
        private final DrivePlan plan;
        private final String requestId;
        private final DriveGateway gateway;
        private final AtomicReference<DriveCallException> stopped = new AtomicReference<>();
        private final AtomicBoolean stopBooked = new AtomicBoolean();
        /** The first call that ran out of attempts on transient failures: the round leaves work for a later one. */
        private final AtomicReference<DriveCallException> waiting = new AtomicReference<>();

        Run(DrivePlan plan, String requestId, DriveGateway gateway) {
            this.plan = plan;
            this.requestId = requestId;
            this.gateway = gateway;
        }

        <T> Uni<T> db(Supplier<Uni<T>> work) {
            return contexts.run(requestId, work);
        }

        Uni<DriveFolder> folder() {
            return folders.path(gateway, plan.folderSegments(), plan.batchId());
        }

        Uni<Void> recordFolder(DriveFolder folder) {
            return db(() -> store.recordFolder(plan.batchId(), folder));
        }

        Uni<Void> files(DriveFolder folder) {
            if (plan.uploads().isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            // Twice the bound per batch: while a worker's call is answered and booked, the next file of the batch
            // already waits in the pool's queue, so no worker idles between files. The shared pool is what bounds
            // the calls in flight, for all batches together; this only keeps one batch from flooding its queue.
            return Multi.createFrom().iterable(plan.uploads())
                    .onItem().transformToUni(upload -> file(folder, upload)).merge(2 * Math.max(1, config.concurrency()))
                    .collect().last().replaceWithVoid();
        }

        private Uni<Void> file(DriveFolder folder, DrivePlan.Upload upload) {
            Map<String, String> tags = Map.of(TAG_BATCH, plan.batchId().toString(), TAG_FILE, upload.fileId().toString());
            return calls.withRetries("upload " + upload.name(), attempt -> unlessStopped().chain(() -> {
                        Uni<DriveFile> sent = earlierCopy(folder, tags, attempt)
                                .chain(found -> found.isPresent() ? Uni.createFrom().item(found.get())
                                        : calls.once(() -> unlessStoppedNow(() -> gateway.upload(folder.id(), upload.name(),
                                                upload.mimeType(), upload.content(), tags))));
                        // The attempt is booked while the call is on its way, off the call's critical path; both end
                        // before the outcome is written, so "uploading" never lands after it.
                        return Uni.combine().all().unis(db(() -> store.markUploading(upload.fileId())), sent)
                                .collectFailures().asTuple().map(both -> both.getItem2());
                    }))
                    .chain(uploaded -> share(uploaded).chain(note -> db(() -> store.recordUploaded(upload.fileId(), uploaded, note))
                            .chain(() -> tell(upload, DriveFileRecord.COMPLETED, uploaded, note))))
                    .onFailure().recoverWithUni(failure -> {
                        DriveCallException classified = DriveErrors.classify(failure);
                        logFailure("upload of " + upload.name() + " (file " + upload.fileId() + ")", classified);
                        if (classified.retryable() && stopped.get() == null) {
                            waiting.compareAndSet(null, classified);
                            String note = told(classified, UPLOAD) + TRIED_AGAIN;
                            return db(() -> store.recordWaiting(upload.fileId(), note))
                                    .chain(() -> tell(upload, DriveFileRecord.PENDING, null, note));
                        }
                        DriveCallException recorded = classified.retryable() ? notUploaded(stopped.get()) : classified;
                        String error = told(recorded, UPLOAD);
                        return stopIfFatal(recorded).chain(() -> db(() -> store.recordFailed(upload.fileId(), error)))
                                .chain(failedNow -> failedNow ? tell(upload, DriveFileRecord.FAILED, null, error) : Uni.createFrom().voidItem());
                    });
        }

        /**
         * summary.json, once the batch's summary exists, and the class report beside it: one attempt sends both, each
         * tagged like the files, so a repeat finds what already landed and never makes a second copy.
         */
        Uni<Void> summary(DriveFolder folder) {
            if (plan.summary() == null) {
                return Uni.createFrom().voidItem();
            }
            return plan.summary().chain(documents -> documents.isEmpty() ? Uni.createFrom().voidItem() : summary(folder, documents.get()));
        }

        private Uni<Void> summary(DriveFolder folder, DrivePlan.Summary documents) {
            List<String> names = documents.classReportPdf() == null ? List.of(SUMMARY_NAME) : List.of(SUMMARY_NAME, CLASS_REPORT_NAME);
            return calls.withRetries("upload " + String.join(" and ", names), attempt -> unlessStopped()
                            .chain(() -> db(() -> store.recordSummary(plan.batchId(), DriveFileRecord.UPLOADING, null, null, null)))
                            .chain(() -> document(folder, "summary", SUMMARY_NAME, "application/json", documents.json(), attempt))
                            .chain(json -> documents.classReportPdf() == null ? Uni.createFrom().item(new Landed(json, null))
                                    : document(folder, "class-report", CLASS_REPORT_NAME, "application/pdf",
                                            documents.classReportPdf(), attempt).map(pdf -> new Landed(json, pdf))))
                    .chain(landed -> db(() -> store.recordSummary(plan.batchId(), DriveFileRecord.COMPLETED, landed.json(),
                                    landed.classReport(), null))
                            .chain(() -> tellAll(landed.completed())))
                    .onFailure().recoverWithUni(failure -> {
                        DriveCallException classified = DriveErrors.classify(failure);
                        logFailure("upload of " + SUMMARY_NAME, classified);
                        if (classified.retryable() && stopped.get() == null) {
                            waiting.compareAndSet(null, classified);
                            String note = SUMMARY_NAME + ": " + told(classified, UPLOAD) + TRIED_AGAIN;
                            return db(() -> store.recordSummary(plan.batchId(), DriveFileRecord.PENDING, null, null, note))
                                    .chain(() -> tellAll(unsent(names, DriveFileRecord.PENDING, note)));
                        }
                        DriveCallException recorded = classified.retryable() ? notUploaded(stopped.get()) : classified;
                        String error = SUMMARY_NAME + ": " + told(recorded, UPLOAD);
                        return stopIfFatal(recorded)
                                .chain(() -> db(() -> store.recordSummary(plan.batchId(), DriveFileRecord.FAILED, null, null, error)))
                                .chain(() -> tellAll(unsent(names, DriveFileRecord.FAILED, error)));
                    });
        }

        /** The summary documents an attempt left in Drive; {@code classReport} null when there was none to send. */
        private record Landed(DriveFile json, DriveFile classReport) {

            List<DriveProgress.DriveUpload> completed() {
                DriveProgress.DriveUpload summary = new DriveProgress.DriveUpload(null, SUMMARY_NAME, DriveFileRecord.COMPLETED, json, null);
                return classReport == null ? List.of(summary) : List.of(summary,
                        new DriveProgress.DriveUpload(null, CLASS_REPORT_NAME, DriveFileRecord.COMPLETED, classReport, null));
            }
        }

        /** One summary document: the copy an earlier attempt left, or a new upload. */
        private Uni<DriveFile> document(DriveFolder folder, String kind, String name, String mimeType, byte[] content, int attempt) {
            Map<String, String> tags = Map.of(TAG_BATCH, plan.batchId().toString(), TAG_KIND, kind);
            return earlierCopy(folder, tags, attempt).chain(found -> found.isPresent() ? Uni.createFrom().item(found.get())
                    : calls.once(() -> unlessStoppedNow(() -> gateway.uploadBytes(folder.id(), name, mimeType, content, tags))));
        }

        private Uni<Void> tell(DrivePlan.Upload upload, String status, DriveFile file, String note) {
            return tell(new DriveProgress.DriveUpload(upload.fileId(), upload.name(), status, file, note));
        }

        /** The summary documents, none of them in Drive: each told with the same status and reason. */
        private List<DriveProgress.DriveUpload> unsent(List<String> names, String status, String reason) {
            return names.stream().map(name -> new DriveProgress.DriveUpload(null, name, status, null, reason)).toList();
        }

        private Uni<Void> tellAll(List<DriveProgress.DriveUpload> uploads) {
            return Multi.createFrom().iterable(uploads).onItem().transformToUniAndConcatenate(this::tell).collect().last().replaceWithVoid();
        }

        /**
         * The plan's listener hears of an upload after its bookkeeping: a listener that fails is logged and changes
         * nothing in Drive or in the bookkeeping (GET still shows the upload).
         */
        private Uni<Void> tell(DriveProgress.DriveUpload upload) {
            return db(() -> plan.progress().settled(upload)).onFailure().recoverWithItem(failure -> {
                LOG.warnf(failure, "Batch %s: the %s upload of %s was booked but not told", plan.batchId(), upload.status(), upload.name());
                return null;
            });
        }

        /**
         * The folder or the bookkeeping failed before any file could go. A folder that Drive only kept failing to
         * make leaves everything waiting for a later round; any other failure fails everything still waiting.
         */
        Uni<Void> stopAll(Throwable failure) {
            DriveCallException classified = DriveErrors.classify(failure);
            if (classified.retryable()) {
                LOG.warnf("Batch %s: Drive folder not made yet, the archive will resume: %s", plan.batchId(), classified.getMessage());
                waiting.compareAndSet(null, classified);
                return db(() -> store.noteWaiting(plan.batchId(),
                        "Not uploaded yet: the batch's folder could not be made: " + told(classified, FOLDER) + TRIED_AGAIN));
            }
            LOG.warnf("Batch %s: Drive archive stopped: %s", plan.batchId(), classified.getMessage());
            return failTheRest(told(classified, FOLDER), told(classified, FOLDER));
        }

        /**
         * The round's outcome. After a stop nothing is left waiting (a file that ran out of attempts as the stop
         * was being booked is failed with the others); a round that left work waiting is pending, and the folder
         * row says why and from when it resumes.
         */
        Uni<String> settle() {
            DriveCallException stop = stopped.get();
            if (stop != null) {
                return failTheRest(told(notUploaded(stop), UPLOAD), told(stop, UPLOAD)).chain(() -> db(() -> store.outcome(plan.batchId())));
            }
            DriveCallException left = waiting.get();
            if (left == null) {
                return db(() -> store.outcome(plan.batchId()));
            }
            LOG.warnf("Batch %s: Drive round ran out of attempts (%s); the archive waits to resume", plan.batchId(), left.getMessage());
            // left may be the folder's failure rather than an upload's: a retryable failure's words name no action
            return db(() -> store.recordResumable(plan.batchId(), told(left, UPLOAD), resumeBackoff)).replaceWith(DriveFileRecord.PENDING);
        }

        /** Every file still waiting fails with {@code fileError}; the batch keeps {@code batchError} as its reason. */
        private Uni<Void> failTheRest(String fileError, String batchError) {
            return db(() -> store.failWaiting(plan.batchId(), fileError))
                    .chain(this::tellAll)
                    .chain(() -> db(() -> store.recordBatchError(plan.batchId(), batchError)));
        }

        /** A call of its own, with its own attempts: its failures never spend the upload's. */
        private Uni<Optional<DriveFile>> earlierCopy(DriveFolder folder, Map<String, String> tags, int attempt) {
            if (attempt == 1 && !plan.checkFirst()) {
                return Uni.createFrom().item(Optional.empty());
            }
            return calls.call("look for an earlier copy in " + folder.id(), () -> gateway.findTagged(folder.id(), tags));
        }

        /** The note stored with the file when sharing did not work; null when it did or was not asked for. */
        private Uni<String> share(DriveFile file) {
            if (!config.shareWithAnyoneWithLink()) {
                return Uni.createFrom().nullItem();
            }
            return calls.call("share " + file.id(), () -> {
                        gateway.grantAnyoneReader(file.id());
                        return Boolean.TRUE;
                    })
                    .replaceWith((String) null)
                    .onFailure().recoverWithItem(failure -> {
                        DriveCallException classified = DriveErrors.classify(failure);
                        logFailure("sharing of " + file.id(), classified);
                        return "Uploaded, but not shared with anyone with the link: " + told(classified, SHARE);
                    });
        }

        /**
         * Google's words for operators: the message keeps what Drive said, which callers never see. A file that was
         * not sent because the batch had stopped has nothing of Google's to add.
         */
        private void logFailure(String what, DriveCallException failure) {
            if (!(failure instanceof NotUploaded)) {
                LOG.warnf("Batch %s: %s failed (%s): %s", plan.batchId(), what, failure.reason(), failure.getMessage());
            }
        }

        private Uni<Void> unlessStopped() {
            DriveCallException stop = stopped.get();
            return stop == null ? Uni.createFrom().voidItem() : Uni.createFrom().failure(notUploaded(stop));
        }

        /**
         * Checked again on the worker, right before the call: a file may have waited in the pool's queue while
         * another file of the batch hit the quota. A batch-stopping answer raises the flag here, on the worker,
         * so the files queued behind it see it before the failure has travelled back through the pipeline and
         * its bookkeeping (which takes as long as the database does).
         */
        private <T> T unlessStoppedNow(Supplier<T> call) {
            DriveCallException stop = stopped.get();
            if (stop != null) {
                throw notUploaded(stop);
            }
            try {
                return call.get();
            } catch (RuntimeException failure) {
                DriveCallException classified = DriveErrors.classify(failure);
                if (classified.kind() == DriveCallException.Kind.FATAL_FOR_BATCH) {
                    stopped.compareAndSet(null, classified);
                }
                throw classified;
            }
        }

        private DriveCallException notUploaded(DriveCallException stop) {
            return new NotUploaded(stop);
        }

        /** The first batch-stopping failure fails every file still waiting, at once, and is booked once. */
        private Uni<Void> stopIfFatal(DriveCallException failure) {
            if (failure.kind() != DriveCallException.Kind.FATAL_FOR_BATCH) {
                return Uni.createFrom().voidItem();
            }
            stopped.compareAndSet(null, failure);
            if (!stopBooked.compareAndSet(false, true)) {
                return Uni.createFrom().voidItem();
            }
            DriveCallException first = stopped.get();
            LOG.warnf("Batch %s: Drive uploads stopped: %s", plan.batchId(), first.getMessage());
            return failTheRest(told(notUploaded(first), UPLOAD), told(first, UPLOAD));
        }
    }

    /** A file or summary.json not sent because another call stopped the batch. */
    private static final class NotUploaded extends DriveCallException {
        private final DriveCallException stop;

        NotUploaded(DriveCallException stop) {
            super(Kind.FATAL_FOR_BATCH, stop.reason(), stop.status().orElse(null), null,
                    "Not uploaded: the batch's uploads stopped on " + stop.getMessage(), stop);
            this.stop = stop;
        }
    }

    /** What callers are told: the code first, so clients can match on it, then our words for people. */
    static String told(DriveCallException failure, String what) {
        if (failure instanceof NotUploaded notUploaded) {
            return "Not uploaded: the batch's uploads stopped on " + told(notUploaded.stop, what);
        }
        return DriveErrors.forCallers(failure, what);
    }
}
