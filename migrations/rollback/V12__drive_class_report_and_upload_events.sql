-- Rollback of V12__drive_class_report_and_upload_events.sql
-- The per-upload events go first: the older check does not admit them (a stream then shows the batch's Drive
-- status changes only, as before V12).
DELETE FROM batch_events WHERE kind = 'drive_upload';
ALTER TABLE batch_events DROP CONSTRAINT IF EXISTS check_batch_event_kind;
ALTER TABLE batch_events ADD CONSTRAINT check_batch_event_kind CHECK (kind IN ('file', 'drive', 'summary', 'end'));
ALTER TABLE batch_drive_metadata DROP COLUMN IF EXISTS class_report_file_url;
ALTER TABLE batch_drive_metadata DROP COLUMN IF EXISTS class_report_file_id;
