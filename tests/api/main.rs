//! HTTP stories against the real application. Each runs on SQLite by default and on
//! PostgreSQL when `TEST_DATABASE_URL` is set; CI runs the suite both ways.

mod audit;
mod auth;
mod blocs;
mod browser;
mod catalogue;
mod demo;
mod figures;
mod first_start;
mod helpers;
mod import;
mod progress;
mod scope;
mod subjects;
mod units;
mod workbook;
