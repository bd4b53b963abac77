-- Proposals upward (issue 13, item 5): the tờ trình a deciding body sends the province for
-- the higher forms its council passed, numbered from the body's register ("03/TTr-UBND"),
-- with the dossier archive; both files kept under their SHA-256 and never re-rendered.
CREATE TABLE upward_proposals (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES award_rounds(id),
    body_unit_id INTEGER NOT NULL REFERENCES units(id),
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    number TEXT NOT NULL,
    proposed_on TEXT NOT NULL,
    signer_name TEXT NOT NULL,
    signing_form TEXT NOT NULL,
    recipient TEXT NOT NULL,
    docx_sha256 TEXT NOT NULL,
    zip_sha256 TEXT NOT NULL,
    zip_size INTEGER NOT NULL,
    is_demo INTEGER NOT NULL DEFAULT 0,
    proposed_by INTEGER REFERENCES users(id),
    proposed_at TEXT NOT NULL,
    UNIQUE (body_unit_id, year, seq)
);
CREATE INDEX upward_proposals_round ON upward_proposals(round_id);

-- A nomination goes upward once: a second tờ trình for it is refused by the key.
CREATE TABLE upward_proposal_items (
    proposal_id INTEGER NOT NULL REFERENCES upward_proposals(id),
    nomination_id INTEGER NOT NULL UNIQUE REFERENCES nominations(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (proposal_id, nomination_id)
);
