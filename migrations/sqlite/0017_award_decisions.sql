-- Award cycle part 2 (issue 13): the working-day calendar's exceptions (public holidays and
-- official day swaps); a round's public notice and the objections sent to it; the council of
-- each granting body by period, its sessions with attendance and recusals; the secret ballot
-- kept in two tables that share no order — who has voted (`ballot_casts`, to refuse a second
-- ballot) and the counts (`ballot_tallies`), so no row ever joins a member to a choice; the
-- number registers of each body and year; decisions with their stored files, awardees with
-- their money and certificate numbers, and revocations; the print offsets of each office.
CREATE TABLE calendar_exceptions (
    day TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER REFERENCES users(id),
    recorded_at TEXT NOT NULL
);

CREATE TABLE round_notices (
    round_id INTEGER PRIMARY KEY REFERENCES award_rounds(id),
    enabled INTEGER NOT NULL,
    working_days INTEGER NOT NULL,
    posted_on TEXT,
    ends_on TEXT,
    set_by INTEGER REFERENCES users(id),
    set_at TEXT NOT NULL
);

CREATE TABLE notice_objections (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES award_rounds(id),
    nomination_id INTEGER NOT NULL REFERENCES nominations(id),
    body TEXT NOT NULL,
    contact TEXT NOT NULL DEFAULT '',
    sender_key TEXT NOT NULL,
    received_at TEXT NOT NULL,
    state TEXT NOT NULL,
    resolution TEXT NOT NULL DEFAULT '',
    resolved_by INTEGER REFERENCES users(id),
    resolved_at TEXT
);
CREATE INDEX notice_objections_round ON notice_objections(round_id, nomination_id);
CREATE INDEX notice_objections_sender ON notice_objections(sender_key, received_at);

CREATE TABLE council_members (
    id INTEGER PRIMARY KEY,
    body_unit_id INTEGER NOT NULL REFERENCES units(id),
    full_name TEXT NOT NULL,
    position TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id),
    from_date TEXT NOT NULL,
    to_date TEXT,
    is_demo INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX council_members_body ON council_members(body_unit_id, from_date);

CREATE TABLE council_sessions (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES award_rounds(id),
    body_unit_id INTEGER NOT NULL REFERENCES units(id),
    held_on TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    quorum TEXT NOT NULL,
    threshold TEXT NOT NULL,
    tie_rule TEXT NOT NULL,
    written_votes INTEGER NOT NULL,
    state TEXT NOT NULL,
    is_demo INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL,
    closed_at TEXT
);
CREATE INDEX council_sessions_round ON council_sessions(round_id);

CREATE TABLE council_attendance (
    session_id INTEGER NOT NULL REFERENCES council_sessions(id),
    member_id INTEGER NOT NULL REFERENCES council_members(id),
    presence TEXT NOT NULL,
    PRIMARY KEY (session_id, member_id)
);

CREATE TABLE council_recusals (
    session_id INTEGER NOT NULL REFERENCES council_sessions(id),
    nomination_id INTEGER NOT NULL REFERENCES nominations(id),
    member_id INTEGER NOT NULL REFERENCES council_members(id),
    reason TEXT NOT NULL,
    PRIMARY KEY (session_id, nomination_id, member_id)
);

CREATE TABLE ballot_casts (
    session_id INTEGER NOT NULL REFERENCES council_sessions(id),
    nomination_id INTEGER NOT NULL REFERENCES nominations(id),
    member_id INTEGER NOT NULL REFERENCES council_members(id),
    PRIMARY KEY (session_id, nomination_id, member_id)
) WITHOUT ROWID;

CREATE TABLE ballot_tallies (
    session_id INTEGER NOT NULL REFERENCES council_sessions(id),
    nomination_id INTEGER NOT NULL REFERENCES nominations(id),
    agree INTEGER NOT NULL DEFAULT 0,
    disagree INTEGER NOT NULL DEFAULT 0,
    abstain INTEGER NOT NULL DEFAULT 0,
    outcome TEXT,
    PRIMARY KEY (session_id, nomination_id)
) WITHOUT ROWID;

CREATE TABLE document_registers (
    unit_id INTEGER NOT NULL REFERENCES units(id),
    year INTEGER NOT NULL,
    kind TEXT NOT NULL,
    last_number INTEGER NOT NULL,
    PRIMARY KEY (unit_id, year, kind)
);

CREATE TABLE award_decisions (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES award_rounds(id),
    issuing_unit_id INTEGER NOT NULL REFERENCES units(id),
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    number TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    signer_name TEXT NOT NULL,
    signer_title TEXT NOT NULL,
    signing_form TEXT NOT NULL,
    bases TEXT NOT NULL,
    amends_id INTEGER REFERENCES award_decisions(id),
    total_amount INTEGER NOT NULL,
    docx_sha256 TEXT NOT NULL,
    pdf_sha256 TEXT NOT NULL,
    is_demo INTEGER NOT NULL DEFAULT 0,
    issued_by INTEGER REFERENCES users(id),
    issued_at TEXT NOT NULL,
    UNIQUE (issuing_unit_id, year, seq)
);
CREATE INDEX award_decisions_round ON award_decisions(round_id);

CREATE TABLE decision_awardees (
    id INTEGER PRIMARY KEY,
    decision_id INTEGER NOT NULL REFERENCES award_decisions(id),
    nomination_id INTEGER NOT NULL REFERENCES nominations(id),
    subject_type TEXT NOT NULL,
    subject_id INTEGER,
    subject_name TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    unit_name TEXT NOT NULL,
    category TEXT NOT NULL,
    form_code TEXT NOT NULL,
    form_name TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    achievement TEXT NOT NULL,
    direct_production INTEGER NOT NULL DEFAULT 0,
    small_collective INTEGER NOT NULL DEFAULT 0,
    amount INTEGER NOT NULL,
    coefficient TEXT NOT NULL,
    base_salary INTEGER NOT NULL,
    certificate_number TEXT NOT NULL,
    state TEXT NOT NULL,
    revoked_ground TEXT NOT NULL DEFAULT '',
    revoked_on TEXT,
    revoked_decision TEXT NOT NULL DEFAULT '',
    recover_amount INTEGER NOT NULL DEFAULT 0,
    revoked_by INTEGER REFERENCES users(id),
    revoked_at TEXT
);
CREATE INDEX decision_awardees_decision ON decision_awardees(decision_id, id);
CREATE INDEX decision_awardees_subject ON decision_awardees(subject_type, subject_id);
CREATE INDEX decision_awardees_nomination ON decision_awardees(nomination_id);

CREATE TABLE certificate_offsets (
    unit_id INTEGER PRIMARY KEY REFERENCES units(id),
    right_mm TEXT NOT NULL,
    down_mm TEXT NOT NULL,
    updated_by INTEGER REFERENCES users(id),
    updated_at TEXT NOT NULL
);
