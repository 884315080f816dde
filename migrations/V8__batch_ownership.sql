-- Every batch belongs to a school (the tenant named by the caller's token) and records who created it; every
-- query of a batch, its files, reports, summary, Drive state and idempotency key is filtered by the school.
--   * school_id: the owning school. Batches from before this migration were made when the service had no
--     access control, which is what AUTH_ENABLED=false still means: they belong to school 'default'. The
--     default is dropped once they have it, so no batch is ever created without an owner.
--   * created_by: the token's subject; NULL for batches from before this migration.
--   * request_fingerprint: SHA-256 of what a request with an Idempotency-Key sent (files, options, Drive
--     choice), so a key reused for a different request is refused instead of answering the first batch.
--   * Idempotency keys are unique per school: two schools may choose the same key.
ALTER TABLE batch_reports ADD COLUMN school_id VARCHAR(255) NOT NULL DEFAULT 'default';
ALTER TABLE batch_reports ALTER COLUMN school_id DROP DEFAULT;
ALTER TABLE batch_reports ADD COLUMN created_by VARCHAR(255);
ALTER TABLE batch_reports ADD COLUMN request_fingerprint VARCHAR(64);

DROP INDEX uq_batch_reports_idempotency_key;
CREATE UNIQUE INDEX uq_batch_reports_school_idempotency_key ON batch_reports(school_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX idx_batch_reports_school ON batch_reports(school_id, created_at DESC);
