-- Rollback of V8__batch_ownership.sql. Keys unique per school may repeat across schools; the global unique
-- index of V5 comes back only when they do not (otherwise this rollback fails loudly rather than drop rows).
DROP INDEX IF EXISTS idx_batch_reports_school;
DROP INDEX IF EXISTS uq_batch_reports_school_idempotency_key;
CREATE UNIQUE INDEX uq_batch_reports_idempotency_key ON batch_reports(idempotency_key)
    WHERE idempotency_key IS NOT NULL;
ALTER TABLE batch_reports DROP COLUMN IF EXISTS request_fingerprint;
ALTER TABLE batch_reports DROP COLUMN IF EXISTS created_by;
ALTER TABLE batch_reports DROP COLUMN IF EXISTS school_id;
