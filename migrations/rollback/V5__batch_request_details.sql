-- Rollback of V5__batch_request_details.sql
ALTER TABLE batch_report_files DROP CONSTRAINT IF EXISTS uq_batch_files_order;
ALTER TABLE batch_report_files DROP COLUMN IF EXISTS processing_time_ms;
ALTER TABLE batch_report_files DROP COLUMN IF EXISTS storage_key;
ALTER TABLE batch_report_files DROP COLUMN IF EXISTS error_code;
ALTER TABLE batch_report_files DROP COLUMN IF EXISTS original_file_name;
DROP INDEX IF EXISTS idx_batch_reports_expires_at;
DROP INDEX IF EXISTS uq_batch_reports_idempotency_key;
ALTER TABLE batch_reports DROP COLUMN IF EXISTS drive_folder_name;
ALTER TABLE batch_reports DROP COLUMN IF EXISTS options;
ALTER TABLE batch_reports DROP COLUMN IF EXISTS idempotency_key;
