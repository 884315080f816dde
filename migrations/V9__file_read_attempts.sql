-- A file that stops the process reading it (a crash, an out-of-memory exit) must not stop every replica in turn.
--   * batch_report_files.read_attempts: how many processes started reading the file. A file still in hand when
--     its process died, and already read once before, is not read again: it fails alone (QUARANTINED) and the
--     rest of its batch goes on.
--   * batch_reports.processing_handbacks: how many processes gave the batch back on a graceful shutdown (a
--     rollout, a scale-down). Those do not count as crashes against the batch's processing attempts.
ALTER TABLE batch_report_files ADD COLUMN read_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE batch_reports ADD COLUMN processing_handbacks INTEGER NOT NULL DEFAULT 0;
