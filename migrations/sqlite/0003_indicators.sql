-- Targets and indicators (plan section II): the catalogue, targets per movement, each unit's
-- yearly figures as one sheet that is submitted, approved or returned, and the sheet's history.

CREATE TABLE indicators (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    measure TEXT NOT NULL,
    unit_label TEXT NOT NULL DEFAULT '',
    direction TEXT NOT NULL,
    aggregation TEXT NOT NULL,
    weight_code TEXT NOT NULL DEFAULT '',
    formula TEXT NOT NULL DEFAULT '',
    min_value REAL,
    max_value REAL,
    at_most_code TEXT NOT NULL DEFAULT '',
    jump_percent REAL,
    owner_unit_id INTEGER REFERENCES units(id),
    computed_from TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE indicator_kinds (
    indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    kind TEXT NOT NULL,
    PRIMARY KEY (indicator_id, kind)
);

CREATE TABLE targets (
    id INTEGER PRIMARY KEY,
    movement_id INTEGER NOT NULL REFERENCES movements(id),
    indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    scope TEXT NOT NULL,
    unit_id INTEGER REFERENCES units(id),
    year INTEGER,
    kind TEXT NOT NULL,
    comparator TEXT NOT NULL DEFAULT '',
    value REAL NOT NULL,
    base_year INTEGER,
    label TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX targets_movement ON targets(movement_id);

CREATE TABLE figure_sheets (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    year INTEGER NOT NULL,
    status TEXT NOT NULL,
    is_demo INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    UNIQUE (unit_id, year)
);
CREATE INDEX figure_sheets_year_status ON figure_sheets(year, status);

CREATE TABLE figures (
    id INTEGER PRIMARY KEY,
    sheet_id INTEGER NOT NULL REFERENCES figure_sheets(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    year INTEGER NOT NULL,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    value REAL,
    comment TEXT NOT NULL DEFAULT '',
    evidence_name TEXT NOT NULL DEFAULT '',
    evidence_key TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    UNIQUE (unit_id, year, indicator_id)
);
CREATE INDEX figures_indicator_year ON figures(indicator_id, year);
CREATE INDEX figures_sheet ON figures(sheet_id);

CREATE TABLE sheet_events (
    id INTEGER PRIMARY KEY,
    sheet_id INTEGER NOT NULL REFERENCES figure_sheets(id),
    action TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    user_id INTEGER REFERENCES users(id),
    user_name TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX sheet_events_sheet ON sheet_events(sheet_id);

-- Subtree totals scan `units.path` by range; SQLite's default BINARY collation is byte order
-- already (PostgreSQL's side of this migration sets "C" on the column).
