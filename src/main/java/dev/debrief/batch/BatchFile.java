package dev.debrief.batch;

import dev.debrief.extraction.FailureType;
import dev.debrief.upload.StagedFile;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One uploaded file of a batch and what became of it (table batch_report_files). */
@Entity
@Table(name = "batch_report_files")
public class BatchFile {

    public static final String PENDING = "pending";
    public static final String PROCESSING = "processing";
    public static final String SUCCESS = "success";
    public static final String FAILED = "failed";

    @Id
    public UUID id;

    @Column(name = "batch_id")
    public UUID batchId;

    @Column(name = "report_id")
    public UUID reportId;

    /** Sanitised name, safe to store and show. */
    @Column(name = "file_name")
    public String fileName;

    @Column(name = "original_file_name")
    public String originalFileName;

    @Column(name = "file_size")
    public Integer fileSize;

    @Column(name = "file_type")
    public String fileType;

    @Column(name = "processing_status")
    public String processingStatus;

    @Column(name = "error_code")
    public String errorCode;

    @Column(name = "error_message")
    public String errorMessage;

    @Column(name = "processing_order")
    public int processingOrder;

    @Column(name = "processing_time_ms")
    public Integer processingTimeMs;

    /** Processes that started reading the file (written by its own statement, never by a save of the entity). */
    @Column(name = "read_attempts", insertable = false, updatable = false)
    public int readAttempts;

    @Column(name = "storage_key")
    public String storageKey;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    /** The row of a staged file: pending when it is to be read, failed at once when it was refused. */
    static BatchFile of(UUID batchId, StagedFile staged, OffsetDateTime now) {
        BatchFile file = new BatchFile();
        file.id = UUID.randomUUID();
        file.batchId = batchId;
        file.fileName = staged.safeName();
        file.originalFileName = staged.originalName();
        file.fileSize = (int) staged.size();
        file.fileType = staged.type().map(type -> type.wireName()).orElse(null);
        file.processingOrder = staged.processingOrder();
        file.storageKey = staged.storageKey();
        file.createdAt = now;
        staged.refusal().ifPresentOrElse(refusal -> {
            file.processingStatus = FAILED;
            file.errorCode = refusal.name();
            file.errorMessage = refusal == FailureType.EMPTY_FILE ? "The file is empty" : "Only PDF, PNG and JPEG files are read";
            file.processingTimeMs = 0;
        }, () -> file.processingStatus = PENDING);
        return file;
    }

    public boolean settled() {
        return SUCCESS.equals(processingStatus) || FAILED.equals(processingStatus);
    }
}
