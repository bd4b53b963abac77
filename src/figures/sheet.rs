//! A unit's sheet for a year as the pages and the workbook read it: the indicators its kind
//! enters, what is stored, last year's figures, and whether this user may change it now.

use std::collections::HashMap;

use super::store::{self, Sheet};
use super::{SheetStatus, may_enter};
use crate::auth::scope::visible_unit;
use crate::db::DbConn;
use crate::indicators::{self, Indicator};
use crate::state::AppState;
use crate::text;
use crate::units::Unit;
use crate::web::error::AppError;
use crate::web::session::Ctx;

/// Everything the sheet page and the workbook need about a unit's year.
pub struct SheetData {
    pub unit: Unit,
    pub year: i64,
    pub sheet: Option<Sheet>,
    /// The indicators this unit types in, in catalogue order.
    pub entered: Vec<Indicator>,
    /// Formula indicators of this unit's kind, computed from the entered ones.
    pub derived: Vec<Indicator>,
    /// Codes of this kind's indicators counted from records (recognitions), no longer typed:
    /// a workbook filled from an older template may still carry them, and they are skipped.
    pub from_records: Vec<String>,
    pub values: HashMap<i64, store::Figure>,
    pub last_year: HashMap<String, f64>,
}

impl SheetData {
    pub fn status(&self) -> SheetStatus {
        self.sheet
            .as_ref()
            .map_or(SheetStatus::Draft, Sheet::status)
    }

    pub fn values_by_code(&self) -> HashMap<String, f64> {
        self.entered
            .iter()
            .filter_map(|i| {
                self.values
                    .get(&i.id)
                    .and_then(|f| f.value)
                    .map(|v| (i.code.clone(), v))
            })
            .collect()
    }
}

/// The indicators units of `kind` enter, and the formula ones computed for them.
pub async fn indicators_for_kind(
    c: &mut impl DbConn,
    kind: &str,
) -> Result<(Vec<Indicator>, Vec<Indicator>), sqlx::Error> {
    let (entered, derived, _) = indicators_of_kind(c, kind).await?;
    Ok((entered, derived))
}

/// The same, and the codes of the kind's indicators counted from records.
async fn indicators_of_kind(
    c: &mut impl DbConn,
    kind: &str,
) -> Result<(Vec<Indicator>, Vec<Indicator>, Vec<String>), sqlx::Error> {
    let kinds = indicators::store::kinds(c).await?;
    let mine: Vec<i64> = kinds
        .iter()
        .filter(|(_, k)| k == kind)
        .map(|(id, _)| *id)
        .collect();
    let all = indicators::store::all(c).await?;
    let (entered, derived): (Vec<Indicator>, Vec<Indicator>) = all
        .into_iter()
        .filter(|i| mine.contains(&i.id))
        .partition(|i| i.is_entered());
    // Figures computed from records (recognitions) are not on the sheet at all.
    let (derived, records): (Vec<Indicator>, Vec<Indicator>) =
        derived.into_iter().partition(|i| !i.formula.is_empty());
    Ok((
        entered,
        derived,
        records.into_iter().map(|i| i.code).collect(),
    ))
}

pub async fn load(
    st: &AppState,
    ctx: &Ctx,
    unit_id: i64,
    year: &str,
) -> Result<SheetData, AppError> {
    let year = text::parse_year(year).ok_or(AppError::NotFound)?;
    let unit = visible_unit(st, &ctx.user, unit_id).await?;
    let mut c = st.db.conn().await?;
    let (entered, derived, from_records) = indicators_of_kind(&mut c, &unit.kind).await?;
    if entered.is_empty() {
        return Err(AppError::BadRequest(format!(
            "«{}» không phải đơn vị nhập số liệu chỉ tiêu.",
            unit.name
        )));
    }
    let sheet = store::sheet(&mut c, unit.id, year).await?;
    let values = store::figures(&mut c, unit.id, year)
        .await?
        .into_iter()
        .map(|f| (f.indicator_id, f))
        .collect();
    let by_id: HashMap<i64, &Indicator> = entered.iter().map(|i| (i.id, i)).collect();
    let last_year = store::figures(&mut c, unit.id, year - 1)
        .await?
        .into_iter()
        .filter_map(|f| Some((by_id.get(&f.indicator_id)?.code.clone(), f.value?)))
        .collect();
    Ok(SheetData {
        from_records,
        unit,
        year,
        sheet,
        entered,
        derived,
        values,
        last_year,
    })
}

/// The sheet, when this user may change it now: entering is theirs and the sheet is still in
/// the unit's hands (not waiting for review, not approved).
pub async fn load_writable(
    st: &AppState,
    ctx: &Ctx,
    unit_id: i64,
    year: &str,
) -> Result<SheetData, AppError> {
    let data = load(st, ctx, unit_id, year).await?;
    if !may_enter(&ctx.user, &data.unit.path) {
        return Err(AppError::Forbidden);
    }
    if let Some(why) = data.unit.absent_in(data.year) {
        return Err(AppError::Conflict(why));
    }
    if !data.status().is_editable() {
        return Err(AppError::Conflict(format!(
            "Số liệu năm {} của {} {}: không sửa được cho đến khi cấp trên mở lại.",
            data.year,
            data.unit.name,
            if data.status() == SheetStatus::Approved {
                "đã được duyệt và khóa"
            } else {
                "đang chờ duyệt"
            }
        )));
    }
    Ok(data)
}

/// A stored value written back into the form, in the form people type it.
pub fn typed(i: &Indicator, v: f64) -> String {
    if i.measure() == indicators::Measure::YesNo {
        i.show(v)
    } else {
        text::decimal_vn(v, 4).replace('.', "")
    }
}
