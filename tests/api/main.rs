//! HTTP stories against the real application. Each runs on SQLite by default and on
//! PostgreSQL when `TEST_DATABASE_URL` is set; CI runs the suite both ways.

mod accounts;
mod assessment_rules;
mod assessments;
mod audit;
mod audit_checkpoint;
mod auth;
mod batch;
mod blocs;
mod browser;
mod browser_criteria;
mod browser_import;
mod browser_kept;
mod browser_phone;
mod browser_screens;
mod catalogue;
mod criteria;
mod demo;
mod drafts;
mod excel_cells;
mod figures;
mod files;
mod first_start;
mod helpers;
mod hostile;
mod import;
mod login;
mod malformed;
#[path = "../../src/documents/mutate.rs"]
mod mutate;
mod names;
mod pages;
mod plain;
mod precision;
mod progress;
mod races;
mod reports;
mod scope;
mod side_channels;
mod subjects;
mod timeliness;
mod todo;
mod totals;
mod totals_pages;
mod units;
mod workbook;
