-- Seed 002 (batch Drive integration), version 2025-09-12-batch-drive-integration.
-- Adaptations (DOMAIN.md §1):
--   * Seed 002's batch_jobs IS our batch_reports: its three new columns are added to batch_reports,
--     with a CHECK on drive_upload_status listing the batch Drive states of API.md.
--   * batch_job_id VARCHAR(255) -> batch_id UUID, foreign key to batch_reports ON DELETE CASCADE;
--     batch_drive_metadata.batch_id is unique (one folder per batch).
--   * INTEGER AUTOINCREMENT ids -> UUID DEFAULT gen_random_uuid(); TIMESTAMP -> TIMESTAMP WITH TIME ZONE.
--   * batch_file_drive_metadata gains batch_file_id (unique, foreign key to batch_report_files) so a file is
--     matched by id, not by name; attempts counts upload tries; upload_status has a CHECK.
--   * batch_drive_metadata gains drive_folder_path, the folder path shown to users.
--   * The seed's index on batch_file_drive_metadata(batch_job_id) becomes an index on batch_id; the one on
--     batch_drive_metadata is served by its unique constraint.
ALTER TABLE batch_reports ADD COLUMN drive_integration_enabled BOOLEAN DEFAULT FALSE;
ALTER TABLE batch_reports ADD COLUMN drive_upload_status VARCHAR(50) DEFAULT 'not_requested';
ALTER TABLE batch_reports ADD COLUMN drive_folder_pattern VARCHAR(255);
ALTER TABLE batch_reports ADD CONSTRAINT check_drive_upload_status
    CHECK (drive_upload_status IN ('not_requested', 'pending', 'uploading', 'completed', 'partial', 'failed'));

CREATE TABLE batch_drive_metadata (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    batch_id UUID NOT NULL,
    drive_folder_id VARCHAR(255),
    drive_folder_url VARCHAR(500),
    drive_folder_path VARCHAR(1024),
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT uq_batch_drive_metadata_batch UNIQUE (batch_id),
    CONSTRAINT fk_batch_drive_metadata_batch
        FOREIGN KEY (batch_id) REFERENCES batch_reports(id) ON DELETE CASCADE
);

CREATE TABLE batch_file_drive_metadata (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    batch_id UUID NOT NULL,
    batch_file_id UUID NOT NULL,
    original_filename VARCHAR(255) NOT NULL,
    drive_file_id VARCHAR(255),
    drive_file_url VARCHAR(500),
    preview_url VARCHAR(500),
    upload_status VARCHAR(50) DEFAULT 'pending',
    upload_error TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT uq_batch_file_drive_metadata_file UNIQUE (batch_file_id),
    CONSTRAINT fk_batch_file_drive_metadata_batch
        FOREIGN KEY (batch_id) REFERENCES batch_reports(id) ON DELETE CASCADE,
    CONSTRAINT fk_batch_file_drive_metadata_file
        FOREIGN KEY (batch_file_id) REFERENCES batch_report_files(id) ON DELETE CASCADE,
    CONSTRAINT check_file_upload_status
        CHECK (upload_status IN ('pending', 'uploading', 'completed', 'failed')),
    CONSTRAINT check_file_upload_attempts CHECK (attempts >= 0)
);

CREATE INDEX idx_batch_file_drive_metadata_batch_id ON batch_file_drive_metadata(batch_id);
CREATE INDEX idx_batch_file_drive_metadata_status ON batch_file_drive_metadata(upload_status);
