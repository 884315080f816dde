-- Rollback of V10__acs_catalog_sources.sql
DROP TABLE IF EXISTS acs_catalog_load;
-- Before V10 a row's document names its test: bundled rows (document = an FAA edition, superseded ones among them)
-- would be served by the older service as if they were current. It reloads the operator's file at its next start.
DELETE FROM acs_codes WHERE source = 'bundled';
ALTER TABLE acs_codes DROP CONSTRAINT IF EXISTS check_acs_bundled_edition;
ALTER TABLE acs_codes DROP CONSTRAINT IF EXISTS check_acs_source;
ALTER TABLE acs_codes DROP COLUMN IF EXISTS superseded;
ALTER TABLE acs_codes DROP COLUMN IF EXISTS archived;
ALTER TABLE acs_codes DROP COLUMN IF EXISTS edition;
ALTER TABLE acs_codes DROP COLUMN IF EXISTS source;
