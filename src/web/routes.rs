//! The whole URL map in one place. URLs are Vietnamese, like the pages they lead to.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use super::{error, home};
use crate::documents::workbook::Limits;
use crate::state::AppState;
use crate::{audit, auth, blocs, figures, indicators, movements, subjects, units};

/// A workbook route's body limit: the file's own limit and room for the form around it.
fn upload_limit(limits: &Limits) -> usize {
    limits.file_bytes + 64 * 1024
}

pub fn all() -> Router<AppState> {
    Router::new()
        .route("/", get(home::index))
        .route("/suc-khoe", get(home::health))
        .route("/tai-nguyen/giao-dien.css", get(home::stylesheet))
        .route(
            "/dang-nhap",
            get(auth::web::login_form).post(auth::web::login),
        )
        .route("/dang-xuat", post(auth::web::logout))
        .route(
            "/tai-khoan/mat-khau",
            get(auth::web::password_form).post(auth::web::change_password),
        )
        .route(
            "/don-vi",
            get(units::browse_web::tree).post(units::web::create),
        )
        .route("/don-vi/tim", get(units::browse_web::search))
        .route("/don-vi/moi", get(units::web::new_form))
        .route("/don-vi/xuat.xlsx", get(units::transfer_web::export))
        .route(
            "/don-vi/nhap",
            get(units::transfer_web::import_form)
                .post(units::transfer_web::import)
                .layer(DefaultBodyLimit::max(upload_limit(&Limits::UNITS))),
        )
        .route("/don-vi/{id}", get(units::web::show))
        .route(
            "/don-vi/{id}/sua",
            get(units::edit_web::edit_form).post(units::edit_web::update),
        )
        .route("/don-vi/{id}/dong", post(units::edit_web::close))
        .route(
            "/don-vi/{id}/tien-than",
            post(units::succession_web::add_predecessor),
        )
        .route(
            "/khoi-thi-dua",
            get(blocs::web::list).post(blocs::web::create),
        )
        .route("/khoi-thi-dua/moi", get(blocs::web::new_form))
        .route("/khoi-thi-dua/{id}", get(blocs::members_web::show))
        .route(
            "/khoi-thi-dua/{id}/sua",
            get(blocs::web::edit_form).post(blocs::web::update),
        )
        .route(
            "/khoi-thi-dua/{id}/thanh-vien",
            post(blocs::members_web::add_member),
        )
        .route(
            "/khoi-thi-dua/{id}/thanh-vien/bo",
            post(blocs::members_web::remove_member),
        )
        .route(
            "/khoi-thi-dua/{id}/chuyen-nam",
            post(blocs::members_web::carry_over),
        )
        .route("/chi-tieu", get(indicators::dashboard_web::dashboard))
        .route("/phong-trao", post(movements::web::create))
        .route("/phong-trao/moi", get(movements::web::new_form))
        .route(
            "/chi-tieu/danh-muc",
            get(indicators::catalogue_web::catalogue),
        )
        .route(
            "/chi-tieu/danh-muc/chi-so",
            get(indicators::catalogue_web::new_indicator)
                .post(indicators::catalogue_web::create_indicator),
        )
        .route(
            "/chi-tieu/danh-muc/chi-tieu",
            get(indicators::catalogue_web::new_target)
                .post(indicators::catalogue_web::create_target),
        )
        .route("/chi-tieu/xuat.xlsx", get(indicators::export::export))
        .route(
            "/chi-tieu/chi-so/{id}",
            get(indicators::dashboard_web::drill),
        )
        .merge(criteria_routes())
        .merge(resources_routes())
        .merge(super::award_routes::awards_routes())
        .route(
            "/ocop",
            get(crate::ocop::web::list).post(crate::ocop::web::create),
        )
        .route("/ocop/{id}", get(crate::ocop::web::show))
        .route(
            "/ocop/{id}/anh",
            get(crate::ocop::photo_web::show)
                .post(crate::ocop::photo_web::upload)
                .layer(DefaultBodyLimit::max(crate::files::web::BODY_LIMIT)),
        )
        .route(
            "/cong-khai/ocop/{id}/anh",
            get(crate::ocop::public_web::photo),
        )
        .route("/ocop/{id}/danh-gia", post(crate::ocop::web::evaluate))
        .route(
            "/ocop/{id}/danh-gia/{evaluation}/thu-hoi",
            post(crate::ocop::web::revoke),
        )
        .route("/cong-khai/ocop", get(crate::ocop::public_web::list))
        .route(
            "/cong-khai/ocop/{id}",
            get(crate::ocop::public_web::product),
        )
        .route(
            "/cong-khai/ocop/{id}/qr.svg",
            get(crate::ocop::public_web::qr),
        )
        .route("/thong-bao", get(crate::notices::web::list))
        .route("/thong-bao/da-doc", post(crate::notices::web::read_all))
        .route(
            "/thong-bao/{id}",
            get(crate::notices::web::open).post(crate::notices::web::open),
        )
        .route("/so-lieu", get(figures::completeness_web::completeness))
        .route("/so-lieu/xuat.xlsx", get(figures::completeness_web::export))
        .route(
            "/so-lieu/duyet-nhieu",
            post(figures::batch_web::approve_selected),
        )
        .route(
            "/so-lieu/{unit}/{year}",
            get(figures::entry_web::show).post(figures::entry_web::save),
        )
        .route(
            "/so-lieu/{unit}/{year}/mau.xlsx",
            get(figures::workbook_web::download),
        )
        .route(
            "/so-lieu/{unit}/{year}/nhap",
            get(figures::workbook_web::import_form)
                .post(figures::workbook_web::import)
                .layer(DefaultBodyLimit::max(upload_limit(&Limits::FIGURES))),
        )
        .route(
            "/so-lieu/{unit}/{year}/minh-chung",
            post(figures::evidence_web::upload)
                .layer(DefaultBodyLimit::max(crate::files::web::BODY_LIMIT)),
        )
        .route(
            "/so-lieu/{unit}/{year}/minh-chung/{indicator}",
            get(figures::evidence_web::download),
        )
        .route(
            "/so-lieu/{unit}/{year}/{action}",
            get(figures::review_web::confirm).post(figures::review_web::act),
        )
        .route(
            "/ca-nhan",
            get(subjects::web::persons).post(subjects::web::create_person),
        )
        .route("/ca-nhan/moi", get(subjects::web::new_person))
        .route(
            "/ho-gia-dinh/xuat.xlsx",
            get(subjects::export_web::export_households),
        )
        .route(
            "/ca-nhan/xuat.xlsx",
            get(subjects::export_web::export_persons),
        )
        .route("/ca-nhan/{id}", get(subjects::web::person))
        .route(
            "/ca-nhan/{id}/sua",
            get(subjects::web::edit_person).post(subjects::web::update_person),
        )
        .route(
            "/ho-gia-dinh",
            get(subjects::households_web::households)
                .post(subjects::households_web::create_household),
        )
        .route(
            "/ho-gia-dinh/moi",
            get(subjects::households_web::new_household),
        )
        .route(
            "/ho-gia-dinh/{id}",
            get(subjects::households_web::household),
        )
        .route(
            "/ho-gia-dinh/{id}/sua",
            get(subjects::households_web::edit_household)
                .post(subjects::households_web::update_household),
        )
        .route(
            "/quan-tri/nguoi-dung",
            get(auth::users_web::list).post(auth::users_web::create),
        )
        .route("/quan-tri/nguoi-dung/moi", get(auth::users_web::new_form))
        .route("/quan-tri/nguoi-dung/{id}", get(auth::users_web::show))
        .route(
            "/quan-tri/nguoi-dung/{id}/vai-tro",
            post(auth::users_web::add_role),
        )
        .route(
            "/quan-tri/nguoi-dung/{id}/vai-tro/xoa",
            post(auth::account_web::remove_role),
        )
        .route(
            "/quan-tri/nguoi-dung/{id}/trang-thai",
            post(auth::account_web::set_active),
        )
        .route(
            "/quan-tri/nguoi-dung/{id}/mat-khau",
            post(auth::account_web::reset_password),
        )
        .route(
            "/quan-tri/nhat-ky",
            get(audit::web::list).post(audit::web::check),
        )
        .route(
            "/quan-tri/nhat-ky/xuat.xlsx",
            get(audit::export_web::export),
        )
        .fallback(error::not_found)
}

/// Criteria sets, assessments, reviews, recognitions, the matrix and the public pages.
fn criteria_routes() -> Router<AppState> {
    use crate::criteria::{
        assess_web, basis_web, copy_web, entry_web, evidence_web, matrix_web, public_web,
        recognition_web, review_web, sets_web,
    };
    Router::new()
        .route(
            "/don-vi/{id}/vung-nhom",
            get(basis_web::form).post(basis_web::save),
        )
        .route("/tieu-chi", get(sets_web::catalogue))
        .route("/tieu-chi/{id}", get(sets_web::show))
        .route(
            "/tieu-chi/{id}/phien-ban-moi",
            get(copy_web::copy_confirm).post(copy_web::copy),
        )
        .route(
            "/tieu-chi/{id}/chi-so/{indicator}/chi-tieu",
            post(sets_web::set_target),
        )
        .route(
            "/tieu-chi/{id}/chi-so/{indicator}/sua-doi",
            post(sets_web::amend),
        )
        .route("/tieu-chi/{id}/ma-tran", get(matrix_web::page))
        .route("/tieu-chi/{id}/ma-tran.xlsx", get(matrix_web::export))
        .route("/xac-minh", get(matrix_web::queue))
        .route("/danh-gia", get(assess_web::list).post(assess_web::create))
        .route("/danh-gia/moi", get(assess_web::new_form))
        .route(
            "/danh-gia/{id}",
            get(assess_web::show).post(entry_web::save),
        )
        .route(
            "/danh-gia/{id}/minh-chung",
            post(evidence_web::upload).layer(DefaultBodyLimit::max(crate::files::web::BODY_LIMIT)),
        )
        .route(
            "/danh-gia/{id}/minh-chung/{file}",
            get(evidence_web::download),
        )
        .route(
            "/danh-gia/{id}/minh-chung/{file}/xoa",
            post(evidence_web::remove),
        )
        .route(
            "/danh-gia/{id}/tieu-chi/{criterion}/{action}",
            post(review_web::review),
        )
        .route("/danh-gia/{id}/mo-lai", post(review_web::reopen))
        .route(
            "/danh-gia/{id}/cong-nhan",
            get(recognition_web::form).post(recognition_web::record),
        )
        .route("/cong-nhan", get(recognition_web::list))
        .route("/cong-nhan/{id}/thu-hoi", post(recognition_web::withdraw))
        .route("/cong-khai", get(public_web::home))
        .route("/cong-khai/don-vi/{id}", get(public_web::unit))
}

/// Contributions, valuation prices, works and sponsorships (issue 11).
fn resources_routes() -> Router<AppState> {
    use crate::resources::{evidence_web, prices_web, sponsor_web, transfer_web, web, works_web};
    Router::new()
        .route("/dong-gop", get(web::list).post(web::create))
        .route("/dong-gop/moi", get(web::new_form))
        .route("/dong-gop/nhieu-nhat", get(web::top_list))
        .route(
            "/dong-gop/muc-ghi-nhan",
            get(crate::resources::marks_web::list).post(crate::resources::marks_web::set),
        )
        .route("/dong-gop/xuat.xlsx", get(transfer_web::export))
        .route(
            "/dong-gop/nhap",
            get(transfer_web::import_form)
                .post(transfer_web::import)
                .layer(DefaultBodyLimit::max(upload_limit(
                    &crate::resources::transfer::LIMITS,
                ))),
        )
        .route(
            "/dong-gop/don-gia",
            get(prices_web::list).post(prices_web::set),
        )
        .route("/dong-gop/{id}", get(web::show))
        .route(
            "/dong-gop/{id}/huy",
            post(crate::resources::cancel_web::cancel),
        )
        .route(
            "/dong-gop/{id}/minh-chung",
            post(evidence_web::upload).layer(DefaultBodyLimit::max(crate::files::web::BODY_LIMIT)),
        )
        .route(
            "/dong-gop/{id}/minh-chung/{file}",
            get(evidence_web::download),
        )
        .route(
            "/dong-gop/{id}/minh-chung/{file}/xoa",
            post(evidence_web::remove),
        )
        .route("/cong-trinh", get(works_web::list).post(works_web::create))
        .route("/cong-trinh/{id}", get(works_web::show))
        .route("/cong-trinh/{id}/von", post(works_web::set_funding))
        .route("/cong-trinh/{id}/no-dong", post(works_web::set_debt))
        .route("/do-dau", get(sponsor_web::list).post(sponsor_web::create))
        .route("/do-dau/{id}", get(sponsor_web::show))
        .route("/do-dau/{id}/thuc-hien", post(sponsor_web::deliver))
}
