-- OCOP products (issue 11, item 1). The scoring sheet's part maxima are dated data; an
-- evaluation keeps its three part scores in tenths of a point, the total, the stars, and — when
-- certified — the certificate, its level and the last day it is valid; a revocation is a
-- decision kept on the same row.
CREATE TABLE ocop_part_maxima (
    from_date TEXT PRIMARY KEY,
    part_a INTEGER NOT NULL,
    part_b INTEGER NOT NULL,
    part_c INTEGER NOT NULL,
    source TEXT NOT NULL
);

CREATE TABLE ocop_products (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    product_group TEXT NOT NULL,
    owner_type TEXT NOT NULL,
    owner_id INTEGER NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    is_demo INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX ocop_products_unit ON ocop_products(unit_id);

CREATE TABLE ocop_evaluations (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES ocop_products(id),
    evaluated_on TEXT NOT NULL,
    evaluating_level TEXT NOT NULL,
    part_a INTEGER NOT NULL,
    part_b INTEGER NOT NULL,
    part_c INTEGER NOT NULL,
    total INTEGER NOT NULL,
    stars INTEGER NOT NULL,
    certifying_level TEXT NOT NULL DEFAULT '',
    certifying_body TEXT NOT NULL DEFAULT '',
    certificate_number TEXT NOT NULL DEFAULT '',
    certificate_date TEXT,
    valid_through TEXT,
    revoked_number TEXT,
    revoked_date TEXT,
    revoked_reason TEXT,
    recorded_by INTEGER REFERENCES users(id),
    recorded_at TEXT NOT NULL
);
CREATE INDEX ocop_evaluations_product ON ocop_evaluations(product_id, evaluated_on);
