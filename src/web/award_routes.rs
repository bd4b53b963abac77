//! The URL map of the award cycle: rules, rounds and nominations (issue 12), then public notice
//! to revocation (issue 13). Kept apart from `routes.rs` so each map stays readable; URLs are
//! Vietnamese, like the pages they lead to.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::state::AppState;

/// Award rules, rounds and nominations (issue 12).
pub(super) fn awards_routes() -> Router<AppState> {
    use crate::awards::{
        board_web, dossier_web, list_web, nominations_web, profile_web, rounds_web, rules_web,
        show_web, steps_web, submit_web,
    };
    Router::new()
        .route("/khen-thuong", get(rounds_web::list))
        .route("/khen-thuong/dot", post(rounds_web::create))
        .route("/khen-thuong/dot/{id}", get(board_web::show))
        .route("/khen-thuong/dot/{id}/han", post(rounds_web::set_deadline))
        .route("/khen-thuong/dot/{id}/gui", post(submit_web::submit_list))
        .route(
            "/khen-thuong/dot/{id}/de-nghi",
            get(list_web::list).post(nominations_web::create),
        )
        .route(
            "/khen-thuong/dot/{id}/de-nghi/moi",
            get(nominations_web::new_form),
        )
        .route("/khen-thuong/dot/{id}/danh-sach.xlsx", get(list_web::xlsx))
        .route("/khen-thuong/dot/{id}/danh-sach.docx", get(list_web::docx))
        .route(
            "/khen-thuong/dot/{id}/to-trinh.docx",
            get(dossier_web::proposal),
        )
        .route(
            "/khen-thuong/dot/{id}/bien-ban.docx",
            get(dossier_web::minutes),
        )
        .route("/khen-thuong/de-nghi/{id}", get(show_web::show))
        .route(
            "/khen-thuong/de-nghi/{id}/sua",
            post(nominations_web::update),
        )
        .route("/khen-thuong/de-nghi/{id}/buoc", post(steps_web::step))
        .route("/khen-thuong/de-nghi/{id}/y-kien", post(steps_web::opinion))
        .route(
            "/khen-thuong/de-nghi/{id}/dieu-chinh",
            post(steps_web::override_check),
        )
        .route(
            "/khen-thuong/de-nghi/{id}/ho-so",
            post(dossier_web::upload).layer(DefaultBodyLimit::max(crate::files::web::BODY_LIMIT)),
        )
        .route(
            "/khen-thuong/de-nghi/{id}/ho-so/{file}",
            get(dossier_web::download),
        )
        .route(
            "/khen-thuong/de-nghi/{id}/bao-cao.docx",
            get(dossier_web::report),
        )
        .route("/khen-thuong/doi-tuong", get(profile_web::page))
        .route(
            "/khen-thuong/doi-tuong/khen",
            post(profile_web::record_award),
        )
        .route(
            "/khen-thuong/doi-tuong/canh-bao",
            post(profile_web::record_flag),
        )
        .merge(council_routes())
        .route("/khen-thuong/quy-dinh", get(rules_web::page))
        .route("/khen-thuong/quy-dinh/he-so", post(rules_web::set_rate))
        .route(
            "/khen-thuong/quy-dinh/luong-co-so",
            post(rules_web::set_base),
        )
        .route(
            "/khen-thuong/quy-dinh/lam-tron",
            post(rules_web::set_rounding),
        )
}

/// Public notice, the council, decisions, certificates and revocation (issue 13).
fn council_routes() -> Router<AppState> {
    use crate::awards::{
        awarded_web, calendar_web, council_web, decision_web, members_web, minutes_web, notice_web,
        revoke_web, session_web, stats_web, upward_web, vote_web,
    };
    Router::new()
        .route("/khen-thuong/thong-ke", get(stats_web::page))
        .route("/khen-thuong/thong-ke.xlsx", get(stats_web::xlsx))
        .route(
            "/khen-thuong/lich-lam-viec",
            get(calendar_web::calendar).post(calendar_web::set_day),
        )
        .route(
            "/khen-thuong/dot/{id}/niem-yet",
            post(notice_web::set_notice),
        )
        .route("/khen-thuong/y-kien/{id}", post(notice_web::resolve))
        .route("/cong-khai/khen-thuong/{id}", get(notice_web::public_page))
        .route(
            "/cong-khai/khen-thuong/{id}/y-kien",
            post(notice_web::comment),
        )
        .route(
            "/khen-thuong/dot/{id}/hoi-dong",
            get(council_web::round_page),
        )
        .route(
            "/khen-thuong/dot/{id}/phien",
            post(council_web::create_session),
        )
        .route("/khen-thuong/hoi-dong", get(members_web::members_page))
        .route(
            "/khen-thuong/hoi-dong/thanh-vien",
            post(members_web::add_member),
        )
        .route(
            "/khen-thuong/hoi-dong/thanh-vien/{id}/ket-thuc",
            post(members_web::end_member),
        )
        .route(
            "/khen-thuong/hoi-dong/le-in",
            post(awarded_web::set_offsets),
        )
        .route(
            "/khen-thuong/hoi-dong/giay-khen-mau.pdf",
            get(awarded_web::specimen),
        )
        .route("/khen-thuong/phien/{id}", get(session_web::show))
        .route(
            "/khen-thuong/phien/{id}/diem-danh",
            post(session_web::attendance),
        )
        .route("/khen-thuong/phien/{id}/mien", post(session_web::recuse))
        .route("/khen-thuong/phien/{id}/mo", post(session_web::open))
        .route("/khen-thuong/phien/{id}/bo-phieu", post(vote_web::cast))
        .route("/khen-thuong/phien/{id}/ket-thuc", post(vote_web::close))
        .route(
            "/khen-thuong/phien/{id}/bien-ban.docx",
            get(minutes_web::minutes),
        )
        .route(
            "/khen-thuong/dot/{id}/quyet-dinh",
            post(decision_web::issue),
        )
        .route("/khen-thuong/quyet-dinh/{id}", get(awarded_web::show))
        .route(
            "/khen-thuong/quyet-dinh/{id}/quyet-dinh.docx",
            get(awarded_web::docx),
        )
        .route(
            "/khen-thuong/quyet-dinh/{id}/quyet-dinh.pdf",
            get(awarded_web::pdf),
        )
        .route(
            "/khen-thuong/quyet-dinh/{id}/giay-khen.pdf",
            get(awarded_web::certificates),
        )
        .route(
            "/khen-thuong/giai-thuong/{id}/thu-hoi",
            post(revoke_web::revoke),
        )
        .route(
            "/khen-thuong/dot/{id}/to-trinh-tinh",
            post(upward_web::issue),
        )
        .route(
            "/khen-thuong/to-trinh-tinh/{id}/to-trinh.docx",
            get(upward_web::proposal_docx),
        )
        .route(
            "/khen-thuong/to-trinh-tinh/{id}/ho-so.zip",
            get(upward_web::dossier_zip),
        )
}
