-- Rollback of V6__drive_summary_and_stop_reason.sql
ALTER TABLE batch_drive_metadata DROP CONSTRAINT IF EXISTS check_summary_upload_status;
ALTER TABLE batch_drive_metadata DROP COLUMN IF EXISTS upload_error;
ALTER TABLE batch_drive_metadata DROP COLUMN IF EXISTS summary_file_url;
ALTER TABLE batch_drive_metadata DROP COLUMN IF EXISTS summary_file_id;
ALTER TABLE batch_drive_metadata DROP COLUMN IF EXISTS summary_upload_status;
