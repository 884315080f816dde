-- What a batch request carries beyond the seed columns, so a batch can be processed (and later resumed)
-- from the database alone.
--   * idempotency_key: a repeated submit with the same key returns the first batch (unique while stored).
--   * options: the request's processing options as sent (processing_mode, generate_summary, ...).
--   * drive_folder_name: the caller's name for the last folder segment.
--   * batch_report_files.original_file_name: the name as uploaded; file_name (seed, 255) is the sanitised one.
--   * error_code: the machine-readable failure type; error_message (seed) stays the human sentence.
--   * storage_key: where the staged bytes live until the batch no longer needs them.
--   * processing_time_ms per file.
ALTER TABLE batch_reports ADD COLUMN idempotency_key VARCHAR(255);
ALTER TABLE batch_reports ADD COLUMN options JSONB NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE batch_reports ADD COLUMN drive_folder_name VARCHAR(100);
CREATE UNIQUE INDEX uq_batch_reports_idempotency_key ON batch_reports(idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX idx_batch_reports_expires_at ON batch_reports(expires_at);

ALTER TABLE batch_report_files ADD COLUMN original_file_name TEXT;
ALTER TABLE batch_report_files ADD COLUMN error_code VARCHAR(40);
ALTER TABLE batch_report_files ADD COLUMN storage_key VARCHAR(255);
ALTER TABLE batch_report_files ADD COLUMN processing_time_ms INTEGER;
ALTER TABLE batch_report_files ADD CONSTRAINT uq_batch_files_order UNIQUE (batch_id, processing_order);
