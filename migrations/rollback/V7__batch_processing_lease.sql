-- Rollback of V7__batch_processing_lease.sql
DROP INDEX IF EXISTS idx_batch_reports_processing_lease;
ALTER TABLE batch_reports DROP COLUMN IF EXISTS processing_attempts;
ALTER TABLE batch_reports DROP COLUMN IF EXISTS processing_lease_until;
