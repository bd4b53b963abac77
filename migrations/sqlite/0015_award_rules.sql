-- Award rules as dated data (issue 12, item 1). Forms and titles with the subject kinds they
-- apply to; coefficients by form, granting level, subject kind and legal period (a NULL
-- `thousandths` is a value the reference facts leave open: "chờ xác nhận", it blocks the
-- money); the base-salary table by date. Written once by `awards::seed`, then edited by
-- administrators with their legal basis (audited).
CREATE TABLE award_forms (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    subjects TEXT NOT NULL,
    valid_from TEXT,
    valid_to TEXT,
    basis TEXT NOT NULL DEFAULT ''
);

CREATE TABLE award_coefficients (
    id INTEGER PRIMARY KEY,
    form_code TEXT NOT NULL REFERENCES award_forms(code),
    level TEXT NOT NULL,
    subject TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    rate_kind TEXT NOT NULL,
    thousandths INTEGER,
    basis TEXT NOT NULL,
    confirmed INTEGER NOT NULL,
    set_by INTEGER REFERENCES users(id),
    set_at TEXT NOT NULL,
    UNIQUE (form_code, level, subject, valid_from)
);

CREATE TABLE base_salaries (
    valid_from TEXT PRIMARY KEY,
    amount INTEGER NOT NULL,
    basis TEXT NOT NULL,
    confirmed INTEGER NOT NULL,
    set_by INTEGER REFERENCES users(id),
    set_at TEXT NOT NULL
);
