-- In-app notices (issue 8, item 3): one row per person told, written in the transaction of the
-- step it reports (a return, a reopening, a sending), read or not.
CREATE TABLE notices (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    at TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT NOT NULL DEFAULT '',
    read_at TEXT
);
CREATE INDEX notices_user ON notices(user_id, read_at);
-- A step settles the notices about its object (`notices::store::settle`).
CREATE INDEX notices_link ON notices(link);

-- What a person typed into a form when their session had expired (issue 8, item 5): kept for
-- that person and that page until they sign in again and see it, or a day passes.
CREATE TABLE kept_forms (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    path TEXT NOT NULL,
    body TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX kept_forms_user ON kept_forms(user_id, path);

-- Account setup (issue 8, item 7): a new or reset password is changed at first sign-in, and
-- the user list shows when each person last signed in.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN last_login_at TEXT;
