package dev.debrief.drive;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One batch file's way into Drive (table batch_file_drive_metadata, seed 002). */
@Entity
@Table(name = "batch_file_drive_metadata")
public class DriveFileRecord extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String UPLOADING = "uploading";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    @Id
    public UUID id;

    @Column(name = "batch_id")
    public UUID batchId;

    @Column(name = "batch_file_id")
    public UUID batchFileId;

    @Column(name = "original_filename")
    public String originalFilename;

    @Column(name = "drive_file_id")
    public String driveFileId;

    @Column(name = "drive_file_url")
    public String driveFileUrl;

    @Column(name = "preview_url")
    public String previewUrl;

    @Column(name = "upload_status")
    public String uploadStatus;

    @Column(name = "upload_error")
    public String uploadError;

    public int attempts;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public static DriveFileRecord pending(UUID batchId, UUID batchFileId, String name, OffsetDateTime now) {
        DriveFileRecord record = new DriveFileRecord();
        record.id = UUID.randomUUID();
        record.batchId = batchId;
        record.batchFileId = batchFileId;
        record.originalFilename = name;
        record.uploadStatus = PENDING;
        record.createdAt = now;
        record.updatedAt = now;
        return record;
    }
}
