-- The ACS catalog has two sources from now on: the catalog built into the service from the FAA PDFs ('bundled')
-- and the operator's acs-codes.csv ('operator'), which adds the families no bundled PDF covers.
--   * acs_codes.source: where the row came from. Rows stored before V10 came from the operator's file.
--   * acs_codes.edition: the FAA document a bundled row was read from (FAA-S-ACS-6C, FAA-G-ACS-2, ...); the
--     operator's file names none. A bundled row's document is its edition, which keeps (document, code) unique
--     across the editions of one ACS.
--   * acs_codes.archived: the FAA withdrew the code. The row holds its former text (FAA-G-ACS-2) or the
--     "[Archived]" placeholder an ACS prints in its place.
--   * acs_codes.superseded: the row comes from an edition that a newer one of the same ACS replaced (6B by 6C).
--   * acs_catalog_load: one row, the SHA-256 of what acs_codes was loaded from (bundled catalog and operator file),
--     so that a start with an unchanged catalog writes nothing.
ALTER TABLE acs_codes ADD COLUMN source VARCHAR(16) NOT NULL DEFAULT 'operator';
ALTER TABLE acs_codes ALTER COLUMN source DROP DEFAULT;
ALTER TABLE acs_codes ADD COLUMN edition VARCHAR(32);
ALTER TABLE acs_codes ADD COLUMN archived BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE acs_codes ADD COLUMN superseded BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE acs_codes ADD CONSTRAINT check_acs_source CHECK (source IN ('bundled', 'operator'));
ALTER TABLE acs_codes ADD CONSTRAINT check_acs_bundled_edition CHECK ((source = 'bundled') = (edition IS NOT NULL));
UPDATE acs_codes SET archived = TRUE WHERE description = '[Archived]';

CREATE TABLE acs_catalog_load (
    id SMALLINT NOT NULL DEFAULT 1,
    content_hash VARCHAR(64) NOT NULL,
    loaded_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT pk_acs_catalog_load PRIMARY KEY (id),
    CONSTRAINT check_acs_catalog_load_single_row CHECK (id = 1)
);
