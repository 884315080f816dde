package dev.debrief.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.debrief.access.Caller;
import dev.debrief.drive.DriveFileRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A batch of uploaded reports (table batch_reports, seed 000 plus seed 002's batch_jobs columns). */
@Entity
@Table(name = "batch_reports")
public class Batch {

    public static final String PROCESSING = "processing";
    public static final String COMPLETED = "completed";
    public static final String PARTIAL = "partial";
    public static final String FAILED = "failed";

    @Id
    public UUID id;

    /** The school that owns the batch: every read of it, and of anything of it, is filtered by this. */
    @Column(name = "school_id", updatable = false)
    public String schoolId;

    /** The subject of the token that created the batch. */
    @Column(name = "created_by", updatable = false)
    public String createdBy;

    @Column(name = "total_files")
    public int totalFiles;

    @Column(name = "successful_files")
    public int successfulFiles;

    @Column(name = "failed_files")
    public int failedFiles;

    @Column(name = "processing_time_ms")
    public Integer processingTimeMs;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "summary_data")
    public JsonNode summaryData;

    public String status;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Column(name = "drive_integration_enabled")
    public boolean driveIntegrationEnabled;

    @Column(name = "drive_upload_status")
    public String driveUploadStatus;

    @Column(name = "drive_folder_pattern")
    public String driveFolderPattern;

    @Column(name = "drive_folder_name")
    public String driveFolderName;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    /** SHA-256 of what a request with an Idempotency-Key sent; a repeat with other content is refused. */
    @Column(name = "request_fingerprint", updatable = false)
    public String requestFingerprint;

    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode options;

    /*
     * The lease (see BatchLeases) is written only by its own statements: as read-only columns here, a batch
     * loaded earlier and saved later never writes back a lease or attempt count that changed in between.
     */
    @Column(name = "processing_lease_until", updatable = false)
    public OffsetDateTime processingLeaseUntil;

    /** Which process reads the batch: 1 for the one that received it, one more for each takeover. */
    @Column(name = "processing_attempts", updatable = false)
    public int processingAttempts = 1;

    /**
     * A batch as its request creates it: every file of the request will be a file row (refused ones included),
     * so the count is known before staging; the lease is this process's from the start.
     */
    static Batch create(UUID id, Caller owner, BatchRequest request, JsonNode options, String drivePattern, String fingerprint,
                        OffsetDateTime now, BatchConfig config) {
        Batch batch = new Batch();
        batch.id = id;
        batch.schoolId = owner.school();
        batch.createdBy = owner.subject();
        batch.totalFiles = request.files().size();
        batch.status = PROCESSING;
        batch.createdAt = now;
        batch.expiresAt = now.plus(config.lifetime());
        batch.processingLeaseUntil = now.plus(config.lease());
        batch.driveIntegrationEnabled = request.driveUpload();
        batch.driveUploadStatus = request.driveUpload() ? DriveFileRecord.PENDING : "not_requested";
        batch.driveFolderPattern = request.driveUpload() ? drivePattern : null;
        batch.driveFolderName = request.driveFolderName();
        batch.idempotencyKey = request.idempotencyKey();
        batch.requestFingerprint = fingerprint;
        batch.options = options;
        return batch;
    }

    boolean processing() {
        return PROCESSING.equals(status);
    }

    /** Processes that gave the batch back on a graceful shutdown; not crashes (see BatchLeases). */
    @Column(name = "processing_handbacks", insertable = false, updatable = false)
    public int processingHandbacks;

    public boolean expired(OffsetDateTime now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** The batch status the seed's CHECK allows once every file has an outcome. */
    static String finalStatus(int succeeded, int failed) {
        if (failed == 0) {
            return COMPLETED;
        }
        return succeeded == 0 ? FAILED : PARTIAL;
    }
}
