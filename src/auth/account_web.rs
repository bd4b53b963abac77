//! The administrator's heavy actions on an account — removing a role, stopping the account,
//! issuing a new password — each through the confirmation page (`web::confirm`, issue 8,
//! item 6): a POST without `xac_nhan=co` only shows what will happen.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use super::store::{self, UserRow};
use super::users_web::{admin_only, load_user};
use super::{Role, generate_password};
use crate::audit;
use crate::state::AppState;
use crate::units;
use crate::web::confirm::{self, Confirmation, Confirmed};
use crate::web::error::AppError;
use crate::web::extract::{Form, Path};
use crate::web::session::Ctx;
use crate::web::view::Layout;

#[derive(Deserialize)]
pub struct RemoveRole {
    role: String,
    unit_id: i64,
    #[serde(flatten)]
    confirmed: Confirmed,
}

fn confirm_page(ctx: &Ctx, user: &UserRow, c: Confirmation) -> Result<Response, AppError> {
    let back = format!("/quan-tri/nguoi-dung/{}", user.id);
    let layout = Layout::new(ctx, "users", "Xác nhận")
        .crumb("Người dùng", "/quan-tri/nguoi-dung")
        .crumb(user.username.clone(), back);
    Ok(confirm::page(layout, c)?.into_response())
}

pub async fn remove_role(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<RemoveRole>,
) -> Result<Response, AppError> {
    admin_only(&ctx)?;
    let user = load_user(&st, id).await?;
    let role = Role::from_code(&f.role)
        .ok_or_else(|| AppError::BadRequest("Vai trò không hợp lệ.".into()))?;
    if id == ctx.user.id && role == Role::Admin {
        return Err(AppError::BadRequest(
            "Không thể tự bỏ vai trò quản trị của chính mình.".into(),
        ));
    }
    if !f.confirmed.given() {
        let mut c = st.db.conn().await?;
        let unit = units::store::by_id(&mut c, f.unit_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let back = format!("/quan-tri/nguoi-dung/{id}");
        return confirm_page(
            &ctx,
            &user,
            Confirmation {
                heading: format!("Bỏ vai trò {} – {}", role.label(), user.full_name),
                consequences: vec![
                    format!("{} không còn là {} tại {} nữa.", user.full_name, role.label(), unit.name),
                    "Những việc tài khoản làm được nhờ vai trò này (xem, nhập, duyệt trong phạm vi đơn vị đó) dừng ngay từ lần bấm tiếp theo.".into(),
                    "Muốn giao lại, quản trị phải thêm vai trò mới; việc này được ghi vào nhật ký.".into(),
                ],
                action: format!("{back}/vai-tro/xoa"),
                hidden: vec![
                    ("role".into(), role.code().into()),
                    ("unit_id".into(), f.unit_id.to_string()),
                ],
                button: "Xác nhận bỏ vai trò".into(),
                back,
            },
        );
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    if store::remove_grant(&mut tx, id, role, f.unit_id).await? == 0 {
        return Err(AppError::NotFound);
    }
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "user.revoke",
        "user",
        &id.to_string(),
        &json!({"role": role.code(), "unit_id": f.unit_id}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, "Đã bỏ vai trò.").await?;
    Ok(Redirect::to(&format!("/quan-tri/nguoi-dung/{id}")).into_response())
}

#[derive(Deserialize)]
pub struct ActiveForm {
    active: String,
    #[serde(flatten)]
    confirmed: Confirmed,
}

pub async fn set_active(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<ActiveForm>,
) -> Result<Response, AppError> {
    admin_only(&ctx)?;
    let user = load_user(&st, id).await?;
    let active = f.active == "1";
    if id == ctx.user.id && !active {
        return Err(AppError::BadRequest(
            "Không thể tự ngừng tài khoản của chính mình.".into(),
        ));
    }
    if !active && !f.confirmed.given() {
        let back = format!("/quan-tri/nguoi-dung/{id}");
        return confirm_page(
            &ctx,
            &user,
            Confirmation {
                heading: format!("Ngừng tài khoản {} – {}", user.username, user.full_name),
                consequences: vec![
                    "Tài khoản không đăng nhập được nữa; mọi phiên đang mở của tài khoản kết thúc ngay.".into(),
                    "Vai trò và những gì tài khoản đã làm được giữ nguyên; có thể mở lại tài khoản sau.".into(),
                ],
                action: format!("{back}/trang-thai"),
                hidden: vec![("active".into(), "0".into())],
                button: "Xác nhận ngừng tài khoản".into(),
                back,
            },
        );
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    store::update_user(&mut tx, id, &user.full_name, active, now).await?;
    if !active {
        store::delete_user_sessions(&mut tx, id).await?;
    }
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        if active {
            "user.activate"
        } else {
            "user.deactivate"
        },
        "user",
        &id.to_string(),
        &json!({}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        if active {
            "Đã mở lại tài khoản."
        } else {
            "Đã ngừng tài khoản; các phiên đăng nhập của tài khoản đã kết thúc."
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/quan-tri/nguoi-dung/{id}")).into_response())
}

pub async fn reset_password(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<Confirmed>,
) -> Result<Response, AppError> {
    admin_only(&ctx)?;
    let user = load_user(&st, id).await?;
    if !f.given() {
        let back = format!("/quan-tri/nguoi-dung/{id}");
        return confirm_page(
            &ctx,
            &user,
            Confirmation {
                heading: format!("Cấp lại mật khẩu cho {} – {}", user.username, user.full_name),
                consequences: vec![
                    "Mật khẩu hiện tại thôi dùng được; mọi phiên đang mở của tài khoản kết thúc ngay.".into(),
                    "Mật khẩu mới chỉ hiện một lần trên trang sau: hãy chuyển cho người dùng qua kênh an toàn.".into(),
                    "Khi đăng nhập bằng mật khẩu mới, người dùng phải đổi sang mật khẩu của riêng mình trước khi làm việc.".into(),
                ],
                action: format!("{back}/mat-khau"),
                hidden: Vec::new(),
                button: "Xác nhận cấp lại mật khẩu".into(),
                back,
            },
        );
    }
    let password =
        generate_password().map_err(|e| AppError::Internal(anyhow::anyhow!("random: {e}")))?;
    let hash = super::web::hash_password(password.clone()).await?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    // The administrator knows the new password: the person replaces it at next sign-in.
    store::set_password(&mut tx, id, &hash, true, now).await?;
    store::delete_user_sessions(&mut tx, id).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "user.password_reset",
        "user",
        &id.to_string(),
        &json!({}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!(
            "Mật khẩu mới của {} (chỉ hiện một lần): {password}",
            user.username
        ),
    )
    .await?;
    Ok(Redirect::to(&format!("/quan-tri/nguoi-dung/{id}")).into_response())
}
