-- Rollback of V11__batch_events.sql
DROP TABLE IF EXISTS batch_events;
