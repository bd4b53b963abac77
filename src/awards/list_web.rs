//! The round's nominations (issue 12, item 7): `GET /khen-thuong/dot/{id}/de-nghi` with
//! filters (state, unit, category, form, late), search without diacritics, sorting in
//! Vietnamese name order, pages; and the consolidated list "danh sách đề nghị khen thưởng"
//! grouped by form and category, as XLSX (`danh-sach.xlsx`) and as DOCX (`danh-sach.docx`).

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Response};

use super::eligibility::Category;
use super::list_store::{self, Filter};
use super::nominations_store::Nomination;
use super::rounds_store::{self, Round};
use super::workflow::State as NState;
use super::{board_web, subject};
use crate::db::DbConn;
use crate::documents::docx::{self, Block, Letter};
use crate::documents::report::{self, Cell, Sheet, Shown, TitleBlock};
use crate::state::AppState;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::{Path, Query};
use crate::web::session::Ctx;
use crate::web::view::{Layout, Pager, query_string, render};

#[derive(serde::Deserialize, Default, Clone)]
pub struct ListQuery {
    #[serde(default)]
    pub trang_thai: String,
    #[serde(default)]
    pub don_vi: Option<i64>,
    #[serde(default)]
    pub nhom: String,
    #[serde(default)]
    pub hinh_thuc: String,
    #[serde(default)]
    pub tim: String,
    #[serde(default)]
    pub muon: String,
    #[serde(default)]
    pub sap_xep: String,
    pub trang: Option<i64>,
}

impl ListQuery {
    fn filter(&self, round_id: i64, path: String) -> Filter {
        Filter {
            round_id,
            path,
            state: NState::from_code(&self.trang_thai).map_or(String::new(), |s| s.code().into()),
            unit_id: self.don_vi,
            category: Category::from_code(&self.nhom).map_or(String::new(), |c| c.code().into()),
            form_code: text::clean(&self.hinh_thuc),
            q: text::fold(&text::clean(&self.tim)),
            late_only: self.muon == "co",
            sort: self.sap_xep.clone(),
        }
    }

    fn query(&self) -> String {
        let unit = self.don_vi.map(|u| u.to_string()).unwrap_or_default();
        query_string(&[
            ("trang_thai", &self.trang_thai),
            ("don_vi", &unit),
            ("nhom", &self.nhom),
            ("hinh_thuc", &self.hinh_thuc),
            ("tim", &self.tim),
            ("muon", &self.muon),
            ("sap_xep", &self.sap_xep),
        ])
    }
}

async fn round_and_scope(
    c: &mut impl DbConn,
    ctx: &Ctx,
    id: i64,
) -> Result<(Round, String), AppError> {
    let round = rounds_store::one(c, id).await?.ok_or(AppError::NotFound)?;
    let offices: Vec<i64> = rounds_store::units(c, id, "appraising")
        .await?
        .into_iter()
        .map(|u| u.0)
        .collect();
    Ok((round, board_web::scope(ctx, &offices)))
}

#[derive(Template)]
#[template(path = "awards/nominations.html")]
struct ListPage {
    layout: Layout,
    round: Round,
    rows: Vec<Nomination>,
    pager: Pager,
    q: ListQuery,
    query: String,
    units: Vec<(i64, String)>,
    forms: Vec<super::Form>,
}

/// `GET /khen-thuong/dot/{id}/de-nghi`.
pub async fn list(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    let (round, path) = round_and_scope(&mut c, &ctx, id).await?;
    let f = q.filter(id, path.clone());
    let total = list_store::count(&mut c, &f).await?;
    let pager = Pager::new(q.trang, total, q.query());
    pager.past_the_end(q.trang)?;
    let rows = list_store::page(&mut c, &f, crate::web::view::PER_PAGE, pager.offset()).await?;
    // The filter offers the round's proposing units in the reader's scope (a unit that
    // nominated without being listed is still reached from the board).
    let units = rounds_store::units(&mut c, id, "proposing")
        .await?
        .into_iter()
        .filter(|u| u.3.starts_with(&path))
        .map(|(id, _, name, _)| (id, name))
        .collect();
    render(&ListPage {
        layout: Layout::new(
            &ctx,
            "awards",
            format!("Danh sách đề nghị – {}", round.name()),
        )
        .crumb("Khen thưởng", "/khen-thuong")
        .crumb(round.name(), format!("/khen-thuong/dot/{id}"))
        .crumb("Danh sách đề nghị", ""),
        query: q.query(),
        forms: super::store::forms(&mut c).await?,
        round,
        rows,
        pager,
        q,
        units,
    })
}

/// A nomination's expected money in whole đồng, or why it is still "chờ xác nhận".
pub type Expected = Result<i64, String>;

/// The words of an expected amount: "710.000 đ", or "chờ xác nhận (…)".
pub fn expected_text(e: &Expected) -> String {
    match e {
        Ok(v) => text::money_vnd(*v),
        Err(why) => format!("chờ xác nhận ({why})"),
    }
}

/// The nominations of one category under a form, each with its expected money.
pub type CategoryGroup = (Category, Vec<(Nomination, Expected)>);

/// The consolidated list: nominations grouped by form, then category, each with its expected
/// money ("chờ xác nhận" when the coefficient is open).
pub struct Consolidated {
    pub round: Round,
    pub groups: Vec<(String, Vec<CategoryGroup>)>,
    pub total: usize,
}

/// Reads the consolidated list of the filter (drafts and withdrawn ones left out unless their
/// state is asked for).
pub async fn consolidated(
    c: &mut impl DbConn,
    round: Round,
    f: &Filter,
) -> Result<Consolidated, sqlx::Error> {
    let rows = list_store::all_for_list(c, f).await?;
    let mut money: HashMap<(String, String), Expected> = HashMap::new();
    let mut groups: Vec<(String, Vec<CategoryGroup>)> = Vec::new();
    let mut total = 0;
    for n in rows {
        // Unless a state is asked for, the list is what was proposed: not drafts, not
        // withdrawn ones.
        if f.state.is_empty()
            && matches!(
                NState::from_code(&n.state),
                Some(NState::Withdrawn | NState::Draft)
            )
        {
            continue;
        }
        let key = (n.form_code.clone(), n.subject_type.clone());
        if !money.contains_key(&key) {
            let kind = subject::kind_of(&n.subject_type);
            let m = subject::expected_money(c, &n.form_code, kind, round.deadline).await?;
            money.insert(key.clone(), m.map(|m| m.amount));
        }
        let amount = money
            .get(&key)
            .cloned()
            .unwrap_or_else(|| Err(String::new()));
        let cat = Category::from_code(&n.category).unwrap_or(Category::H);
        if groups.last().is_none_or(|g| g.0 != n.form_name) {
            groups.push((n.form_name.clone(), Vec::new()));
        }
        if let Some(g) = groups.last_mut() {
            if g.1.last().is_none_or(|x| x.0 != cat) {
                g.1.push((cat, Vec::new()));
            }
            if let Some(x) = g.1.last_mut() {
                x.1.push((n, amount));
                total += 1;
            }
        }
    }
    Ok(Consolidated {
        round,
        groups,
        total,
    })
}

/// `GET /khen-thuong/dot/{id}/danh-sach.xlsx` (the list's filters).
pub async fn xlsx(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let mut c = st.db.conn().await?;
    let (round, path) = round_and_scope(&mut c, &ctx, id).await?;
    let list = consolidated(&mut c, round, &q.filter(id, path)).await?;
    let bytes = xlsx_bytes(&list, &ctx).map_err(|e| AppError::Internal(e.into()))?;
    Ok(crate::web::view::xlsx_response(
        bytes,
        &format!("danh-sach-de-nghi-khen-thuong-{}.xlsx", list.round.year),
    ))
}

/// The consolidated list as a report workbook: one row per nominee under its form and
/// category headings.
pub fn xlsx_bytes(list: &Consolidated, ctx: &Ctx) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut rows = Vec::new();
    let mut stt = 0;
    for (form, cats) in &list.groups {
        rows.push(vec![Cell::Empty, Cell::from(form.to_uppercase())]);
        for (cat, items) in cats {
            rows.push(vec![Cell::Empty, Cell::from(cat.label())]);
            for (n, amount) in items {
                stt += 1;
                rows.push(vec![
                    Cell::Number(f64::from(stt), Shown::Year),
                    Cell::from(n.subject_name.clone()),
                    Cell::from(n.unit_name.clone()),
                    Cell::from(cat.code().to_uppercase()),
                    Cell::from(n.form_name.clone()),
                    Cell::from(n.achievement.clone()),
                    match amount {
                        Ok(v) => Cell::Number(*v as f64, Shown::Decimal(0)),
                        Err(_) => Cell::from(expected_text(amount)),
                    },
                    Cell::from(super::show_web::state_label(&n.state)),
                    Cell::from(if n.late {
                        format!("Nộp muộn: {}", n.late_reason)
                    } else {
                        String::new()
                    }),
                ]);
            }
        }
    }
    let title = TitleBlock {
        title: format!("Danh sách đề nghị khen thưởng – {}", list.round.name()),
        lines: vec![
            format!("Phong trào: {}", list.round.movement_title),
            format!("Hạn nộp: {}", text::date_vn(list.round.deadline)),
            format!("Số đề nghị: {}", list.total),
        ],
        exported_at: crate::clock::local_time(ctx.now),
        exported_by: ctx.user.full_name.clone(),
    };
    let cols = [
        ("STT", 6.0),
        ("Tên tập thể, cá nhân, hộ", 32.0),
        ("Đơn vị đề nghị", 24.0),
        ("Nhóm (mục V.1)", 10.0),
        ("Hình thức", 24.0),
        ("Tóm tắt thành tích", 50.0),
        ("Tiền thưởng dự kiến (đồng)", 18.0),
        ("Trạng thái", 22.0),
        ("Ghi chú", 24.0),
    ];
    report::write(
        &title,
        &[Sheet {
            name: "Danh sách đề nghị".into(),
            columns: cols.iter().map(|(n, w)| (n.to_string(), *w)).collect(),
            rows,
        }],
    )
}

/// `GET /khen-thuong/dot/{id}/danh-sach.docx` (the list's filters).
pub async fn docx(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let mut c = st.db.conn().await?;
    let (round, path) = round_and_scope(&mut c, &ctx, id).await?;
    let list = consolidated(&mut c, round, &q.filter(id, path)).await?;
    let bytes = docx::render(&docx_letter(&list, st.clock.today()))
        .map_err(|e| AppError::Internal(anyhow::anyhow!(e)))?;
    Ok(super::dossier_web::docx_response(
        bytes,
        &format!("danh-sach-de-nghi-khen-thuong-{}.docx", list.round.year),
    ))
}

/// The consolidated list in Decree 30 layout, as the NTM office files it with Internal Affairs.
pub fn docx_letter(list: &Consolidated, today: chrono::NaiveDate) -> Letter {
    let mut body = vec![Block::Text(format!(
        "Tổng hợp đề nghị khen thưởng năm {} của phong trào «{}»: {} đề nghị.",
        list.round.year, list.round.movement_title, list.total
    ))];
    let mut stt = 0;
    for (i, (form, cats)) in list.groups.iter().enumerate() {
        body.push(Block::Heading(format!("{}. {}", roman(i + 1), form)));
        for (cat, items) in cats {
            body.push(Block::Heading(format!("Nhóm {}", cat.label())));
            let rows = items
                .iter()
                .map(|(n, amount)| {
                    stt += 1;
                    vec![
                        stt.to_string(),
                        n.subject_name.clone(),
                        n.unit_name.clone(),
                        n.achievement.clone(),
                        expected_text(amount),
                    ]
                })
                .collect();
            body.push(Block::Table {
                headers: [
                    "TT",
                    "Tên tập thể, cá nhân, hộ",
                    "Đơn vị đề nghị",
                    "Tóm tắt thành tích",
                    "Tiền thưởng",
                ]
                .map(String::from)
                .to_vec(),
                widths: vec![60, 230, 200, 330, 180],
                rows,
            });
        }
    }
    if list.round.thematic() {
        body.push(Block::Text(super::guards::THEMATIC_NOTE.into()));
    }
    Letter {
        parent: "UBND THỊ XÃ HỒNG LĨNH".into(),
        issuer: list.round.receiving_name.to_uppercase(),
        place_date: docx::place_date("Hồng Lĩnh", today),
        kind: "DANH SÁCH".into(),
        subject: format!("Đề nghị khen thưởng năm {}", list.round.year),
        body,
        signature: (String::new(), "CHÁNH VĂN PHÒNG".into(), String::new()),
        send_to: vec!["Phòng Nội vụ".into(), "Thường trực Ban Chỉ đạo".into()],
        ..Letter::default()
    }
}

fn roman(n: usize) -> &'static str {
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
        .get(n.saturating_sub(1))
        .copied()
        .unwrap_or("X")
}
