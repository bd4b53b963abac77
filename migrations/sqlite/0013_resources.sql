-- Contributions, works and sponsorships (issue 11, items 2–4). A contribution keeps the raw
-- quantity as entered (hundredths of its own unit) and its value in whole đồng under the basis
-- named beside it; a price change recomputes `value`, never `quantity`.
CREATE TABLE contribution_marks (
    movement_id INTEGER PRIMARY KEY REFERENCES movements(id),
    threshold INTEGER NOT NULL,
    comparator TEXT NOT NULL,
    source TEXT NOT NULL
);

CREATE TABLE valuation_prices (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    year INTEGER NOT NULL,
    kind TEXT NOT NULL,
    price INTEGER NOT NULL,
    source TEXT NOT NULL,
    set_by INTEGER REFERENCES users(id),
    set_at TEXT NOT NULL,
    UNIQUE (unit_id, year, kind)
);

CREATE TABLE works (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    in_programme INTEGER NOT NULL,
    started_on TEXT,
    finished_on TEXT,
    total_investment INTEGER NOT NULL,
    disbursed INTEGER NOT NULL DEFAULT 0,
    is_demo INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX works_unit ON works(unit_id);

CREATE TABLE work_funding (
    work_id INTEGER NOT NULL REFERENCES works(id),
    source TEXT NOT NULL,
    amount INTEGER NOT NULL,
    PRIMARY KEY (work_id, source)
);

CREATE TABLE work_debts (
    work_id INTEGER NOT NULL REFERENCES works(id),
    year INTEGER NOT NULL,
    amount INTEGER NOT NULL,
    PRIMARY KEY (work_id, year)
);

CREATE TABLE contributions (
    id INTEGER PRIMARY KEY,
    contributor_type TEXT NOT NULL,
    contributor_id INTEGER,
    outside_name TEXT NOT NULL DEFAULT '',
    outside_key TEXT NOT NULL DEFAULT '',
    unit_id INTEGER NOT NULL REFERENCES units(id),
    work_id INTEGER REFERENCES works(id),
    kind TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    given_on TEXT NOT NULL,
    year INTEGER NOT NULL,
    basis TEXT NOT NULL,
    stated_value INTEGER,
    stated_source TEXT NOT NULL DEFAULT '',
    value INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    is_demo INTEGER NOT NULL DEFAULT 0,
    recorded_by INTEGER REFERENCES users(id),
    recorded_at TEXT NOT NULL
);
CREATE INDEX contributions_unit_year ON contributions(unit_id, year);
CREATE INDEX contributions_contributor ON contributions(contributor_type, contributor_id, year);
CREATE INDEX contributions_work ON contributions(work_id);

CREATE TABLE sponsorships (
    id INTEGER PRIMARY KEY,
    sponsor_id INTEGER NOT NULL REFERENCES units(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    from_year INTEGER NOT NULL,
    to_year INTEGER NOT NULL,
    committed_amount INTEGER,
    commitment TEXT NOT NULL,
    is_demo INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX sponsorships_unit ON sponsorships(unit_id);
CREATE INDEX sponsorships_sponsor ON sponsorships(sponsor_id);

CREATE TABLE sponsorship_deliveries (
    id INTEGER PRIMARY KEY,
    sponsorship_id INTEGER NOT NULL REFERENCES sponsorships(id),
    delivered_on TEXT NOT NULL,
    amount INTEGER,
    description TEXT NOT NULL,
    recorded_by INTEGER REFERENCES users(id),
    recorded_at TEXT NOT NULL
);
CREATE INDEX sponsorship_deliveries_of ON sponsorship_deliveries(sponsorship_id);
