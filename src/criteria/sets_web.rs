//! `/tieu-chi`: the catalogue of criteria sets, one set's criteria, indicators and targets, and
//! the edits the owning office and the administrator make — entering a target, amending an
//! indicator from a date (QĐ 211/QĐ-TTg amended the 2021–2025 sets from 01/03/2024). Copying a
//! set as a new version is `copy_web.rs`. None of them changes an assessment already made.

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Redirect};
use serde::Deserialize;
use serde_json::json;

use super::access;
use super::store::{self, CriterionRow, IndicatorRow, NewIndicator, SetRow};
use super::{Comparator, Measure, Target};
use crate::audit;
use crate::state::AppState;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::{Form, Path};
use crate::web::session::Ctx;
use crate::web::view::{Layout, render};

#[derive(Template)]
#[template(path = "criteria/catalogue.html")]
struct CataloguePage {
    layout: Layout,
    sets: Vec<SetRow>,
}

/// `GET /tieu-chi`.
pub async fn catalogue(State(st): State<AppState>, ctx: Ctx) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    let sets = store::sets(&mut c).await?;
    render(&CataloguePage {
        layout: Layout::new(&ctx, "criteria", "Bộ tiêu chí").crumb("Bộ tiêu chí", ""),
        sets,
    })
}

/// One indicator version with its targets as the set page lists them.
pub struct IndicatorView {
    pub ind: IndicatorRow,
    pub measure: Measure,
    pub comparator: Comparator,
    pub targets: Vec<Target>,
    pub editable: bool,
}

impl IndicatorView {
    pub fn target_text(&self, t: &Target) -> String {
        super::target_text(self.comparator, t.value, self.measure, &self.ind.unit_label)
    }

    pub fn validity(&self) -> String {
        match (self.ind.valid_from, self.ind.valid_to) {
            (None, None) => String::new(),
            (Some(f), None) => format!("áp dụng từ {}", text::date_vn(f)),
            (None, Some(t)) => format!("áp dụng đến {}", text::date_vn(t)),
            (Some(f), Some(t)) => format!("{} – {}", text::date_vn(f), text::date_vn(t)),
        }
    }
}

#[derive(Template)]
#[template(path = "criteria/set.html")]
struct SetPage {
    layout: Layout,
    set: SetRow,
    criteria: Vec<(CriterionRow, Vec<IndicatorView>)>,
    can_copy: bool,
    in_use: i64,
    measures: Vec<Measure>,
}

/// `GET /tieu-chi/{id}`.
pub async fn show(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    let set = store::set(&mut c, id).await?.ok_or(AppError::NotFound)?;
    let criteria = store::criteria_of(&mut c, id).await?;
    let indicators = store::indicators_of(&mut c, id).await?;
    let mut targets: HashMap<i64, Vec<Target>> = HashMap::new();
    for (ind, t) in store::targets_of(&mut c, id).await? {
        targets.entry(ind).or_default().push(t);
    }
    let in_use = store::assessments_under(&mut c, id).await?;
    let owners: Vec<Option<i64>> = criteria.iter().map(|c| c.owner_unit_id).collect();
    let criteria = criteria
        .into_iter()
        .map(|cr| {
            let editable = access::may_edit_criterion(&ctx.user, cr.owner_unit_id);
            let inds = indicators
                .iter()
                .filter(|i| i.criterion_id == cr.id)
                .map(|i| IndicatorView {
                    measure: Measure::from_code(&i.measure).unwrap_or(Measure::Number),
                    comparator: Comparator::from_code(&i.comparator).unwrap_or(Comparator::AtLeast),
                    targets: targets.remove(&i.id).unwrap_or_default(),
                    editable,
                    ind: i.clone(),
                })
                .collect();
            (cr, inds)
        })
        .collect();
    render(&SetPage {
        layout: Layout::new(&ctx, "criteria", set.name.clone())
            .crumb("Bộ tiêu chí", "/tieu-chi")
            .crumb(format!("{} (phiên bản {})", set.name, set.version), ""),
        can_copy: access::may_copy_set(&ctx.user, &owners),
        in_use,
        measures: vec![
            Measure::YesNo,
            Measure::Percent,
            Measure::Number,
            Measure::Count,
            Measure::Amount,
        ],
        set,
        criteria,
    })
}

#[derive(Deserialize)]
pub struct TargetForm {
    #[serde(default)]
    basis: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    value: String,
}

/// Loads an indicator the user may edit, checked on `c` (the writing transaction).
async fn editable_indicator(
    c: &mut impl crate::db::DbConn,
    ctx: &Ctx,
    set_id: i64,
    indicator_id: i64,
) -> Result<IndicatorRow, AppError> {
    let (ind, owner, of_set) = store::indicator(c, indicator_id)
        .await?
        .filter(|(_, _, s)| *s == set_id)
        .ok_or(AppError::NotFound)?;
    let _ = of_set;
    if !access::may_edit_criterion(&ctx.user, owner) {
        return Err(AppError::ForbiddenBecause(
            "Chỉ phòng phụ trách tiêu chí (hoặc quản trị hệ thống) nhập và sửa chỉ tiêu của tiêu chí đó.".into(),
        ));
    }
    Ok(ind)
}

/// `POST /tieu-chi/{set}/chi-so/{indicator}/chi-tieu`: sets one target row. An empty value
/// puts the row back to "chờ phòng phụ trách nhập".
pub async fn set_target(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((set_id, indicator_id)): Path<(i64, i64)>,
    Form(f): Form<TargetForm>,
) -> Result<Redirect, AppError> {
    let basis = text::clean_limited(&f.basis, 20).map_err(AppError::BadRequest)?;
    let year = match f.year.trim() {
        "" => 0,
        y => text::parse_year(y)
            .filter(|y| (2000..=2100).contains(y))
            .ok_or_else(|| {
                AppError::BadRequest(
                    "Năm không hợp lệ; để trống nếu chỉ tiêu áp dụng mọi năm.".into(),
                )
            })?,
    };
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let ind = editable_indicator(&mut tx, &ctx, set_id, indicator_id).await?;
    let measure = Measure::from_code(&ind.measure).unwrap_or(Measure::Number);
    let value = super::parse_value(&f.value, measure).map_err(AppError::BadRequest)?;
    store::put_target(&mut tx, ind.id, &basis, year, value).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "criteria.target_set",
        "criteria_set",
        &set_id.to_string(),
        &json!({"indicator": ind.id, "text": ind.text, "basis": basis, "year": year, "target": value}),
    )
    .await?;
    tx.commit().await?;
    let shown = value.map_or_else(
        || super::PENDING_TEXT.to_string(),
        |v| super::show_value(v, measure),
    );
    ctx.flash(&st, &format!("Đã ghi chỉ tiêu «{}»: {shown}.", ind.text))
        .await?;
    Ok(Redirect::to(&format!("/tieu-chi/{set_id}#cs-{}", ind.id)))
}

#[derive(Deserialize)]
pub struct AmendForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    measure: String,
    #[serde(default)]
    comparator: String,
    #[serde(default)]
    unit_label: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    amended_by: String,
}

/// `POST /tieu-chi/{set}/chi-so/{indicator}/sua-doi`: the indicator is replaced from a date by
/// a new version (the old one ends the day before and keeps its targets; the new one starts
/// with a copy of them). Assessments of earlier years keep judging against the old version.
pub async fn amend(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((set_id, indicator_id)): Path<(i64, i64)>,
    Form(f): Form<AmendForm>,
) -> Result<Redirect, AppError> {
    let text_ = text::clean_limited(&f.text, 500).map_err(AppError::BadRequest)?;
    let amended_by = text::clean_limited(&f.amended_by, 200).map_err(AppError::BadRequest)?;
    let from = text::parse_date(&f.from);
    let (false, Some(from), false) = (text_.is_empty(), from, amended_by.is_empty()) else {
        return Err(AppError::BadRequest(
            "Sửa đổi chỉ tiêu cần nội dung mới, ngày bắt đầu áp dụng (ví dụ 01/03/2024) và văn bản sửa đổi (ví dụ QĐ 211/QĐ-TTg).".into(),
        ));
    };
    let measure = Measure::from_code(&f.measure)
        .ok_or_else(|| AppError::BadRequest("Hãy chọn cách đo của chỉ tiêu.".into()))?;
    let comparator = Comparator::from_code(&f.comparator)
        .ok_or_else(|| AppError::BadRequest("Hãy chọn phép so sánh (≥, ≤, =, >, <).".into()))?;
    let unit_label = text::clean_limited(&f.unit_label, 40).map_err(AppError::BadRequest)?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let old = editable_indicator(&mut tx, &ctx, set_id, indicator_id).await?;
    let day_before = from
        .pred_opt()
        .ok_or_else(|| AppError::BadRequest("Ngày áp dụng không hợp lệ.".into()))?;
    if old.valid_from.is_some_and(|f| f > day_before) {
        return Err(AppError::BadRequest(
            "Ngày áp dụng của bản sửa đổi phải sau ngày bắt đầu của chỉ tiêu đang sửa.".into(),
        ));
    }
    if !store::close_indicator(&mut tx, old.id, day_before).await? {
        return Err(AppError::Conflict(
            "Chỉ tiêu này đã hết hiệu lực trước ngày đó (có thể đã được sửa đổi); hãy tải lại trang.".into(),
        ));
    }
    let new_id = store::insert_indicator(
        &mut tx,
        old.criterion_id,
        &NewIndicator {
            position: old.position,
            text: &text_,
            measure,
            comparator,
            unit_label: &unit_label,
            valid_from: Some(from),
            valid_to: old.valid_to,
            replaces_id: Some(old.id),
            amended_by: &amended_by,
        },
    )
    .await?;
    if measure.code() == old.measure {
        store::copy_targets(&mut tx, old.id, new_id).await?;
    } else {
        // Another measure makes the old numbers meaningless: the office enters new ones.
        store::put_target(
            &mut tx,
            new_id,
            "",
            0,
            (measure == Measure::YesNo).then_some(super::YES),
        )
        .await?;
    }
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "criteria.indicator_amend",
        "criteria_set",
        &set_id.to_string(),
        &json!({"old": old.id, "new": new_id, "from": from, "by": amended_by, "text": text_}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!(
            "Đã ghi sửa đổi: từ {} áp dụng «{text_}».",
            text::date_vn(from)
        ),
    )
    .await?;
    Ok(Redirect::to(&format!("/tieu-chi/{set_id}#cs-{new_id}")))
}
