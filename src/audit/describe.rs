//! The audit log in plain Vietnamese (issue 8, item 13): each entry as a sentence that names
//! who did what to which object — "Lê Thị Hoa gửi duyệt bảng số liệu năm 2024 của Phường Đức
//! Thuận" — with a link to the object. The stored entry (codes, JSON) is what the hash chain
//! covers and stays as it was; this is only how it is read.

use std::collections::HashMap;

use serde_json::Value;

use super::Entry;
use super::names_store;
use crate::db::DbConn;

/// The names a page of entries needs, looked up once per page (`gather`).
#[derive(Default)]
pub struct Names {
    pub users: HashMap<i64, String>,
    pub units: HashMap<i64, String>,
    /// Sheet id → (unit id, unit name, year).
    pub sheets: HashMap<i64, (i64, String, i64)>,
    pub persons: HashMap<i64, String>,
    pub households: HashMap<i64, String>,
    pub blocs: HashMap<i64, String>,
    pub indicators: HashMap<i64, String>,
    pub accounts: HashMap<i64, String>,
    /// Unit code (as entries' details name them) → (id, name).
    pub unit_codes: HashMap<String, (i64, String)>,
}

/// The action groups the page filters by: (code in the URL, words, action prefix, whether
/// only the administrator reads them — accounts and sign-ins).
pub const GROUPS: [(&str, &str, &str, bool); 9] = [
    ("so-lieu", "Số liệu chỉ tiêu", "figures.", false),
    (
        "tieu-chi",
        "Tiêu chí, đánh giá, công nhận",
        "criteria.",
        false,
    ),
    ("don-vi", "Đơn vị", "unit", false),
    ("ca-nhan", "Cá nhân", "person.", false),
    ("ho-gia-dinh", "Hộ gia đình", "household.", false),
    ("khoi", "Khối thi đua", "bloc.", false),
    ("danh-muc", "Danh mục chỉ số, chỉ tiêu", "ind", false),
    ("tai-khoan", "Tài khoản, vai trò", "user.", true),
    ("dang-nhap", "Đăng nhập, mật khẩu", "auth.", true),
];

/// The action prefix of a group code, or the code itself when it is not a group (an
/// administrator may still type an action code).
pub fn action_prefix(group: &str) -> String {
    GROUPS.iter().find(|(code, ..)| *code == group).map_or_else(
        || group.trim().to_string(),
        |(_, _, prefix, _)| prefix.to_string(),
    )
}

/// What the action did, as a verb phrase; `None` for an action this table does not know.
pub fn verb(action: &str) -> Option<&'static str> {
    Some(match action {
        "figures.save" => "lưu nháp",
        "figures.submit" => "gửi duyệt",
        "figures.approve" => "duyệt và khóa",
        "figures.return" => "trả lại",
        "figures.reopen" => "mở lại",
        "figures.evidence" => "đính kèm minh chứng vào",
        "figures.import" => "nhập từ Excel vào",
        "criteria.set_create" => "tạo bộ tiêu chí",
        "criteria.set_copy" => "sao thành phiên bản mới bộ tiêu chí",
        "criteria.target_set" => "nhập chỉ tiêu của bộ tiêu chí",
        "criteria.indicator_amend" => "sửa đổi chỉ tiêu (từ một ngày) của bộ tiêu chí",
        "criteria.assessment_create" => "lập bản đánh giá tiêu chí",
        "criteria.assessment_save" => "lưu bản đánh giá tiêu chí",
        "criteria.assessment_submit" => "gửi xác minh bản đánh giá tiêu chí",
        "criteria.criterion_verify" => "xác minh tiêu chí của bản đánh giá",
        "criteria.criterion_reject" => "trả lại tiêu chí của bản đánh giá",
        "criteria.assessment_reopen" => "mở lại bản đánh giá tiêu chí",
        "criteria.evidence_add" => "đính kèm minh chứng vào bản đánh giá",
        "criteria.evidence_remove" => "gỡ minh chứng khỏi bản đánh giá",
        "criteria.recognise" => "ghi quyết định công nhận",
        "criteria.withdraw" => "ghi quyết định thu hồi công nhận",
        "ocop.product_create" => "ghi sản phẩm OCOP",
        "ocop.evaluate" => "ghi kết quả chấm điểm sản phẩm OCOP",
        "ocop.photo" => "cập nhật ảnh sản phẩm OCOP",
        "ocop.revoke" => "ghi quyết định thu hồi giấy chứng nhận OCOP",
        "award.coefficient_set" => "sửa hệ số tiền thưởng",
        "award.base_salary_set" => "ghi mức lương cơ sở",
        "award.rounding_set" => "đổi cách làm tròn tiền thưởng của hộ gia đình",
        "award.round_open" => "mở đợt khen thưởng",
        "award.calendar_set" => "ghi ngày nghỉ lễ, ngày làm việc bù",
        "award.calendar_remove" => "bỏ một ngày nghỉ lễ, ngày làm việc bù",
        "award.notice_set" => "ghi niêm yết công khai danh sách khen thưởng",
        "award.objection_received" => "nhận ý kiến phản ánh về danh sách niêm yết",
        "award.objection_resolved" => "giải quyết ý kiến phản ánh",
        "award.council_member_add" => "ghi thành viên Hội đồng Thi đua – Khen thưởng",
        "award.council_member_end" => "ghi thành viên Hội đồng thôi nhiệm vụ",
        "award.session_open" => "tạo phiên họp Hội đồng Thi đua – Khen thưởng",
        "award.session_attendance" => "điểm danh phiên họp Hội đồng",
        "award.session_recusal" => "ghi thành viên không tham gia biểu quyết",
        "award.session_voting" => "mở bỏ phiếu kín",
        "award.ballot_cast" => "bỏ phiếu kín",
        "award.ballot_revote" => "hòa phiếu, bỏ phiếu lại",
        "award.session_close" => "kết thúc bỏ phiếu, ghi kết quả",
        "award.decision_issue" => "ban hành quyết định khen thưởng",
        "award.proposal_upward" => "ban hành tờ trình đề nghị cấp tỉnh khen thưởng",
        "award.revoke" => "thu hồi khen thưởng",
        "award.print_offsets" => "ghi độ lệch in giấy khen",
        "award.round_deadline" => "đổi hạn nộp của đợt khen thưởng",
        "award.nomination_create" => "lập đề nghị khen thưởng",
        "award.nomination_update" => "sửa đề nghị khen thưởng",
        "award.list_submit" => "gửi danh sách đề nghị khen thưởng",
        "award.nomination_step" => "xử lý đề nghị khen thưởng",
        "award.nomination_opinion" => "ghi ý kiến thẩm định đề nghị khen thưởng",
        "award.eligibility_override" => "điều chỉnh kết quả kiểm tra điều kiện khen thưởng",
        "award.dossier_add" => "đính kèm hồ sơ đề nghị khen thưởng",
        "award.other_record" => "ghi khen thưởng của cấp khác",
        "award.flag_record" => "ghi kỷ luật, thanh tra, khiếu nại",
        "award.flag_end" => "ghi kết thúc kỷ luật, thanh tra, khiếu nại",
        "contribution.mark_set" => "đặt mức ghi nhận đóng góp của phong trào",
        "contribution.cancel" => "hủy khoản đóng góp ghi nhầm",
        "contribution.create" => "ghi khoản đóng góp",
        "contribution.import" => "nhập các khoản đóng góp từ Excel",
        "contribution.price_set" => "đặt đơn giá quy đổi và tính lại giá trị đóng góp",
        "contribution.evidence_add" => "đính kèm minh chứng đóng góp",
        "contribution.evidence_remove" => "gỡ minh chứng đóng góp",
        "work.create" => "ghi công trình",
        "work.funding" => "ghi nguồn vốn, giải ngân của công trình",
        "work.debt" => "ghi nợ đọng xây dựng cơ bản cuối năm",
        "sponsorship.create" => "ghi việc đỡ đầu",
        "sponsorship.deliver" => "ghi phần đỡ đầu đã thực hiện",
        "unit.create" => "tạo đơn vị",
        "unit.update" => "sửa thông tin đơn vị",
        "unit.close" => "chấm dứt hoạt động của đơn vị",
        "unit.succession" | "unit.succession.add" => "ghi nhận kế thừa cho đơn vị",
        "units.import" => "nhập danh sách đơn vị từ Excel",
        "person.create" => "thêm hồ sơ cá nhân",
        "person.update" => "sửa hồ sơ cá nhân",
        "household.create" => "thêm hộ gia đình",
        "household.update" => "sửa thông tin hộ gia đình",
        "bloc.create" => "tạo khối thi đua",
        "bloc.update" => "sửa khối thi đua",
        "bloc.member.add" => "thêm thành viên vào khối thi đua",
        "bloc.member.remove" => "bỏ thành viên khỏi khối thi đua",
        "bloc.member.carry_over" => "chuyển thành viên năm trước sang khối thi đua",
        "indicator.create" => "thêm chỉ số",
        "target.create" => "thêm chỉ tiêu",
        "indicators.load" => "nạp danh mục chỉ số, chỉ tiêu của Kế hoạch",
        "indicators.plan_wording" => "cập nhật tên chỉ số, chỉ tiêu theo đúng lời Kế hoạch",
        "movement.create" => "tạo phong trào thi đua",
        "demo.load" => "nạp dữ liệu mẫu",
        "user.create" => "tạo tài khoản",
        "user.grant" => "giao vai trò cho tài khoản",
        "user.revoke" => "bỏ vai trò của tài khoản",
        "user.deactivate" => "ngừng tài khoản",
        "user.activate" => "mở lại tài khoản",
        "user.password_reset" => "cấp lại mật khẩu cho tài khoản",
        "auth.login" => "đăng nhập",
        "auth.logout" => "đăng xuất",
        "auth.login_failed" => "đăng nhập không thành công",
        "auth.password_change" => "đổi mật khẩu",
        _ => return None,
    })
}

/// The accounts a "người thực hiện" filter means: those whose username or full name contains
/// what was typed, with or without diacritics ("hoa", "Văn Nam", "nguyen van nam").
/// `accounts` are (id, username, full name).
pub fn matching_accounts(typed: &str, accounts: &[(i64, String, String)]) -> Vec<i64> {
    let key = crate::text::fold(typed);
    accounts
        .iter()
        .filter(|(_, user, name)| {
            crate::text::fold(user).contains(&key) || crate::text::fold(name).contains(&key)
        })
        .map(|(id, ..)| *id)
        .collect()
}

/// An entry as read: the sentence and where its object is ("" for none).
pub struct Described {
    pub sentence: String,
    pub link: String,
}

fn id_of(e: &Entry) -> Option<i64> {
    e.object_id.parse().ok()
}

fn detail(details: &Value, key: &str) -> String {
    match details.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// The entry as a sentence with its link. `admin` decides whether account pages are linked.
pub fn describe(e: &Entry, n: &Names, admin: bool) -> Described {
    let details: Value = serde_json::from_str(&e.details).unwrap_or(Value::Null);
    let who = e
        .actor_id
        .and_then(|id| n.users.get(&id).cloned())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| {
            // Start-up, migrations and the command line act as the system (`Actor::system`).
            if e.actor_id.is_none() {
                "Hệ thống".into()
            } else {
                e.actor_name.clone()
            }
        });
    let id = id_of(e);
    let named = |map: &HashMap<i64, String>| id.and_then(|i| map.get(&i).cloned());
    let (object, link) = match e.object_kind.as_str() {
        "figure_sheet" => match id.and_then(|i| n.sheets.get(&i)) {
            Some((unit, name, year)) => (
                format!("bảng số liệu năm {year} của {name}"),
                format!("/so-lieu/{unit}/{year}"),
            ),
            None => ("một bảng số liệu".into(), String::new()),
        },
        "assessment" => (
            id.map_or_else(String::new, |i| format!("số {i}")),
            id.map_or_else(String::new, |i| format!("/danh-gia/{i}")),
        ),
        "recognition" => (String::new(), "/cong-nhan".into()),
        "nomination" => (
            id.map_or_else(String::new, |i| format!("số {i}")),
            id.map_or_else(String::new, |i| format!("/khen-thuong/de-nghi/{i}")),
        ),
        "award_round" => (
            String::new(),
            id.map_or_else(String::new, |i| format!("/khen-thuong/dot/{i}")),
        ),
        "ocop_product" => (
            String::new(),
            id.map_or_else(String::new, |i| format!("/ocop/{i}")),
        ),
        "criteria_set" => (
            String::new(),
            id.map_or_else(String::new, |i| format!("/tieu-chi/{i}")),
        ),
        "unit" if e.action == "units.import" => (String::new(), "/don-vi".into()),
        "unit" => (
            named(&n.units).map_or_else(|| "(đơn vị đã xóa)".into(), |u| format!("«{u}»")),
            id.map_or_else(String::new, |i| format!("/don-vi/{i}")),
        ),
        "person" => (
            named(&n.persons).map_or_else(|| "(không rõ)".into(), |p| format!("«{p}»")),
            id.map_or_else(String::new, |i| format!("/ca-nhan/{i}")),
        ),
        "household" => (
            named(&n.households)
                .map_or_else(|| "(không rõ)".into(), |h| format!("của chủ hộ «{h}»")),
            id.map_or_else(String::new, |i| format!("/ho-gia-dinh/{i}")),
        ),
        "bloc" => (
            named(&n.blocs).map_or_else(|| "(không rõ)".into(), |b| format!("«{b}»")),
            id.map_or_else(String::new, |i| format!("/khoi-thi-dua/{i}")),
        ),
        "indicator" => (
            named(&n.indicators).map_or_else(String::new, |i| format!("«{i}»")),
            "/chi-tieu/danh-muc".into(),
        ),
        "user" if e.action.starts_with("auth.") => (String::new(), String::new()),
        "user" => (
            named(&n.accounts).map_or_else(String::new, |u| format!("«{u}»")),
            match (admin, id) {
                (true, Some(i)) => format!("/quan-tri/nguoi-dung/{i}"),
                _ => String::new(),
            },
        ),
        "target" | "movement" => (String::new(), "/chi-tieu/danh-muc".into()),
        _ => (String::new(), String::new()),
    };
    let verb = verb(&e.action).map_or_else(|| e.action.clone(), str::to_string);
    let mut sentence = [who.as_str(), verb.as_str(), object.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let member = detail(&details, "unit");
    if e.action.starts_with("bloc.member") && !member.is_empty() {
        let name = n
            .unit_codes
            .get(&member)
            .map_or(member.as_str(), |(_, m)| m.as_str());
        sentence.push_str(&format!(": {name}, năm {}", detail(&details, "year")));
    }
    if e.action == "figures.evidence" {
        let file = detail(&details, "file");
        if !file.is_empty() {
            sentence.push_str(&format!(": tệp «{file}»"));
        }
    }
    let reason = detail(&details, "reason");
    if !reason.is_empty() {
        sentence.push_str(&format!(". Lý do: {reason}"));
    }
    if !sentence.ends_with('.') {
        sentence.push('.');
    }
    Described { sentence, link }
}

/// Looks up every name a page of entries needs, one query per kind.
pub async fn gather(c: &mut impl DbConn, entries: &[Entry]) -> Result<Names, sqlx::Error> {
    let ids = |kind: &str| -> Vec<i64> {
        let mut v: Vec<i64> = entries
            .iter()
            .filter(|e| e.object_kind == kind)
            .filter_map(id_of)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let mut actors: Vec<i64> = entries.iter().filter_map(|e| e.actor_id).collect();
    actors.sort_unstable();
    actors.dedup();
    let mut codes: Vec<String> = entries
        .iter()
        .filter(|e| e.action.starts_with("bloc.member"))
        .filter_map(|e| serde_json::from_str::<Value>(&e.details).ok())
        .map(|d| detail(&d, "unit"))
        .filter(|c| !c.is_empty())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    Ok(Names {
        users: names_store::users(c, &actors).await?,
        units: names_store::names(c, "units", "name", &ids("unit")).await?,
        sheets: names_store::sheets(c, &ids("figure_sheet")).await?,
        persons: names_store::names(c, "persons", "full_name", &ids("person")).await?,
        households: names_store::names(c, "households", "head_name", &ids("household")).await?,
        blocs: names_store::names(c, "blocs", "name", &ids("bloc")).await?,
        indicators: names_store::names(c, "indicators", "name", &ids("indicator")).await?,
        accounts: names_store::names(c, "users", "username", &ids("user")).await?,
        unit_codes: names_store::units_by_code(c, &codes).await?,
    })
}

#[cfg(test)]
#[path = "describe_tests.rs"]
mod tests;
