//! What a person typed into a sheet's form, read once for every way the form can be posted —
//! "Lưu", "Lưu và gửi duyệt", and "Tải lên" a piece of evidence, which carries the typed
//! figures along so attaching a file never discards them (issue 8, item 5) — and written as a
//! draft that keeps every valid cell.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::entry_web::Line;
use super::sheet::SheetData;
use super::{check_sheet, parse_value, store};
use crate::indicators::Indicator;
use crate::text;

/// The typed cells of a sheet, by indicator code: the values that parsed, every comment, and
/// a Vietnamese message for each cell that must be corrected.
pub struct Typed {
    pub values: HashMap<String, f64>,
    pub comments: HashMap<String, String>,
    pub errors: HashMap<String, String>,
    /// The raw text of each value field (`v_{id}`), so a page shown again keeps what was typed.
    raw: HashMap<i64, String>,
}

/// Whether a posted form carries the sheet's cells (an evidence upload from an older page may
/// not).
pub fn carries_cells(form: &HashMap<String, String>) -> bool {
    form.keys().any(|k| k.starts_with("v_"))
}

/// Reads the form's `v_{id}` and `c_{id}` fields for each indicator the unit enters; with
/// `submitting`, the checks a submission needs (every cell filled) apply too.
pub fn read(data: &SheetData, form: &HashMap<String, String>, submitting: bool) -> Typed {
    let field = |prefix: &str, i: &Indicator| {
        form.get(&format!("{prefix}{}", i.id))
            .cloned()
            .unwrap_or_default()
    };
    let mut t = Typed {
        values: HashMap::new(),
        comments: HashMap::new(),
        errors: HashMap::new(),
        raw: HashMap::new(),
    };
    for i in &data.entered {
        t.raw.insert(i.id, field("v_", i));
        match parse_value(i, &field("v_", i)) {
            Ok(Some(v)) => {
                t.values.insert(i.code.clone(), v);
            }
            Ok(None) => {}
            Err(e) => {
                t.errors.insert(i.code.clone(), e);
            }
        }
        t.comments
            .insert(i.code.clone(), text::clean(&field("c_", i)));
    }
    for (code, msg) in check_sheet(
        &data.entered,
        &t.values,
        &t.comments,
        &data.last_year,
        submitting,
    ) {
        t.errors.entry(code).or_insert(msg);
    }
    t
}

impl Typed {
    /// The sheet's lines as typed, each invalid cell with its message.
    pub fn lines(&self, data: &SheetData) -> Vec<Line> {
        data.entered
            .iter()
            .map(|i| Line {
                value: self.raw.get(&i.id).cloned().unwrap_or_default(),
                shown: self.raw.get(&i.id).cloned().unwrap_or_default(),
                comment: self.comments.get(&i.code).cloned().unwrap_or_default(),
                evidence_name: data
                    .values
                    .get(&i.id)
                    .map(|f| f.evidence_name.clone())
                    .unwrap_or_default(),
                last_year: data
                    .last_year
                    .get(&i.code)
                    .map_or(String::new(), |v| i.show(*v)),
                error: self.errors.get(&i.code).cloned().unwrap_or_default(),
                ind: i.clone(),
            })
            .collect()
    }

    /// How many cells are valid (what a draft keeps).
    pub fn valid(&self, data: &SheetData) -> usize {
        data.entered.len() - self.errors.len()
    }

    /// Writes every valid cell of the sheet; an invalid one stays as stored until corrected.
    pub async fn put_valid(
        &self,
        tx: &mut crate::db::Tx,
        sheet: &store::Sheet,
        data: &SheetData,
        now: DateTime<Utc>,
    ) -> Result<(), sqlx::Error> {
        for i in data
            .entered
            .iter()
            .filter(|i| !self.errors.contains_key(&i.code))
        {
            let comment = self.comments.get(&i.code).map_or("", String::as_str);
            store::put_figure(
                tx,
                sheet,
                i.id,
                self.values.get(&i.code).copied(),
                comment,
                now,
            )
            .await?;
        }
        Ok(())
    }
}
