-- A batch's progress as a log clients can follow (GET /v1/batches/{id}/events) from any replica and resume without
-- gaps: one row per state change, numbered per batch. Each row is written in the transaction of the change it
-- describes, after taking the batch row's lock, so numbers are handed out in commit order: a reader that has seen
-- event n has seen every event before it. The batch feature writes it; rows go with their batch.
CREATE TABLE batch_events (
    batch_id UUID NOT NULL,
    seq INTEGER NOT NULL,
    kind VARCHAR(20) NOT NULL,
    data JSONB NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT pk_batch_events PRIMARY KEY (batch_id, seq),
    CONSTRAINT fk_batch_events_batch FOREIGN KEY (batch_id) REFERENCES batch_reports(id) ON DELETE CASCADE,
    CONSTRAINT check_batch_event_kind CHECK (kind IN ('file', 'drive', 'summary', 'end'))
);

-- Batches settled before the log existed answer their end at once
INSERT INTO batch_events (batch_id, seq, kind, data)
SELECT id, 1, 'end', jsonb_build_object('status', status, 'successful_files', successful_files,
                                        'failed_files', failed_files, 'drive_upload_status', drive_upload_status)
FROM batch_reports
WHERE status <> 'processing';
