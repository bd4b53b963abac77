-- Subtree totals kept on write (issue 9): for each unit, what the units strictly below it add
-- up to, so a dashboard reads a few rows instead of re-aggregating the subtree's figures. Kept
-- by `summary::keep` in the transaction that approves or reopens a sheet or changes a unit;
-- `thidua rebuild-totals` fills them from the figures (this migration leaves them empty, and
-- start-up rebuilds them once, see app_meta 'summary_built').
--
-- Exact sums are integers in ten-thousandths (figures keep at most four decimals), value ×
-- weight in hundred-millionths, each split as high × 10^12 + low so that `col = col + delta`
-- stays an atomic integer addition on both engines without overflowing.

-- Approved figures below a unit, per indicator and year, of units whose kind enters it.
CREATE TABLE summary_figures (
    unit_id BIGINT NOT NULL REFERENCES units(id),
    indicator_id BIGINT NOT NULL REFERENCES indicators(id),
    year BIGINT NOT NULL,
    figures BIGINT NOT NULL,
    sum_high BIGINT NOT NULL,
    sum_low BIGINT NOT NULL,
    weighted BIGINT NOT NULL,
    weighted_high BIGINT NOT NULL,
    weighted_low BIGINT NOT NULL,
    weight_high BIGINT NOT NULL,
    weight_low BIGINT NOT NULL,
    PRIMARY KEY (unit_id, indicator_id, year)
);

-- Units below a unit, by kind and the years they exist (0 and 9999 stand for open ends).
CREATE TABLE summary_units (
    unit_id BIGINT NOT NULL REFERENCES units(id),
    kind TEXT NOT NULL,
    first_year BIGINT NOT NULL,
    last_year BIGINT NOT NULL,
    units BIGINT NOT NULL,
    PRIMARY KEY (unit_id, kind, first_year, last_year)
);

-- Sheets below a unit that have been sent, by year, kind and status ('submitted', 'returned'
-- or 'approved'), of units existing that year. A unit with a draft or no sheet is "not sent".
CREATE TABLE summary_sheets (
    unit_id BIGINT NOT NULL REFERENCES units(id),
    year BIGINT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    sheets BIGINT NOT NULL,
    PRIMARY KEY (unit_id, year, kind, status)
);
