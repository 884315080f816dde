-- Rollback of V2__add_batch_processing.sql: seed 000's rollback script, without BEGIN/COMMIT.
ALTER TABLE reports DROP CONSTRAINT IF EXISTS fk_reports_batch;
ALTER TABLE reports DROP COLUMN IF EXISTS batch_id;

DROP TABLE IF EXISTS batch_report_files;
DROP TABLE IF EXISTS batch_reports;
