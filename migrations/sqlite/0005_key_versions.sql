-- Values computed in Rust and stored beside the data (people's sort keys) carry the version of
-- the rule that computed them, so start-up recomputes them once when the rule changes.
-- No row for a key means version 1, the rule databases were created with.
CREATE TABLE key_versions (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL
);
