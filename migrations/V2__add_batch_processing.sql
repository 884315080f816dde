-- Seed 000 (multi-file upload), migration 2025_01_22_add_batch_processing, as written.
-- Adaptations:
--   * No BEGIN/COMMIT: Flyway runs every migration in its own transaction.
--   * No IF [NOT] EXISTS: Flyway's history decides what runs, and a half-existing schema should fail loudly.
CREATE TABLE batch_reports (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    total_files INTEGER NOT NULL,
    successful_files INTEGER NOT NULL DEFAULT 0,
    failed_files INTEGER NOT NULL DEFAULT 0,
    processing_time_ms INTEGER,
    summary_data JSONB,
    status VARCHAR(20) NOT NULL DEFAULT 'processing',
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    expires_at TIMESTAMP WITH TIME ZONE DEFAULT (CURRENT_TIMESTAMP + INTERVAL '24 hours'),

    CONSTRAINT check_file_counts
        CHECK (successful_files + failed_files <= total_files),
    CONSTRAINT check_status
        CHECK (status IN ('processing', 'completed', 'partial', 'failed'))
);

CREATE TABLE batch_report_files (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    batch_id UUID NOT NULL,
    report_id UUID,  -- NULL if file failed processing
    file_name VARCHAR(255) NOT NULL,
    file_size INTEGER,
    file_type VARCHAR(10),
    processing_status VARCHAR(20) NOT NULL,
    error_message TEXT,
    processing_order INTEGER NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT fk_batch
        FOREIGN KEY (batch_id) REFERENCES batch_reports(id) ON DELETE CASCADE,
    CONSTRAINT fk_report
        FOREIGN KEY (report_id) REFERENCES reports(id) ON DELETE CASCADE,
    CONSTRAINT check_processing_status
        CHECK (processing_status IN ('pending', 'processing', 'success', 'failed'))
);

ALTER TABLE reports
    ADD COLUMN batch_id UUID,
    ADD CONSTRAINT fk_reports_batch
        FOREIGN KEY (batch_id) REFERENCES batch_reports(id) ON DELETE SET NULL;

CREATE INDEX idx_batch_reports_created_at ON batch_reports(created_at DESC);
CREATE INDEX idx_batch_reports_status ON batch_reports(status);
CREATE INDEX idx_batch_summary_data ON batch_reports USING GIN (summary_data);
CREATE INDEX idx_batch_files_batch_id ON batch_report_files(batch_id);
CREATE INDEX idx_batch_files_report_id ON batch_report_files(report_id);
CREATE INDEX idx_batch_files_status ON batch_report_files(processing_status);
CREATE INDEX idx_reports_batch_id ON reports(batch_id);
