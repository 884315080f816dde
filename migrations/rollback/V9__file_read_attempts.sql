-- Rollback of V9__file_read_attempts.sql
ALTER TABLE batch_reports DROP COLUMN IF EXISTS processing_handbacks;
ALTER TABLE batch_report_files DROP COLUMN IF EXISTS read_attempts;
