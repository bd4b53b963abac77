-- Foundation: units, subjects, users and roles, sessions, the audit chain, movements.
-- SQLite side; migrations/postgres holds the same schema in PostgreSQL types.

CREATE TABLE app_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    sort_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    parent_id INTEGER REFERENCES units(id),
    path TEXT NOT NULL,
    valid_from TEXT,
    valid_to TEXT,
    note TEXT NOT NULL DEFAULT '',
    is_demo INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX units_parent ON units(parent_id);
CREATE INDEX units_path ON units(path);
CREATE INDEX units_name_key ON units(name_key);

CREATE TABLE unit_successions (
    id INTEGER PRIMARY KEY,
    predecessor_id INTEGER NOT NULL REFERENCES units(id),
    successor_id INTEGER NOT NULL REFERENCES units(id),
    effective_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (predecessor_id, successor_id)
);

CREATE TABLE blocs (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    owner_unit_id INTEGER NOT NULL REFERENCES units(id),
    is_demo INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE bloc_members (
    id INTEGER PRIMARY KEY,
    bloc_id INTEGER NOT NULL REFERENCES blocs(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    year INTEGER NOT NULL,
    UNIQUE (bloc_id, unit_id, year)
);

CREATE TABLE households (
    id INTEGER PRIMARY KEY,
    head_name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    sort_key TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    unit_id INTEGER NOT NULL REFERENCES units(id),
    is_demo INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX households_unit ON households(unit_id);
CREATE INDEX households_sort ON households(sort_key);

CREATE TABLE persons (
    id INTEGER PRIMARY KEY,
    full_name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    sort_key TEXT NOT NULL,
    birth_year INTEGER,
    gender TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    household_id INTEGER REFERENCES households(id),
    position TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    citizen_id TEXT NOT NULL DEFAULT '',
    is_demo INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX persons_unit ON persons(unit_id);
CREATE INDEX persons_sort ON persons(sort_key);
CREATE INDEX persons_household ON persons(household_id);

CREATE TABLE movements (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    issuing_unit_id INTEGER NOT NULL REFERENCES units(id),
    document_number TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    period_from INTEGER NOT NULL,
    period_to INTEGER NOT NULL,
    summary TEXT NOT NULL DEFAULT ''
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE user_roles (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    role TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    UNIQUE (user_id, role, unit_id)
);
CREATE INDEX user_roles_user ON user_roles(user_id);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id INTEGER REFERENCES users(id),
    csrf TEXT NOT NULL,
    flash TEXT,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY,
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id INTEGER,
    actor_name TEXT NOT NULL,
    action TEXT NOT NULL,
    object_kind TEXT NOT NULL,
    object_id TEXT NOT NULL,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_object ON audit_log(object_kind, object_id);
