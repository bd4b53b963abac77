-- One file store for the whole product (issue 10, item 4): each distinct content once, by its
-- SHA-256, with the size and the media type read from the content; each attachment names
-- what it hangs on (a figure sheet's indicator, an assessment's indicator), the name it was
-- given, who uploaded it and when. Removal keeps the row (the audit trail names it).
CREATE TABLE stored_files (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    stored_at TEXT NOT NULL
);

CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES stored_files(sha256),
    owner_kind TEXT NOT NULL,
    owner_id INTEGER NOT NULL,
    slot INTEGER NOT NULL,
    name TEXT NOT NULL,
    uploaded_by INTEGER NOT NULL REFERENCES users(id),
    uploaded_at TEXT NOT NULL,
    removed_at TEXT,
    removed_by INTEGER REFERENCES users(id)
);
CREATE INDEX attachments_owner ON attachments(owner_kind, owner_id, slot);

-- Criteria sets (issue 10, item 1): versioned, dated data. A new version of a set is a new row
-- with the same code; assessments point at the version they were made under.
CREATE TABLE criteria_sets (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    decision_number TEXT NOT NULL,
    decision_date TEXT,
    decision_body TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    valid_from TEXT,
    valid_to TEXT,
    target_basis TEXT NOT NULL,
    prerequisite_code TEXT,
    decided_by TEXT NOT NULL DEFAULT 'all',
    min_score INTEGER,
    conditions TEXT NOT NULL DEFAULT '',
    outstanding_field INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    builtin INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    UNIQUE (code, version)
);

CREATE TABLE criteria (
    id INTEGER PRIMARY KEY,
    set_id INTEGER NOT NULL REFERENCES criteria_sets(id),
    number INTEGER NOT NULL,
    name TEXT NOT NULL,
    group_name TEXT NOT NULL,
    owner_unit_id INTEGER REFERENCES units(id),
    UNIQUE (set_id, number)
);

-- An indicator version: valid from/to (an amendment closes the old row the day before and
-- opens a new one that names it in `replaces_id`).
CREATE TABLE criterion_indicators (
    id INTEGER PRIMARY KEY,
    criterion_id INTEGER NOT NULL REFERENCES criteria(id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    measure TEXT NOT NULL,
    comparator TEXT NOT NULL,
    unit_label TEXT NOT NULL DEFAULT '',
    valid_from TEXT,
    valid_to TEXT,
    replaces_id INTEGER REFERENCES criterion_indicators(id),
    amended_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX criterion_indicators_criterion ON criterion_indicators(criterion_id, position);

-- Targets in ten-thousandths; NULL is "chờ phòng phụ trách nhập". `basis` is '' for every
-- subject, else a region code or a commune group; `year` 0 for every year.
CREATE TABLE indicator_targets (
    indicator_id INTEGER NOT NULL REFERENCES criterion_indicators(id),
    basis TEXT NOT NULL,
    year INTEGER NOT NULL,
    target INTEGER,
    PRIMARY KEY (indicator_id, basis, year)
);

-- A unit's NTM region (2021–2025 sets) and commune group (2026–2030 set).
ALTER TABLE units ADD COLUMN ntm_region TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN commune_group TEXT NOT NULL DEFAULT '';
