//! Document formats in one place: XLSX lists out, and the one workbook reader every import
//! goes through (DOCX and PDF join with the award documents).

pub mod archive;
#[cfg(test)]
pub mod counting;
#[cfg(test)]
pub mod mutate;
pub mod numfmt;
pub mod problems;
pub mod reading;
pub mod report;
pub mod workbook;
pub mod xlsx;

pub use reading::Reading;
