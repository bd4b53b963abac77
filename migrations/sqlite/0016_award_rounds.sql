-- Award cycle part 1 (issue 12, items 2–6): a movement's yearly round with its deadline, the
-- units that propose and the offices that appraise; each unit's submission of its list (one
-- tờ trình); nominations with their category a–h, nominee, form, achievement (year and, where
-- it is one record, that record), state and lateness; every step taken, each office's opinion,
-- appraisers' overrides of an eligibility check with their reason; and, on subject profiles,
-- awards from other authorities and dated discipline / inspection / complaint flags.
CREATE TABLE award_rounds (
    id INTEGER PRIMARY KEY,
    movement_id INTEGER NOT NULL REFERENCES movements(id),
    year INTEGER NOT NULL,
    deadline TEXT NOT NULL,
    receiving_unit_id INTEGER NOT NULL REFERENCES units(id),
    note TEXT NOT NULL DEFAULT '',
    is_demo INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL,
    UNIQUE (movement_id, year)
);

CREATE TABLE award_round_units (
    round_id INTEGER NOT NULL REFERENCES award_rounds(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    part TEXT NOT NULL,
    PRIMARY KEY (round_id, part, unit_id)
);

CREATE TABLE award_submissions (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES award_rounds(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    proposal_number TEXT NOT NULL DEFAULT '',
    nominations INTEGER NOT NULL,
    late INTEGER NOT NULL,
    late_reason TEXT NOT NULL DEFAULT '',
    submitted_by INTEGER REFERENCES users(id),
    submitted_at TEXT NOT NULL
);
CREATE INDEX award_submissions_round ON award_submissions(round_id, unit_id);

CREATE TABLE nominations (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES award_rounds(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    category TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id INTEGER,
    subject_unit_id INTEGER NOT NULL REFERENCES units(id),
    subject_name TEXT NOT NULL,
    subject_sort TEXT NOT NULL,
    subject_fold TEXT NOT NULL,
    outside_address TEXT NOT NULL DEFAULT '',
    form_code TEXT NOT NULL REFERENCES award_forms(code),
    achievement TEXT NOT NULL,
    achievement_year INTEGER NOT NULL,
    basis_type TEXT,
    basis_id INTEGER,
    direct_production INTEGER NOT NULL DEFAULT 0,
    small_collective INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL,
    late INTEGER NOT NULL DEFAULT 0,
    late_reason TEXT NOT NULL DEFAULT '',
    submission_id INTEGER REFERENCES award_submissions(id),
    submitted_at TEXT,
    consolidated TEXT NOT NULL DEFAULT '',
    steering_opinion TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    is_demo INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX nominations_round_state ON nominations(round_id, state);
CREATE INDEX nominations_round_unit ON nominations(round_id, unit_id);
CREATE INDEX nominations_round_sort ON nominations(round_id, subject_sort, id);
CREATE INDEX nominations_subject ON nominations(subject_type, subject_id);

CREATE TABLE nomination_steps (
    id INTEGER PRIMARY KEY,
    nomination_id INTEGER NOT NULL REFERENCES nominations(id),
    action TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id),
    role TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
);
CREATE INDEX nomination_steps_nomination ON nomination_steps(nomination_id, id);

CREATE TABLE nomination_opinions (
    nomination_id INTEGER NOT NULL REFERENCES nominations(id),
    office_unit_id INTEGER NOT NULL REFERENCES units(id),
    opinion TEXT NOT NULL,
    text TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id),
    at TEXT NOT NULL,
    PRIMARY KEY (nomination_id, office_unit_id)
);

CREATE TABLE nomination_overrides (
    nomination_id INTEGER NOT NULL REFERENCES nominations(id),
    check_code TEXT NOT NULL,
    outcome TEXT NOT NULL,
    reason TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id),
    at TEXT NOT NULL,
    PRIMARY KEY (nomination_id, check_code)
);

CREATE TABLE subject_awards (
    id INTEGER PRIMARY KEY,
    subject_type TEXT NOT NULL,
    subject_id INTEGER NOT NULL,
    form_name TEXT NOT NULL,
    authority TEXT NOT NULL,
    decision_number TEXT NOT NULL,
    decision_date TEXT NOT NULL,
    achievement_year INTEGER NOT NULL,
    category TEXT,
    basis_type TEXT,
    basis_id INTEGER,
    note TEXT NOT NULL DEFAULT '',
    is_demo INTEGER NOT NULL DEFAULT 0,
    recorded_by INTEGER REFERENCES users(id),
    recorded_at TEXT NOT NULL
);
CREATE INDEX subject_awards_subject ON subject_awards(subject_type, subject_id);

CREATE TABLE subject_flags (
    id INTEGER PRIMARY KEY,
    subject_type TEXT NOT NULL,
    subject_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    from_date TEXT NOT NULL,
    to_date TEXT,
    note TEXT NOT NULL DEFAULT '',
    is_demo INTEGER NOT NULL DEFAULT 0,
    recorded_by INTEGER REFERENCES users(id),
    recorded_at TEXT NOT NULL
);
CREATE INDEX subject_flags_subject ON subject_flags(subject_type, subject_id);
