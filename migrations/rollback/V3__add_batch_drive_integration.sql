-- Rollback of V3__add_batch_drive_integration.sql
DROP TABLE IF EXISTS batch_file_drive_metadata;
DROP TABLE IF EXISTS batch_drive_metadata;
ALTER TABLE batch_reports DROP CONSTRAINT IF EXISTS check_drive_upload_status;
ALTER TABLE batch_reports DROP COLUMN IF EXISTS drive_folder_pattern;
ALTER TABLE batch_reports DROP COLUMN IF EXISTS drive_upload_status;
ALTER TABLE batch_reports DROP COLUMN IF EXISTS drive_integration_enabled;
