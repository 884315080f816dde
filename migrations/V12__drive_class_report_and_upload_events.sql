-- The class report PDF is archived beside summary.json, under the same summary status (V6): its Drive id and link
-- are kept on the batch's folder row next to summary.json's. Each Drive upload that settles (a file or one of the
-- summary documents landing, failing, or left for the next round) is an event of its own in the batch's log (V11).
ALTER TABLE batch_drive_metadata ADD COLUMN class_report_file_id VARCHAR(255);
ALTER TABLE batch_drive_metadata ADD COLUMN class_report_file_url VARCHAR(500);
ALTER TABLE batch_events DROP CONSTRAINT check_batch_event_kind;
ALTER TABLE batch_events ADD CONSTRAINT check_batch_event_kind
    CHECK (kind IN ('file', 'drive', 'drive_upload', 'summary', 'end'));
