-- Batches whose reading process stopped are taken over (not in the seeds). The process reading a batch
-- holds a lease on it and renews it while it works; when a lease runs out (the process was restarted,
-- crashed or scaled away), another process takes the batch over and reads the files still pending.
--   * processing_lease_until: when the reading process's lease ends. Meaningless once the batch is settled.
--   * processing_attempts: how many processes have started reading the batch. A batch that keeps stopping
--     its processes is settled with its remaining files failed rather than taken over again.
-- The default is for processes that know no lease: batches already being read when this migration runs,
-- and batches created by replicas still on the previous version during a rolling deploy. They get ten
-- minutes to finish before anyone takes them over (the service itself always sets the lease).
ALTER TABLE batch_reports ADD COLUMN processing_lease_until TIMESTAMP WITH TIME ZONE
    DEFAULT (CURRENT_TIMESTAMP + INTERVAL '10 minutes');
ALTER TABLE batch_reports ADD COLUMN processing_attempts INTEGER NOT NULL DEFAULT 1;

CREATE INDEX idx_batch_reports_processing_lease ON batch_reports(processing_lease_until)
    WHERE status = 'processing';
