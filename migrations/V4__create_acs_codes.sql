-- The ACS code catalog, filled at start from the operator-provided CSV (acs-codes.csv).
-- Not in the seeds. document is the catalog's exam_type value as printed (e.g. 'FOI, FIA, AFA'): it names
-- the ACS family a row belongs to, and (document, code) is unique in the source. exam_types holds the same
-- value split into single test codes so a report's exam code (e.g. 'FIA') finds its row directly.
CREATE TABLE acs_codes (
    document VARCHAR(64) NOT NULL,
    code VARCHAR(32) NOT NULL,
    exam_types VARCHAR(8)[] NOT NULL,
    area VARCHAR(255) NOT NULL,
    task VARCHAR(255) NOT NULL,
    element_type VARCHAR(20) NOT NULL,
    description TEXT NOT NULL,

    CONSTRAINT pk_acs_codes PRIMARY KEY (document, code),
    CONSTRAINT check_acs_element_type CHECK (element_type IN ('knowledge', 'risk_management', 'skill'))
);

CREATE INDEX idx_acs_codes_code ON acs_codes(code);
