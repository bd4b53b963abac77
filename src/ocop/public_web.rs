//! The public, login-free OCOP catalogue (the public portal of `criteria::public_web`): one page
//! per product — name, stars, owner (an enterprise or cooperative), producing unit, the last
//! day its certificate is valid — with a QR code drawn on the server that links to the page, so
//! the page prints as the product's label. Nothing else personal.

use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use qrcode::QrCode;
use qrcode::render::svg;

use super::store::{self, Product};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::extract::Path;
use crate::web::view::render;

#[derive(Template)]
#[template(path = "ocop/public_list.html")]
struct ListPage {
    products: Vec<Product>,
    today: chrono::NaiveDate,
}

/// `GET /cong-khai/ocop`: every product with a certificate, by unit.
pub async fn list(State(st): State<AppState>) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    let products = store::products_in(&mut c, "/", 2_000, 0)
        .await?
        .into_iter()
        .filter(|p| p.valid_through.is_some())
        .collect();
    render(&ListPage {
        products,
        today: st.clock.today(),
    })
}

#[derive(Template)]
#[template(path = "ocop/public_product.html")]
struct ProductPage {
    p: Product,
    today: chrono::NaiveDate,
    has_photo: bool,
}

/// A product shown in public: one with a certificate, owned by a unit (a person's or a
/// household's name is not published).
async fn public(st: &AppState, id: i64) -> Result<Product, AppError> {
    let mut c = st.db.conn().await?;
    store::product(&mut c, id)
        .await?
        .filter(|p| p.valid_through.is_some() && p.owner_type == "unit")
        .ok_or(AppError::NotFound)
}

/// `GET /cong-khai/ocop/{id}`.
pub async fn product(
    State(st): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let p = public(&st, id).await?;
    render(&ProductPage {
        has_photo: super::photo_web::has_photo(&st, id).await?,
        p,
        today: st.clock.today(),
    })
}

/// `GET /cong-khai/ocop/{id}/anh`: the photo of a product in the public catalogue.
pub async fn photo(State(st): State<AppState>, Path(id): Path<i64>) -> Result<Response, AppError> {
    public(&st, id).await?;
    super::photo_web::photo_of(&st, id).await
}

/// The address the QR code carries: the public URL the instance is reached at (settings), else
/// the address it listens on.
fn page_url(st: &AppState, id: i64) -> String {
    let base = if st.settings.public_url.is_empty() {
        format!("http://{}", st.settings.bind)
    } else {
        st.settings.public_url.trim_end_matches('/').to_string()
    };
    format!("{base}/cong-khai/ocop/{id}")
}

/// `GET /cong-khai/ocop/{id}/qr.svg`: the QR code of the product's public page.
pub async fn qr(State(st): State<AppState>, Path(id): Path<i64>) -> Result<Response, AppError> {
    public(&st, id).await?;
    let code = QrCode::new(page_url(&st, id).as_bytes())
        .map_err(|e| AppError::Internal(anyhow::anyhow!("QR: {e}")))?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    Ok(([(header::CONTENT_TYPE, "image/svg+xml")], image).into_response())
}
