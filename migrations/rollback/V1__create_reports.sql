-- Rollback of V1__create_reports.sql
DROP TABLE IF EXISTS reports;
