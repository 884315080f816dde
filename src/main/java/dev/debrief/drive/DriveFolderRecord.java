package dev.debrief.drive;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A batch's Drive folder and the state of its summary documents (table batch_drive_metadata, seed 002 + V6, V12). */
@Entity
@Table(name = "batch_drive_metadata")
public class DriveFolderRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "batch_id")
    public UUID batchId;

    @Column(name = "drive_folder_id")
    public String folderId;

    @Column(name = "drive_folder_url")
    public String folderUrl;

    /** The planned path, e.g. Debrief-Batches/2026-11-29/batch-…; known before the folder exists. */
    @Column(name = "drive_folder_path")
    public String folderPath;

    @Column(name = "summary_upload_status")
    public String summaryStatus;

    @Column(name = "summary_file_id")
    public String summaryFileId;

    @Column(name = "summary_file_url")
    public String summaryFileUrl;

    /** The class report PDF archived beside summary.json (V12). */
    @Column(name = "class_report_file_id")
    public String classReportFileId;

    @Column(name = "class_report_file_url")
    public String classReportFileUrl;

    @Column(name = "upload_error")
    public String uploadError;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public static DriveFolderRecord planned(UUID batchId, String folderPath, OffsetDateTime now) {
        DriveFolderRecord record = new DriveFolderRecord();
        record.id = UUID.randomUUID();
        record.batchId = batchId;
        record.folderPath = folderPath;
        record.createdAt = now;
        record.updatedAt = now;
        return record;
    }
}
