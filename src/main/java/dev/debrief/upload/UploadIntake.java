package dev.debrief.upload;

import dev.debrief.common.ApiProblem;
import dev.debrief.common.ErrorCode;
import dev.debrief.extraction.FailureType;
import dev.debrief.extraction.FileType;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The door of a batch: checks the request's limits before anything is read, then recognises every file by its
 * bytes and hands the accepted ones to the staging store. A file that is empty or of an unknown kind is
 * refused alone; a request with nothing acceptable at all is refused whole.
 */
@ApplicationScoped
public class UploadIntake {

    private static final Logger LOG = Logger.getLogger(UploadIntake.class);

    private final UploadConfig limits;
    private final StagingStore staging;

    UploadIntake(UploadConfig limits, StagingStore staging) {
        this.limits = limits;
        this.staging = staging;
    }

    /** Cheap checks on counts and sizes; no byte is read. */
    public void checkLimits(List<IncomingFile> files) {
        if (files.isEmpty()) {
            throw new ApiProblem(ErrorCode.NO_FILES_PROVIDED, "Send 1 to " + limits.maxFiles() + " files in the 'files' part",
                    Map.of("max_files", limits.maxFiles(), "provided_count", 0));
        }
        if (files.size() > limits.maxFiles()) {
            throw new ApiProblem(ErrorCode.TOO_MANY_FILES,
                    files.size() + " files sent; at most " + limits.maxFiles() + " are accepted",
                    Map.of("max_files", limits.maxFiles(), "provided_count", files.size()));
        }
        long total = files.stream().mapToLong(IncomingFile::size).sum();
        if (total > limits.maxRequestSize().asLongValue()) {
            throw new ApiProblem(ErrorCode.PAYLOAD_TOO_LARGE,
                    "The files add up to " + total + " bytes; at most " + limits.maxRequestSize().asLongValue() + " are accepted",
                    Map.of("max_request_size_bytes", limits.maxRequestSize().asLongValue(), "provided_size_bytes", total));
        }
        for (IncomingFile file : files) {
            if (file.size() > limits.maxFileSize().asLongValue()) {
                throw new ApiProblem(ErrorCode.FILE_TOO_LARGE,
                        "'" + file.originalName() + "' is " + file.size() + " bytes; at most "
                                + limits.maxFileSize().asLongValue() + " are accepted per file",
                        Map.of("file_name", String.valueOf(file.originalName()),
                                "max_file_size_bytes", limits.maxFileSize().asLongValue(), "file_size_bytes", file.size()));
            }
        }
    }

    /**
     * Recognises and stages every file (blocking: call on a worker thread). Processing order starts at 1. Refused
     * with 503 SERVICE_BUSY when the staging volume has less than its minimum free space, the same test as
     * readiness: better a batch refused at the door than a full disk under the batches already accepted. The
     * request's files are on that volume already (the HTTP layer writes them there, and keeping one is a rename),
     * so they are not counted a second time.
     */
    public List<StagedFile> stage(UUID batchId, List<IncomingFile> files) {
        if (!hasRoom()) {
            throw new ApiProblem(ErrorCode.SERVICE_BUSY, "The service is short of space for uploaded files; try again later",
                    Map.of(ApiProblem.RETRY_AFTER_SECONDS, 60));
        }
        List<StagedFile> staged = new ArrayList<>(files.size());
        try {
            for (int i = 0; i < files.size(); i++) {
                staged.add(stageOne(batchId, i + 1, files.get(i)));
            }
        } catch (IOException e) {
            discardQuietly(batchId);
            throw new UncheckedIOException("Could not stage the uploaded files", e);
        }
        if (staged.stream().noneMatch(StagedFile::accepted)) {
            discardQuietly(batchId);
            throw new ApiProblem(ErrorCode.NO_VALID_FILES, "None of the files is a PDF, PNG or JPEG with content",
                    Map.of("files", staged.stream().map(f -> Map.of("file_name", f.originalName(),
                            "error", f.refusal().orElseThrow().name())).toList()));
        }
        return staged;
    }

    /** Batches with staged bytes untouched since {@code before} (blocking): what the orphan sweep looks at. */
    public List<UUID> stagedUntouchedSince(Instant before) {
        try {
            return staging.stagedUntouchedSince(before);
        } catch (IOException e) {
            throw new UncheckedIOException("The staging directory cannot be listed", e);
        }
    }

    /** Whether the staging volume still has its minimum free space (blocking). */
    public boolean hasRoom() {
        try {
            return staging.usableSpace() >= limits.minFreeSpace().asLongValue();
        } catch (IOException e) {
            LOG.warnf(e, "Free space of the staging directory is unknown");
            return false;
        }
    }

    /** Removes the batch's staged bytes (blocking); a failure is logged and left to the purge of expired batches. */
    public void discardQuietly(UUID batchId) {
        try {
            staging.discard(batchId);
        } catch (IOException e) {
            LOG.warnf(e, "Staged bytes of batch %s were not removed; the purge will", batchId);
        }
    }

    /** {@link #discardQuietly} for each batch, on a worker thread: callable from the event loop. */
    public Uni<Void> discardInBackground(List<UUID> batchIds) {
        if (batchIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(() -> {
            batchIds.forEach(this::discardQuietly);
            return (Void) null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private StagedFile stageOne(UUID batchId, int order, IncomingFile file) throws IOException {
        String safeName = FileNames.sanitise(file.originalName(), order);
        if (file.size() == 0) {
            return refused(order, file, safeName, FailureType.EMPTY_FILE);
        }
        byte[] head = new byte[FileType.SNIFF_BYTES];
        int read;
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            read = in.readNBytes(head, 0, head.length);
        }
        Optional<FileType> type = FileType.sniff(head, read);
        if (type.isEmpty()) {
            return refused(order, file, safeName, FailureType.UNSUPPORTED_FILE_TYPE);
        }
        String key = staging.keep(batchId, order, file.uploadedFile());
        return new StagedFile(order, file.originalName(), safeName, file.size(), type, key, Optional.empty());
    }

    private static StagedFile refused(int order, IncomingFile file, String safeName, FailureType why) {
        return new StagedFile(order, file.originalName(), safeName, file.size(), Optional.empty(), null, Optional.of(why));
    }
}
