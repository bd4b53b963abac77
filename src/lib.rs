//! thidua — the information system for a Vietnamese locality's emulation movement.

/// Application state, start-up, router and serving.
pub mod app;
/// Append-only, hash-chained audit log.
pub mod audit;
/// Users, roles scoped to unit subtrees, sessions, passwords.
pub mod auth;
/// Award rules as dated data: forms, coefficients, base salaries, reward money (issue 12).
pub mod awards;
/// Emulation blocs (khối thi đua) and their members per year.
pub mod blocs;
/// The command line: serve, migrate, demo, create-admin, import, export, audit, backup.
pub mod cli;
/// The only module that reads the clock.
pub mod clock;
/// Typed settings from a file and `THIDUA_*` variables.
pub mod config;
/// Criteria sets (NTM, civilised-urban and the plan's other standards) as versioned data.
pub mod criteria;
/// One pool for SQLite or PostgreSQL, migrations, and the query macros.
pub mod db;
/// Clearly marked demo data.
pub mod demo;
/// XLSX (and later DOCX/PDF) documents.
pub mod documents;
/// A unit's yearly figures: entry, checks, approval, Excel.
pub mod figures;
/// The one file store: evidence and attachments by SHA-256, backup and restore with it.
pub mod files;
/// Indicators, targets and progress against them (plan section II).
pub mod indicators;
/// Movements and their periods.
pub mod movements;
/// In-app notices: who is told of each step, read or unread.
pub mod notices;
/// OCOP products: evaluations, stars, certificates (issue 11).
pub mod ocop;
/// Contributions of money, land, assets and labour: valuation and yearly marks (issue 11).
pub mod resources;
/// The application state handlers share (a leaf: no handler imports `app`).
pub mod state;
/// Persons and households, and the one profile page per subject.
pub mod subjects;
/// Subtree totals kept on write, so pages read a unit's rows instead of its subtree.
pub mod summary;
/// Vietnamese text: folding, sort keys, dates, money.
pub mod text;
/// What waits for each user: the to-do items every capability contributes.
pub mod todo;
/// Units, their tree, validity and successions.
pub mod units;
/// Shared HTTP glue.
pub mod web;

#[cfg(test)]
mod architecture_tests;

#[cfg(test)]
#[global_allocator]
static ALLOCATOR: documents::counting::Counting = documents::counting::Counting;
