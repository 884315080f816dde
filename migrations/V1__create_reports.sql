-- The extracted reports. Seed 000 assumes this table already exists ("Modifications to Existing Tables");
-- in Debrief it is created first so the batch migration can attach to it exactly as the seed does.
-- Adaptations:
--   * Columns are the AKTR fields of DOMAIN.md §2, typed (DATE for dates, INTEGER score with its range).
--   * codes is JSONB holding an object {"items": [...]}: Hibernate Reactive cannot insert a top-level JSON
--     array (hibernate-reactive#4156), and an object leaves room for metadata beside the list.
--   * batch_id is NOT created here: seed 000 adds it (with its foreign key) in V2.
CREATE TABLE reports (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name VARCHAR(255),
    ftn VARCHAR(32),
    exam_id VARCHAR(64),
    exam_code VARCHAR(10),
    exam_name VARCHAR(255),
    exam_date DATE,
    exam_site VARCHAR(255),
    score INTEGER,
    grade VARCHAR(10),
    take INTEGER,
    expiration_date DATE,
    codes JSONB NOT NULL DEFAULT '{"items": []}'::jsonb,
    confidence NUMERIC(4, 3) NOT NULL,
    extraction_method VARCHAR(20) NOT NULL,
    processing_time_ms INTEGER,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT check_report_score CHECK (score BETWEEN 0 AND 100),
    CONSTRAINT check_report_grade CHECK (grade IN ('Pass', 'Fail')),
    CONSTRAINT check_report_take CHECK (take >= 1),
    CONSTRAINT check_report_confidence CHECK (confidence BETWEEN 0 AND 1),
    CONSTRAINT check_report_extraction_method CHECK (extraction_method IN ('pdf_text', 'ocr'))
);

CREATE INDEX idx_reports_ftn ON reports(ftn);
