-- What Drive archiving needs beyond seed 002's tables (adaptations, DOMAIN.md §4):
--   * summary.json is uploaded into the batch folder too; seed 002 tracks only the batch's files, so the
--     summary's own upload (status, Drive id, link) is kept on the batch's folder row.
--   * upload_error on the folder row: why the batch's uploads stopped (the folder could not be made, or a
--     quota / credential failure stopped the rest), shown to clients beside the per-file errors.
ALTER TABLE batch_drive_metadata ADD COLUMN summary_upload_status VARCHAR(50);
ALTER TABLE batch_drive_metadata ADD COLUMN summary_file_id VARCHAR(255);
ALTER TABLE batch_drive_metadata ADD COLUMN summary_file_url VARCHAR(500);
ALTER TABLE batch_drive_metadata ADD COLUMN upload_error TEXT;
ALTER TABLE batch_drive_metadata ADD CONSTRAINT check_summary_upload_status
    CHECK (summary_upload_status IN ('pending', 'uploading', 'completed', 'failed'));
