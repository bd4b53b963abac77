//! Document formats in one place: XLSX lists out, and the one workbook reader every import
//! goes through, and Word documents in the layout of Decree 30 (`docx`).

pub mod archive;
#[cfg(test)]
pub mod counting;
pub mod docx;
pub mod letter_pdf;
#[cfg(test)]
pub mod mutate;
pub mod numfmt;
pub mod pdf;
pub mod problems;
pub mod reading;
pub mod report;
pub mod workbook;
pub mod xlsx;

pub use reading::Reading;
