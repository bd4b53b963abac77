-- Contribution totals kept on write (PostgreSQL side) (ARCHITECTURE "Totals kept on write"). A row at unit A
-- sums the contributions received by A and every unit below it, so the social-mobilisation
-- figure, the list's count and the top contributors of a ward or the town read a few kept
-- rows instead of the unit's millions of contributions. Kept by
-- `summary::contributions_store::add`, called from `resources::store` in the writing
-- transaction; `thidua check-totals` compares them with a recomputation.
CREATE TABLE summary_contributions (
    unit_id BIGINT NOT NULL REFERENCES units(id),
    year BIGINT NOT NULL,
    kind TEXT NOT NULL,
    n BIGINT NOT NULL,
    quantity BIGINT NOT NULL,
    value BIGINT NOT NULL,
    PRIMARY KEY (unit_id, year, kind)
);

-- One row per contributor, year and receiving subtree; `contributor_id` 0 for an outside
-- donor, who is told apart by name.
CREATE TABLE summary_contributors (
    unit_id BIGINT NOT NULL REFERENCES units(id),
    year BIGINT NOT NULL,
    contributor_type TEXT NOT NULL,
    contributor_id BIGINT NOT NULL,
    outside_name TEXT NOT NULL,
    n BIGINT NOT NULL,
    value BIGINT NOT NULL,
    PRIMARY KEY (unit_id, year, contributor_type, contributor_id, outside_name)
);
CREATE INDEX summary_contributors_top ON summary_contributors(unit_id, year, value);

-- The list pages read newest first.
CREATE INDEX contributions_newest ON contributions(given_on, id);

INSERT INTO summary_contributions (unit_id, year, kind, n, quantity, value)
SELECT a.id, c.year, c.kind, COUNT(*), CAST(SUM(c.quantity) AS BIGINT), CAST(SUM(c.value) AS BIGINT)
FROM contributions c
JOIN units u ON u.id = c.unit_id
JOIN units a ON u.path LIKE a.path || '%'
GROUP BY a.id, c.year, c.kind;

INSERT INTO summary_contributors (unit_id, year, contributor_type, contributor_id, outside_name, n, value)
SELECT a.id, c.year, c.contributor_type, COALESCE(c.contributor_id, 0), c.outside_name, COUNT(*), CAST(SUM(c.value) AS BIGINT)
FROM contributions c
JOIN units u ON u.id = c.unit_id
JOIN units a ON u.path LIKE a.path || '%'
GROUP BY a.id, c.year, c.contributor_type, COALESCE(c.contributor_id, 0), c.outside_name;
