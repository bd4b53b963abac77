-- The matrix, the public pages and the dashboard read assessments by set code and year (every
-- version of a set); the first index served only one version.
CREATE INDEX assessments_code_year ON assessments(set_code, year, subject_type);
CREATE INDEX recognitions_code ON recognitions(set_code, subject_type, subject_id);
