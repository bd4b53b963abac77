-- Blocs (khối thi đua) become editable: a version for concurrent edits, and the indexes the
-- bloc pages and a unit's profile read by.
ALTER TABLE blocs ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
CREATE INDEX blocs_owner ON blocs(owner_unit_id);
CREATE INDEX bloc_members_unit_year ON bloc_members(unit_id, year);
