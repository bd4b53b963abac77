-- What each sheet held when it was last approved (issue 8, item 13), so the office reviewing a
-- corrected sheet sees what changed since the version it approved. Replaced at each approval;
-- sheets approved before this migration start from their current figures.
CREATE TABLE approved_figures (
    sheet_id INTEGER NOT NULL REFERENCES figure_sheets(id),
    indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    value REAL,
    comment TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (sheet_id, indicator_id)
);
INSERT INTO approved_figures (sheet_id, indicator_id, value, comment)
    SELECT f.sheet_id, f.indicator_id, f.value, f.comment FROM figures f
    JOIN figure_sheets s ON s.id = f.sheet_id WHERE s.status = 'approved';
