//! The council's members (issue 13, item 2): `/khen-thuong/hoi-dong?don_vi=` keeps a body's
//! members by period with their roles, the signing forms and the print offsets for blanks.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Redirect};
use serde::Deserialize;
use serde_json::json;

use super::access;
use super::council::MemberRole;
use super::council_store::{self as store, Member, NewMember};
use super::decision_doc::SigningForm;
use super::decision_store::{self};
use crate::audit;
use crate::auth::CurrentUser;
use crate::db::DbConn;
use crate::state::AppState;
use crate::text;
use crate::units::Unit;
use crate::web::error::AppError;
use crate::web::extract::{Form, Path, Query};
use crate::web::session::Ctx;
use crate::web::view::{Layout, render};

#[derive(Template)]
#[template(path = "awards/council_members.html")]
struct MembersPage {
    layout: Layout,
    body: Unit,
    members: Vec<Member>,
    roles: [MemberRole; 5],
    forms: [SigningForm; 3],
    offsets: (String, String),
}

#[derive(Deserialize)]
pub struct BodyQuery {
    #[serde(default)]
    don_vi: Option<i64>,
}

async fn body_for(
    c: &mut impl DbConn,
    user: &CurrentUser,
    id: Option<i64>,
) -> Result<Unit, AppError> {
    let id = id.or_else(|| {
        user.grants
            .iter()
            .find(|g| access::may_run_council(user, &g.unit_path))
            .map(|g| g.unit_id)
    });
    let body = match id {
        Some(id) => crate::units::store::by_id(c, id).await?,
        None => None,
    }
    .ok_or(AppError::NotFound)?;
    if !access::may_run_council(user, &body.path) {
        return Err(AppError::Forbidden);
    }
    Ok(body)
}

/// `GET /khen-thuong/hoi-dong?don_vi=`: the body's council members by period, and its print
/// offsets for certificate blanks.
pub async fn members_page(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<BodyQuery>,
) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    let body = body_for(&mut c, &ctx.user, q.don_vi).await?;
    let members = store::members(&mut c, body.id).await?;
    let offsets = decision_store::offsets(&mut c, body.id)
        .await?
        .unwrap_or_else(|| ("0".into(), "0".into()));
    render(&MembersPage {
        layout: Layout::new(
            &ctx,
            "awards",
            format!("Hội đồng Thi đua – Khen thưởng — {}", body.name),
        )
        .crumb("Khen thưởng", "/khen-thuong"),
        body,
        members,
        roles: MemberRole::ALL,
        forms: SigningForm::ALL,
        offsets,
    })
}

#[derive(Deserialize)]
pub struct MemberForm {
    #[serde(default)]
    body_id: String,
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    from_date: String,
    #[serde(default)]
    to_date: String,
}

/// `POST /khen-thuong/hoi-dong/thanh-vien`: a member with role and period; `username` links
/// the account the member casts ballots with (optional: a member without one cannot vote in
/// the product, and is counted among all members all the same).
pub async fn add_member(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(f): Form<MemberForm>,
) -> Result<Redirect, AppError> {
    let bad = |m: &str| AppError::BadRequest(m.into());
    let body_id: i64 = f.body_id.parse().map_err(|_| bad("Thiếu cơ quan."))?;
    let name = text::clean_limited(&f.full_name, 200).map_err(AppError::BadRequest)?;
    if name.is_empty() {
        return Err(bad("Ghi họ và tên thành viên."));
    }
    let position = text::clean_limited(&f.position, 200).map_err(AppError::BadRequest)?;
    let role = MemberRole::from_code(&f.role).ok_or_else(|| bad("Chọn vai trò trong Hội đồng."))?;
    let from = text::parse_date(&f.from_date)
        .ok_or_else(|| bad("Ngày bắt đầu nhiệm kỳ ghi theo dạng ngày/tháng/năm."))?;
    let to = match f.to_date.trim() {
        "" => None,
        t => Some(
            text::parse_date(t)
                .filter(|t| *t >= from)
                .ok_or_else(|| bad("Ngày kết thúc phải là một ngày, không trước ngày bắt đầu."))?,
        ),
    };
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let body = body_for(&mut tx, &ctx.user, Some(body_id)).await?;
    let user_id = match f.username.trim() {
        "" => None,
        u => Some(
            crate::auth::store::user_by_username(&mut tx, u)
                .await?
                .ok_or_else(|| bad("Không có tài khoản với tên đăng nhập này."))?
                .id,
        ),
    };
    let m = NewMember {
        body_unit_id: body.id,
        full_name: &name,
        position: &position,
        role: role.code(),
        user_id,
        from_date: from,
        to_date: to,
        is_demo: false,
    };
    let id = store::insert_member(&mut tx, &m, Some(ctx.user.id), now).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.council_member_add",
        "council_member",
        &id.to_string(),
        &json!({"body": body.id, "name": name, "role": role.code(), "from": from, "to": to, "user": user_id}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, &format!("Đã ghi thành viên {name}."))
        .await?;
    Ok(Redirect::to(&format!(
        "/khen-thuong/hoi-dong?don_vi={}",
        body.id
    )))
}

#[derive(Deserialize)]
pub struct EndForm {
    #[serde(default)]
    to_date: String,
}

/// `POST /khen-thuong/hoi-dong/thanh-vien/{id}/ket-thuc`: the member's last day in office.
pub async fn end_member(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<EndForm>,
) -> Result<Redirect, AppError> {
    let to = text::parse_date(&f.to_date).ok_or_else(|| {
        AppError::BadRequest("Ngày kết thúc ghi theo dạng ngày/tháng/năm.".into())
    })?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let body_id = store::member_body(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let body = body_for(&mut tx, &ctx.user, Some(body_id)).await?;
    store::end_member(&mut tx, id, to).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.council_member_end",
        "council_member",
        &id.to_string(),
        &json!({"to": to}),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!(
        "/khen-thuong/hoi-dong?don_vi={}",
        body.id
    )))
}
