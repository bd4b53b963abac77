//! Units (đơn vị): the administrative and organisational tree, with validity dates and
//! successor links for merges and splits. Pure rules and types; SQL in `store.rs`.

pub mod browse_web;
pub mod edit_web;
pub mod import;
pub mod import_write;
pub mod recheck_web;
pub mod seed;
pub mod store;
pub mod succession_web;
pub mod transfer_web;
pub mod web;

use chrono::NaiveDate;

use crate::text;

/// What kind of body a unit is. Enterprises and cooperatives are units too, so they can be
/// scoped, nominated and ranked like any other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitKind {
    Province,
    District,
    Town,
    Ward,
    Commune,
    Village,
    ResidentialGroup,
    Street,
    Department,
    Office,
    Front,
    MassOrg,
    Association,
    Enterprise,
    Cooperative,
    School,
    Other,
}

impl UnitKind {
    pub const ALL: [UnitKind; 17] = [
        UnitKind::Province,
        UnitKind::District,
        UnitKind::Town,
        UnitKind::Ward,
        UnitKind::Commune,
        UnitKind::Village,
        UnitKind::ResidentialGroup,
        UnitKind::Street,
        UnitKind::Department,
        UnitKind::Office,
        UnitKind::Front,
        UnitKind::MassOrg,
        UnitKind::Association,
        UnitKind::Enterprise,
        UnitKind::Cooperative,
        UnitKind::School,
        UnitKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            UnitKind::Province => "province",
            UnitKind::District => "district",
            UnitKind::Town => "town",
            UnitKind::Ward => "ward",
            UnitKind::Commune => "commune",
            UnitKind::Village => "village",
            UnitKind::ResidentialGroup => "residential_group",
            UnitKind::Street => "street",
            UnitKind::Department => "department",
            UnitKind::Office => "office",
            UnitKind::Front => "front",
            UnitKind::MassOrg => "mass_org",
            UnitKind::Association => "association",
            UnitKind::Enterprise => "enterprise",
            UnitKind::Cooperative => "cooperative",
            UnitKind::School => "school",
            UnitKind::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            UnitKind::Province => "Tỉnh",
            UnitKind::District => "Huyện",
            UnitKind::Town => "Thị xã",
            UnitKind::Ward => "Phường",
            UnitKind::Commune => "Xã",
            UnitKind::Village => "Thôn",
            UnitKind::ResidentialGroup => "Tổ dân phố",
            UnitKind::Street => "Tuyến phố",
            UnitKind::Department => "Phòng, ban",
            UnitKind::Office => "Văn phòng",
            UnitKind::Front => "Mặt trận Tổ quốc",
            UnitKind::MassOrg => "Đoàn thể",
            UnitKind::Association => "Hội",
            UnitKind::Enterprise => "Doanh nghiệp",
            UnitKind::Cooperative => "Hợp tác xã",
            UnitKind::School => "Trường học",
            UnitKind::Other => "Khác",
        }
    }

    pub fn from_code(code: &str) -> Option<UnitKind> {
        UnitKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Accepts the code or the Vietnamese label in any case or accents, as people type it in Excel.
    pub fn parse(s: &str) -> Option<UnitKind> {
        let f = text::fold(s);
        UnitKind::ALL
            .into_iter()
            .find(|k| k.code() == s.trim() || text::fold(k.label()) == f)
    }
}

/// A unit as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Unit {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub parent_id: Option<i64>,
    pub path: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub note: String,
    pub is_demo: bool,
    pub version: i64,
}

impl Unit {
    /// Whether the unit exists for at least part of `year`: its validity overlaps 1 January –
    /// 31 December. A ward merged away on 30/06/2025 exists in 2025 but not in 2026.
    pub fn exists_in(&self, year: i64) -> bool {
        let (Some(first), Some(last)) = (
            NaiveDate::from_ymd_opt(year as i32, 1, 1),
            NaiveDate::from_ymd_opt(year as i32, 12, 31),
        ) else {
            return false;
        };
        self.valid_from.is_none_or(|f| f <= last) && self.valid_to.is_none_or(|t| t >= first)
    }

    /// Why the unit has no figures to enter in `year` ("«Phường Đậu Liêu» không có hiệu lực
    /// trong năm 2026 (đến 30/06/2025)…"), or `None` when it exists that year.
    pub fn absent_in(&self, year: i64) -> Option<String> {
        (!self.exists_in(year)).then(|| {
            format!(
                "«{}» không có hiệu lực trong năm {year} ({}), nên không nhập số liệu năm này.",
                self.name,
                self.validity()
            )
        })
    }

    pub fn kind_label(&self) -> &'static str {
        UnitKind::from_code(&self.kind).map_or("Khác", UnitKind::label)
    }

    pub fn is_valid_on(&self, day: NaiveDate) -> bool {
        self.valid_from.is_none_or(|f| f <= day) && self.valid_to.is_none_or(|t| t >= day)
    }

    /// "01/07/2025 – nay", "– 30/06/2025", or empty when always valid.
    pub fn validity(&self) -> String {
        match (self.valid_from, self.valid_to) {
            (None, None) => String::new(),
            (Some(f), None) => format!("từ {}", text::date_vn(f)),
            (None, Some(t)) => format!("đến {}", text::date_vn(t)),
            (Some(f), Some(t)) => format!("{} – {}", text::date_vn(f), text::date_vn(t)),
        }
    }

    pub fn depth(&self) -> usize {
        self.path.matches('/').count().saturating_sub(2)
    }
}

/// What a person typed into the unit form (or an import row), before checks.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct UnitInput {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub parent_code: String,
    #[serde(default)]
    pub valid_from: String,
    #[serde(default)]
    pub valid_to: String,
    #[serde(default)]
    pub note: String,
}

/// A unit input that passed the checks.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidUnit {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub parent_code: Option<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub note: String,
}

/// Checks one unit input; every problem is reported against its field.
pub fn validate(input: &UnitInput) -> Result<ValidUnit, Vec<(&'static str, String)>> {
    let mut errors = Vec::new();
    let code = input.code.trim().to_string();
    if code.is_empty() {
        errors.push(("code", "Chưa nhập mã đơn vị.".to_string()));
    } else if code.len() > 40
        || !code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
    {
        errors.push((
            "code",
            "Mã đơn vị chỉ gồm chữ không dấu, chữ số, dấu gạch và dấu chấm, tối đa 40 ký tự."
                .to_string(),
        ));
    }
    let name = text::clean(&input.name);
    if name.is_empty() {
        errors.push(("name", "Chưa nhập tên đơn vị.".to_string()));
    } else if name.chars().count() > 200 {
        errors.push(("name", "Tên đơn vị dài quá 200 ký tự.".to_string()));
    }
    let kind = UnitKind::parse(&input.kind);
    if input.kind.trim().is_empty() {
        errors.push(("kind", "Chưa nhập loại đơn vị.".to_string()));
    } else if kind.is_none() {
        errors.push((
            "kind",
            format!(
                "Loại đơn vị «{}» không có trong danh mục.",
                input.kind.trim()
            ),
        ));
    }
    let date = |s: &str, field: &'static str, errors: &mut Vec<(&'static str, String)>| {
        if s.trim().is_empty() {
            None
        } else {
            let d = text::parse_date(s);
            if d.is_none() {
                errors.push((
                    field,
                    format!(
                        "Ngày «{}» không hợp lệ; hãy viết dạng dd/mm/yyyy.",
                        s.trim()
                    ),
                ));
            }
            d
        }
    };
    let valid_from = date(&input.valid_from, "valid_from", &mut errors);
    let valid_to = date(&input.valid_to, "valid_to", &mut errors);
    if let (Some(f), Some(t)) = (valid_from, valid_to)
        && t < f
    {
        errors.push((
            "valid_to",
            "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.".to_string(),
        ));
    }
    let note = text::clean_limited(&input.note, 1000).unwrap_or_else(|msg| {
        errors.push(("note", msg));
        String::new()
    });
    let parent_code = Some(input.parent_code.trim().to_string()).filter(|s| !s.is_empty());
    if parent_code.as_deref() == Some(code.as_str()) && !code.is_empty() {
        errors.push((
            "parent_code",
            "Đơn vị không thể là cấp trên của chính nó.".to_string(),
        ));
    }
    match (errors.is_empty(), kind) {
        (true, Some(kind)) => Ok(ValidUnit {
            code,
            name,
            kind,
            parent_code,
            valid_from,
            valid_to,
            note,
        }),
        _ => Err(errors),
    }
}

/// One line of the tree view: a unit and how deep it sits below the shown roots.
#[derive(Clone, Debug)]
pub struct TreeRow {
    pub unit: Unit,
    pub level: usize,
}

/// Tree levels the stylesheet indents one by one; deeper rows share the last indent.
pub const INDENTED_LEVELS: usize = 8;

impl TreeRow {
    /// The row's indent as a class (`depth-3`): the page's content security policy refuses
    /// inline styles, so the indent cannot be written on the row itself.
    pub fn depth_class(&self) -> String {
        format!("depth-{}", self.level.min(INDENTED_LEVELS))
    }
}

/// The bounds of a unit's strict subtree for a range scan on `units.path`: every path below
/// `/1/5/` sorts after it and before `/1/50` (`0` follows `/` in byte order), so the index on
/// `path` serves it on both engines — unlike `LIKE` with a bound pattern.
pub fn subtree_bounds(path: &str) -> (String, String) {
    let upper = match path.strip_suffix('/') {
        Some(stem) => format!("{stem}0"),
        None => format!("{path}0"),
    };
    (path.to_string(), upper)
}

/// Orders units as a tree (each parent followed by its children), starting from the units whose
/// parent is not in the list. Siblings come by kind — wards and communes before the town's
/// bodies, as official lists have them — then in the Vietnamese name order they were given in.
pub fn tree_order(units: Vec<Unit>) -> Vec<TreeRow> {
    use std::collections::{HashMap, HashSet};
    let ids: HashSet<i64> = units.iter().map(|u| u.id).collect();
    let mut children: HashMap<Option<i64>, Vec<Unit>> = HashMap::new();
    for u in units {
        let key = u.parent_id.filter(|p| ids.contains(p));
        children.entry(key).or_default().push(u);
    }
    let rank = |u: &Unit| {
        UnitKind::ALL
            .iter()
            .position(|k| k.code() == u.kind)
            .unwrap_or(UnitKind::ALL.len())
    };
    for siblings in children.values_mut() {
        siblings.sort_by_key(rank);
    }
    let mut out = Vec::new();
    let mut stack: Vec<(Unit, usize)> = children
        .remove(&None)
        .unwrap_or_default()
        .into_iter()
        .rev()
        .map(|u| (u, 0))
        .collect();
    while let Some((u, level)) = stack.pop() {
        if let Some(kids) = children.remove(&Some(u.id)) {
            stack.extend(kids.into_iter().rev().map(|k| (k, level + 1)));
        }
        out.push(TreeRow { unit: u, level });
    }
    out
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
