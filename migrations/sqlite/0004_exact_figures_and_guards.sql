-- Exact figures and database-backed guards (issue 7, parts 5 and 6).
--
-- 1. Each indicator declares how many decimals its figures keep; figures are stored rounded to
--    it, so the value judged against a target is the value the page shows. Counts, yes/no and
--    money in đồng keep none; percentages one; the built-in catalogue's money in tỷ đ keeps two
--    (10 triệu đ) and construction debt in triệu đ three (1.000 đ).
ALTER TABLE indicators ADD COLUMN decimals INTEGER NOT NULL DEFAULT 1;
UPDATE indicators SET decimals = 0 WHERE measure IN ('count', 'yesno');
UPDATE indicators SET decimals = 0 WHERE measure = 'vnd' AND LOWER(unit_label) IN ('', 'đ', 'đồng', 'vnđ', 'vnd');
UPDATE indicators SET decimals = 2 WHERE code = 'GTSX';
UPDATE indicators SET decimals = 3 WHERE code = 'NO_XDCB';
UPDATE figures SET value = ROUND(value, (SELECT i.decimals FROM indicators i WHERE i.id = figures.indicator_id))
 WHERE value IS NOT NULL;

-- 2. One bloc per owner, unit and year: the owner is copied onto each membership (a bloc's
--    owner is fixed once it has members) so a unique index can hold the rule. Memberships that
--    broke it (possible only through a race before this index) keep the earliest one.
ALTER TABLE bloc_members ADD COLUMN owner_unit_id INTEGER REFERENCES units(id);
UPDATE bloc_members SET owner_unit_id = (SELECT b.owner_unit_id FROM blocs b WHERE b.id = bloc_members.bloc_id);
DELETE FROM bloc_members WHERE id NOT IN (
    SELECT MIN(id) FROM bloc_members GROUP BY owner_unit_id, unit_id, year
);
CREATE UNIQUE INDEX bloc_members_one_per_owner ON bloc_members(owner_unit_id, unit_id, year);

-- 3. One succession link per pair of units, whichever way round (A → B and B → A cannot both
--    be recorded); the existing UNIQUE (predecessor_id, successor_id) covers one direction only.
CREATE UNIQUE INDEX unit_successions_one_per_pair ON unit_successions(
    MIN(predecessor_id, successor_id), MAX(predecessor_id, successor_id)
);
