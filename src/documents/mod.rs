//! Document formats in one place: XLSX lists out and in (DOCX and PDF join with the award
//! documents).

pub mod xlsx;
