-- Assessments (issue 10, item 3): one per set code, subject and year. The subject is a unit or
-- a household (`subject_type`); `unit_id` is the unit whose officers fill it (the unit itself,
-- or the household's village or residential group), which is what scoping reads.
CREATE TABLE assessments (
    id INTEGER PRIMARY KEY,
    set_id INTEGER NOT NULL REFERENCES criteria_sets(id),
    set_code TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id INTEGER NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    year INTEGER NOT NULL,
    status TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT,
    UNIQUE (set_code, subject_type, subject_id, year)
);
CREATE INDEX assessments_set_year ON assessments(set_id, year);
CREATE INDEX assessments_unit ON assessments(unit_id);

-- One indicator's value in an assessment, in ten-thousandths, with the target it was judged
-- against and the verdict, both kept as they were so later edits of the set change nothing.
CREATE TABLE assessment_values (
    assessment_id INTEGER NOT NULL REFERENCES assessments(id),
    indicator_id INTEGER NOT NULL REFERENCES criterion_indicators(id),
    value INTEGER,
    judged TEXT,
    target INTEGER,
    verdict TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    entered_by INTEGER NOT NULL REFERENCES users(id),
    entered_at TEXT NOT NULL,
    PRIMARY KEY (assessment_id, indicator_id)
);

-- One criterion of an assessment: its result from the indicators and the owning office's
-- review (pending, verified, rejected with a reason). The matrix reads only this table.
CREATE TABLE assessment_criteria (
    assessment_id INTEGER NOT NULL REFERENCES assessments(id),
    criterion_id INTEGER NOT NULL REFERENCES criteria(id),
    result TEXT NOT NULL,
    review TEXT NOT NULL DEFAULT 'pending',
    reason TEXT NOT NULL DEFAULT '',
    reviewed_by INTEGER REFERENCES users(id),
    reviewed_at TEXT,
    PRIMARY KEY (assessment_id, criterion_id)
);
CREATE INDEX assessment_criteria_review ON assessment_criteria(review, criterion_id);

-- Recognition by decision (issue 10, item 5): the subject meets the set from `decision_date`,
-- counted in `recognised_year`. Withdrawal is another decision, kept on the same row.
CREATE TABLE recognitions (
    id INTEGER PRIMARY KEY,
    set_id INTEGER NOT NULL REFERENCES criteria_sets(id),
    set_code TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id INTEGER NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    assessment_id INTEGER REFERENCES assessments(id),
    decision_number TEXT NOT NULL,
    decision_date TEXT NOT NULL,
    authority TEXT NOT NULL,
    round TEXT NOT NULL DEFAULT '',
    recognised_year INTEGER NOT NULL,
    outstanding_field TEXT NOT NULL DEFAULT '',
    conditions_note TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER NOT NULL REFERENCES users(id),
    recorded_at TEXT NOT NULL,
    withdrawn_number TEXT,
    withdrawn_date TEXT,
    withdrawn_reason TEXT,
    withdrawn_by INTEGER REFERENCES users(id),
    withdrawn_at TEXT
);
CREATE INDEX recognitions_subject ON recognitions(subject_type, subject_id, set_code);
CREATE INDEX recognitions_unit ON recognitions(unit_id);
