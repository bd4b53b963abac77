//! A unit's figures for a year (bảng số liệu): entered as one sheet, submitted by the unit,
//! approved (locked) or returned with a reason by the office above, reopened with a reason.
//! The rules here are pure: the sheet's states, who may do what, and the checks on entry.

pub mod approved_store;
pub mod batch_web;
pub mod changes;
pub mod completeness_groups;
pub mod completeness_web;
pub mod demo;
pub mod entry_web;
pub mod evidence_web;
pub mod overview_store;
pub mod review_web;
pub mod sheet;
pub mod store;
pub mod todo;
pub mod typed;
pub mod workbook;
pub mod workbook_web;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::auth::{CurrentUser, Role};
use crate::indicators::{Indicator, Measure};
use crate::text;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetStatus {
    Draft,
    Submitted,
    Approved,
    Returned,
}

impl SheetStatus {
    pub fn code(self) -> &'static str {
        match self {
            SheetStatus::Draft => "draft",
            SheetStatus::Submitted => "submitted",
            SheetStatus::Approved => "approved",
            SheetStatus::Returned => "returned",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SheetStatus::Draft => "Đang nhập",
            SheetStatus::Submitted => "Đã gửi, chờ duyệt",
            SheetStatus::Approved => "Đã duyệt (khóa)",
            SheetStatus::Returned => "Bị trả lại",
        }
    }

    pub fn from_code(s: &str) -> SheetStatus {
        match s {
            "submitted" => SheetStatus::Submitted,
            "approved" => SheetStatus::Approved,
            "returned" => SheetStatus::Returned,
            _ => SheetStatus::Draft,
        }
    }

    /// The unit may type into the sheet only while it is in its hands.
    pub fn is_editable(self) -> bool {
        matches!(self, SheetStatus::Draft | SheetStatus::Returned)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Submit,
    Approve,
    Return,
    Reopen,
}

impl Action {
    pub fn from_code(s: &str) -> Option<Action> {
        Some(match s {
            "gui" => Action::Submit,
            "duyet" => Action::Approve,
            "tra-lai" => Action::Return,
            "mo-lai" => Action::Reopen,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Approve => "approve",
            Action::Return => "return",
            Action::Reopen => "reopen",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Action::Submit => "Gửi duyệt",
            Action::Approve => "Duyệt",
            Action::Return => "Trả lại",
            Action::Reopen => "Mở lại",
        }
    }

    /// Returning and reopening must say why, so the unit knows what to fix.
    pub fn needs_reason(self) -> bool {
        matches!(self, Action::Return | Action::Reopen)
    }
}

/// How the history names a stored action.
pub fn event_label(code: &str) -> &'static str {
    match code {
        "submit" => "Gửi duyệt",
        "approve" => "Duyệt, khóa số liệu",
        "return" => "Trả lại",
        "reopen" => "Mở lại",
        _ => "Khác",
    }
}

/// The state a sheet moves to, or why it cannot.
pub fn transition(from: SheetStatus, action: Action) -> Result<SheetStatus, &'static str> {
    use SheetStatus::*;
    match (from, action) {
        (Draft | Returned, Action::Submit) => Ok(Submitted),
        (Submitted, Action::Approve) => Ok(Approved),
        (Submitted, Action::Return) => Ok(Returned),
        (Approved, Action::Reopen) => Ok(Draft),
        (Approved, _) => Err("Số liệu đã được duyệt và khóa; cấp trên phải mở lại trước."),
        (Submitted, _) => Err("Số liệu đang chờ duyệt."),
        (Draft | Returned, _) => Err("Đơn vị chưa gửi số liệu."),
    }
}

/// May type into and submit the sheet of the unit at `path`.
pub fn may_enter(user: &CurrentUser, path: &str) -> bool {
    user.can_edit(path)
}

/// May approve, return and reopen: an office above the unit, never the unit itself.
pub fn may_review(user: &CurrentUser, path: &str) -> bool {
    user.is_admin()
        || user.grants.iter().any(|g| {
            matches!(
                g.role,
                Role::NtmOffice | Role::InternalAffairs | Role::Steering
            ) && path.starts_with(&g.unit_path)
                && path != g.unit_path
        })
}

/// Separation of duties (issue 8, item 6): whoever typed into, imported into or submitted a
/// sheet (`hands_on`, user ids from its history) never approves it; an office above corrects
/// only by returning it. Errors: the sentence the refused user reads.
pub fn may_approve_as(user_id: i64, hands_on: &[i64]) -> Result<(), &'static str> {
    if hands_on.contains(&user_id) {
        Err(
            "Bạn đã nhập hoặc gửi bảng số liệu này nên không thể tự duyệt. Một cán bộ khác của cơ quan duyệt phải duyệt; nếu cần sửa, hãy trả lại cho đơn vị.",
        )
    } else {
        Ok(())
    }
}

/// The last day to send a year's figures: 15 January of the following year (the plan's
/// reporting calendar). `None` only for years chrono cannot represent.
pub fn deadline(year: i64) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(year + 1).ok()?, 1, 15)
}

/// Where a unit's sheet stands against the deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timeliness {
    /// First sent by the deadline — whatever happened to it afterwards.
    OnTime,
    /// First sent after the deadline ("nộp trễ"): counts towards completeness, not timeliness.
    SentLate,
    /// Not sent yet, and the deadline has not passed.
    NotDue,
    /// Not sent yet and the deadline has passed ("trễ hạn").
    Overdue,
}

/// Judges a sheet by the day it was *first* sent (Vietnam date), never by its status today:
/// a return or a reopen by the office cannot make an on-time unit late, and a late sheet stays
/// late once sent (DHIS2's "reporting rate on time" rule).
pub fn timeliness(first_sent: Option<NaiveDate>, year: i64, today: NaiveDate) -> Timeliness {
    let Some(due) = deadline(year) else {
        return Timeliness::NotDue;
    };
    match first_sent {
        Some(d) if d <= due => Timeliness::OnTime,
        Some(_) => Timeliness::SentLate,
        None if today > due => Timeliness::Overdue,
        None => Timeliness::NotDue,
    }
}

/// Late: first sent after the deadline, or still not sent once it has passed.
pub fn is_late(first_sent: Option<NaiveDate>, year: i64, today: NaiveDate) -> bool {
    matches!(
        timeliness(first_sent, year, today),
        Timeliness::SentLate | Timeliness::Overdue
    )
}

/// Reads one typed value; `Ok(None)` when left blank. The same reading serves the sheet form
/// and the workbook (`text::parse_exact_vn`: «1.234,5», «0.125» = 0,125). The value comes back
/// rounded to the indicator's declared decimals — what is stored, shown and judged — except
/// that a count with a fraction, or money with a fraction of a đồng, is refused. Bounds are
/// compared on the exact rounded value.
pub fn parse_value(ind: &Indicator, raw: &str) -> Result<Option<f64>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    if ind.measure() == Measure::YesNo {
        return match text::fold(raw).as_str() {
            "dat" | "co" | "1" | "x" => Ok(Some(1.0)),
            "chua dat" | "khong" | "0" => Ok(Some(0.0)),
            _ => Err(format!("«{raw}» không phải «Đạt» hoặc «Chưa đạt».")),
        };
    }
    // «96,5 %» in a percentage column means 96,5.
    let number = match ind.measure() {
        Measure::Percent => raw.strip_suffix('%').unwrap_or(raw),
        _ => raw,
    };
    let exact = text::parse_exact_vn(number).map_err(|e| e.replace(number.trim(), raw))?;
    if ind.measure() == Measure::Count && exact.has_more_places_than(0) {
        return Err("Số đếm phải là số nguyên.".into());
    }
    if ind.measure() == Measure::Vnd {
        let places = crate::indicators::money_places(&ind.unit_label);
        if exact.has_more_places_than(places) {
            return Err(format!(
                "Số tiền không có phần lẻ dưới 1 đồng (tính bằng «{}», tối đa {places} chữ số thập phân).",
                if ind.unit_label.is_empty() {
                    "đồng"
                } else {
                    &ind.unit_label
                }
            ));
        }
    }
    let rounded = exact.round(ind.places());
    let at = |bound: f64| text::exact_at(bound, crate::indicators::MAX_DECIMALS as u32 * 3);
    if ind.measure() == Measure::Percent
        && (rounded
            < text::Exact {
                digits: 0,
                scale: 0,
            }
            || rounded
                > text::Exact {
                    digits: 100,
                    scale: 0,
                })
    {
        return Err("Tỷ lệ phải từ 0 đến 100.".into());
    }
    if let Some(min) = ind
        .min_value
        .filter(|m| at(*m).is_some_and(|m| rounded < m))
    {
        return Err(format!("Không được nhỏ hơn {}.", ind.show(min)));
    }
    if let Some(max) = ind
        .max_value
        .filter(|m| at(*m).is_some_and(|m| rounded > m))
    {
        return Err(format!("Không được lớn hơn {}.", ind.show(max)));
    }
    Ok(Some(rounded.to_f64()))
}

/// Checks that need the whole sheet: a figure bounded by another (poor households ≤
/// households), a big jump from last year without a comment, and — when submitting — every
/// figure filled in. Returns (indicator code, message) pairs.
pub fn check_sheet(
    indicators: &[Indicator],
    values: &HashMap<String, f64>,
    comments: &HashMap<String, String>,
    last_year: &HashMap<String, f64>,
    submitting: bool,
) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    for ind in indicators {
        let Some(&v) = values.get(&ind.code) else {
            if submitting {
                problems.push((
                    ind.code.clone(),
                    "Chưa nhập; cần đủ số liệu để gửi duyệt.".into(),
                ));
            }
            continue;
        };
        if let Some(bound) = indicators.iter().find(|b| b.code == ind.at_most_code)
            && let Some(&limit) = values.get(&bound.code)
            && v > limit
        {
            problems.push((
                ind.code.clone(),
                format!(
                    "Không được lớn hơn «{}» ({}).",
                    bound.name,
                    bound.show(limit)
                ),
            ));
        }
        let commented = comments
            .get(&ind.code)
            .is_some_and(|c| !c.trim().is_empty());
        if let (Some(limit), Some(&prev), false) =
            (ind.jump_percent, last_year.get(&ind.code), commented)
            && prev != 0.0
            && ((v - prev) / prev).abs() * 100.0 > limit
        {
            problems.push((
                ind.code.clone(),
                format!(
                    "Thay đổi {} % so với năm trước ({}), quá {} %: hãy ghi chú lý do.",
                    text::decimal_vn(((v - prev) / prev * 100.0).abs(), 1),
                    ind.show(prev),
                    text::decimal_vn(limit, 0)
                ),
            ));
        }
    }
    problems
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
