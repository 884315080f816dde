-- Rollback of V4__create_acs_codes.sql
DROP TABLE IF EXISTS acs_codes;
