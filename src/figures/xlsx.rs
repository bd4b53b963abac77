//! A unit's sheet as an Excel workbook: download it blank (or as filled so far), fill it in
//! Excel, upload it. An upload is checked whole: every bad cell is named by sheet, row and
//! column, and a workbook with any bad cell writes nothing.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde_json::json;

use super::sheet::{SheetData, load, load_writable, typed};
use super::{check_sheet, parse_value, store};
use crate::app::AppState;
use crate::audit;
use crate::documents::xlsx::{Cell, column_name, read_sheet};
use crate::units::transfer_web::xlsx_response;
use crate::web::error::AppError;
use crate::web::session::Ctx;
use crate::web::view::{Layout, render};

pub const SHEET: &str = "Số liệu";
/// The row (0-based) of the column headers; figures start on the next row.
const HEADER_ROW: usize = 3;
const HEADERS: [&str; 6] = [
    "Mã chỉ số",
    "Chỉ số",
    "Đơn vị tính",
    "Năm trước",
    "Giá trị",
    "Ghi chú",
];
const VALUE_COL: usize = 4;
const COMMENT_COL: usize = 5;

pub fn workbook(data: &SheetData) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    let bold = Format::new().set_bold();
    ws.write_string_with_format(0, 0, "Mã đơn vị", &bold)?;
    ws.write_string(0, 1, &data.unit.code)?;
    ws.write_string(0, 2, &data.unit.name)?;
    ws.write_string_with_format(1, 0, "Năm", &bold)?;
    ws.write_number(1, 1, data.year as f64)?;
    ws.write_string(
        2,
        0,
        "Chỉ điền cột «Giá trị» và «Ghi chú»; không đổi mã chỉ số. Số thập phân dùng dấu phẩy hoặc nhập dạng số.",
    )?;
    for (col, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW as u32, col as u16, *h, &bold)?;
    }
    ws.set_column_width(1, 55)?;
    ws.set_column_width(2, 16)?;
    ws.set_column_width(3, 14)?;
    ws.set_column_width(4, 14)?;
    ws.set_column_width(5, 40)?;
    for (n, i) in data.entered.iter().enumerate() {
        let r = (HEADER_ROW + 1 + n) as u32;
        ws.write_string(r, 0, &i.code)?;
        ws.write_string(r, 1, &i.name)?;
        ws.write_string(
            r,
            2,
            if i.unit_label.is_empty() {
                i.measure().label()
            } else {
                &i.unit_label
            },
        )?;
        if let Some(v) = data.last_year.get(&i.code) {
            ws.write_string(r, 3, typed(i, *v))?;
        }
        let stored = data.values.get(&i.id);
        match stored.and_then(|f| f.value) {
            Some(v) if i.measure() == crate::indicators::Measure::YesNo => {
                ws.write_string(r, VALUE_COL as u16, typed(i, v))?;
            }
            Some(v) => {
                ws.write_number(r, VALUE_COL as u16, v)?;
            }
            None => {}
        }
        if let Some(f) = stored.filter(|f| !f.comment.is_empty()) {
            ws.write_string(r, COMMENT_COL as u16, &f.comment)?;
        }
    }
    ws.set_freeze_panes(HEADER_ROW as u32 + 1, 0)?;
    wb.save_to_buffer()
}

/// One bad cell: where it is, as Excel shows it, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellError {
    pub row: usize,
    pub column: String,
    pub message: String,
}

impl CellError {
    fn at(row: usize, col: usize, message: impl Into<String>) -> CellError {
        CellError {
            row: row + 1,
            column: column_name(col),
            message: message.into(),
        }
    }

    pub fn place(&self) -> String {
        if self.row == 0 {
            format!("Trang «{SHEET}»")
        } else {
            format!("Trang «{SHEET}», dòng {}, cột {}", self.row, self.column)
        }
    }
}

/// A figure read from the workbook: indicator id, value, comment.
pub type Read = (i64, Option<f64>, String);

fn text_of(c: Option<&Cell>) -> String {
    match c {
        Some(Cell::Text(t)) => t.trim().to_string(),
        // Written with a decimal comma so it cannot read as thousands.
        Some(Cell::Number(n)) => n.to_string().replace('.', ","),
        _ => String::new(),
    }
}

/// Reads and checks a filled workbook against the sheet it must belong to.
pub fn parse(bytes: &[u8], data: &SheetData) -> Result<Vec<Read>, Vec<CellError>> {
    let whole = |m: String| {
        vec![CellError {
            row: 0,
            column: String::new(),
            message: m,
        }]
    };
    let rows = read_sheet(bytes, SHEET).map_err(whole)?.ok_or_else(|| {
        whole(format!(
            "Không có trang «{SHEET}»; hãy dùng tệp mẫu tải từ hệ thống."
        ))
    })?;
    let mut errors = Vec::new();
    let cell = |r: usize, c: usize| rows.get(r).and_then(|row| row.get(c));
    if text_of(cell(0, 1)) != data.unit.code {
        errors.push(CellError::at(
            0,
            1,
            format!(
                "Mã đơn vị phải là {} (tệp của đơn vị khác?).",
                data.unit.code
            ),
        ));
    }
    if text_of(cell(1, 1)) != data.year.to_string() {
        errors.push(CellError::at(1, 1, format!("Năm phải là {}.", data.year)));
    }
    let by_code: HashMap<&str, &crate::indicators::Indicator> =
        data.entered.iter().map(|i| (i.code.as_str(), i)).collect();
    let mut read: Vec<Read> = Vec::new();
    let mut row_of: HashMap<String, usize> = HashMap::new();
    let (mut values, mut comments) = (HashMap::new(), HashMap::new());
    for r in HEADER_ROW + 1..rows.len() {
        let code = text_of(cell(r, 0));
        let raw = text_of(cell(r, VALUE_COL));
        let comment = crate::text::clean(&text_of(cell(r, COMMENT_COL)));
        if code.is_empty() {
            if !raw.is_empty() {
                errors.push(CellError::at(r, 0, "Có giá trị nhưng thiếu mã chỉ số."));
            }
            continue;
        }
        let Some(ind) = by_code.get(code.as_str()) else {
            errors.push(CellError::at(
                r,
                0,
                format!("Mã chỉ số «{code}» không thuộc bảng số liệu của đơn vị này."),
            ));
            continue;
        };
        if row_of.insert(code.clone(), r).is_some() {
            errors.push(CellError::at(
                r,
                0,
                format!("Mã chỉ số «{code}» xuất hiện hai lần."),
            ));
            continue;
        }
        match parse_value(ind, &raw) {
            Ok(v) => {
                if let Some(v) = v {
                    values.insert(code.clone(), v);
                }
                comments.insert(code.clone(), comment.clone());
                read.push((ind.id, v, comment));
            }
            Err(m) => errors.push(CellError::at(r, VALUE_COL, m)),
        }
    }
    for (code, msg) in check_sheet(&data.entered, &values, &comments, &data.last_year, false) {
        if let Some(&r) = row_of.get(&code) {
            errors.push(CellError::at(r, VALUE_COL, msg));
        }
    }
    if errors.is_empty() {
        Ok(read)
    } else {
        errors.sort_by_key(|e| (e.row, e.column.clone()));
        Err(errors)
    }
}

pub async fn download(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((unit_id, year)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let data = load(&st, &ctx, unit_id, &year).await?;
    let bytes = workbook(&data).map_err(|e| AppError::Internal(e.into()))?;
    Ok(xlsx_response(
        bytes,
        &format!("so-lieu-{}-{}.xlsx", data.unit.code, data.year),
    ))
}

#[derive(Template)]
#[template(path = "figures/import.html")]
struct ImportPage {
    layout: Layout,
    unit_id: i64,
    unit_name: String,
    year: i64,
    errors: Vec<CellError>,
}

fn import_page(
    ctx: &Ctx,
    data: &SheetData,
    errors: Vec<CellError>,
) -> Result<Html<String>, AppError> {
    render(&ImportPage {
        layout: Layout::new(ctx, "figures", "Nhập số liệu từ Excel")
            .crumb("Số liệu chỉ tiêu", format!("/so-lieu?nam={}", data.year))
            .crumb(
                format!("{} – {}", data.unit.name, data.year),
                format!("/so-lieu/{}/{}", data.unit.id, data.year),
            )
            .crumb("Nhập từ Excel", ""),
        unit_id: data.unit.id,
        unit_name: data.unit.name.clone(),
        year: data.year,
        errors,
    })
}

pub async fn import_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((unit_id, year)): Path<(i64, String)>,
) -> Result<Html<String>, AppError> {
    let data = load(&st, &ctx, unit_id, &year).await?;
    import_page(&ctx, &data, Vec::new())
}

pub async fn import(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((unit_id, year)): Path<(i64, String)>,
    form: Multipart,
) -> Result<Response, AppError> {
    let data = load_writable(&st, &ctx, unit_id, &year).await?;
    let bytes = crate::web::upload::read(form).await?.bytes;
    let read = match parse(&bytes, &data) {
        Ok(read) => read,
        Err(errors) => return Ok(import_page(&ctx, &data, errors)?.into_response()),
    };
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let sheet = store::sheet_for_writing(&mut tx, data.unit.id, data.year, now).await?;
    if !sheet.status().is_editable() || !store::touch(&mut tx, &sheet, now).await? {
        return Err(AppError::Conflict(
            "Bảng số liệu vừa được thay đổi ở nơi khác; hãy thử lại.".into(),
        ));
    }
    for (indicator_id, value, comment) in &read {
        store::put_figure(&mut tx, &sheet, *indicator_id, *value, comment, now).await?;
    }
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "figures.import",
        "figure_sheet",
        &sheet.id.to_string(),
        &json!({"unit": data.unit.code, "year": data.year, "figures": read.len()}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!(
            "Đã nhập {} chỉ số từ tệp Excel (chưa gửi duyệt).",
            read.len()
        ),
    )
    .await?;
    Ok(Redirect::to(&format!("/so-lieu/{}/{}", data.unit.id, data.year)).into_response())
}
