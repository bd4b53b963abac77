//! What criteria add to a subject's profile page: its standards over the years (the timeline of
//! assessments), its recognitions, a backsliding warning, and — for a successor unit — the
//! recognitions its predecessors held (they do not carry over: QĐ 18/2022/QĐ-TTg recognises
//! the unit named in the decision).

use super::assess::Status;
use super::{recognition_store, views_store};
use crate::db::DbConn;
use crate::subjects::ProfileSection;

/// The sections for the subject (`"unit"` or `"household"`, id); `predecessors` are (id, name)
/// of the units this one succeeded.
pub async fn sections(
    c: &mut impl DbConn,
    subject_type: &str,
    subject_id: i64,
    predecessors: &[(i64, String)],
    can_edit: bool,
) -> Result<Vec<ProfileSection>, sqlx::Error> {
    let mut rows = Vec::new();
    let unit = match subject_type {
        "unit" => crate::units::store::by_id(c, subject_id).await?,
        _ => None,
    };
    if let Some(u) = unit.filter(|u| matches!(u.kind.as_str(), "commune" | "ward")) {
        let (region, group) = super::store::basis_keys(c, u.id).await?;
        let shown = match (region.as_str(), group.as_str()) {
            ("", "") => "chưa xếp".to_string(),
            (r, "") => format!("vùng {r}"),
            ("", g) => format!("nhóm xã {g}"),
            (r, g) => format!("vùng {r} · nhóm xã {g}"),
        };
        rows.push((
            "Vùng, nhóm xã (chọn chỉ tiêu của bộ tiêu chí)".into(),
            shown,
            if can_edit {
                format!("/don-vi/{}/vung-nhom", u.id)
            } else {
                String::new()
            },
        ));
    }
    let recognitions = recognition_store::of_subject(c, subject_type, subject_id).await?;
    for r in &recognitions {
        rows.push((
            format!("Công nhận: {}", r.set_name),
            format!("{} – QĐ {}", r.standing(), r.decision_number),
            r.assessment_id
                .map(|a| format!("/danh-gia/{a}"))
                .unwrap_or_default(),
        ));
    }
    let timeline = views_store::timeline(c, subject_type, subject_id).await?;
    for t in &timeline {
        let status = Status::from_code(&t.status);
        rows.push((
            format!("Năm {} – {}", t.year, t.set_name),
            format!("{}/{} tiêu chí đạt · {}", t.met, t.total, status.label()),
            format!("/danh-gia/{}", t.id),
        ));
    }
    for year in recognition_store::backsliding_of(c, subject_type, subject_id).await? {
        rows.insert(
            0,
            (
                "⚠ Không giữ vững chuẩn".into(),
                format!("Năm {year} có tiêu chí chưa đạt sau khi đã được công nhận"),
                String::new(),
            ),
        );
    }
    let mut out = vec![ProfileSection {
        title: "Tiêu chí, đạt chuẩn và công nhận".into(),
        rows,
        empty: "Chưa có bản đánh giá tiêu chí hay quyết định công nhận nào.".into(),
    }];
    let mut history = Vec::new();
    for (id, name) in predecessors {
        for r in recognition_store::of_subject(c, "unit", *id).await? {
            history.push((
                format!("{name}: {}", r.set_name),
                format!("{} – QĐ {}", r.standing(), r.decision_number),
                format!("/don-vi/{id}"),
            ));
        }
    }
    if !history.is_empty() {
        out.push(ProfileSection {
            title: "Công nhận của các đơn vị tiền thân (không chuyển sang đơn vị này)".into(),
            rows: history,
            empty: String::new(),
        });
    }
    Ok(out)
}
