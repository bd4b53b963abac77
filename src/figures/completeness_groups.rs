//! The completeness page above a town: one counted line per direct child whose subtree has
//! reporting units, from the kept totals (`summary`), instead of every ward of a province or
//! of the country.

use crate::documents::report::{self, Cell, Shown};
use crate::units::Unit;

/// A direct child with reporting units below it, counted from the kept totals
/// (`summary`): one line on the page, linking to the child's own page, instead of every unit
/// of its subtree.
pub struct Group {
    pub unit: Unit,
    pub coverage: crate::summary::Coverage,
}

impl Group {
    /// Whether the line has units in the page's status filter (late ones are judged per unit,
    /// on the child's own page, so `tre` keeps every line).
    pub fn passes(&self, filter: &str) -> bool {
        let c = &self.coverage;
        match filter {
            "da-duyet" => c.approved > 0,
            "cho-duyet" => c.waiting > 0,
            "bi-tra-lai" => c.returned > 0,
            "chua-gui" => c.not_sent() > 0,
            _ => true,
        }
    }
}

/// Said wherever units are counted by the child they are under.
pub const GROUPED_NOTE: &str = "Đơn vị bên dưới các đơn vị trực thuộc được đếm theo đơn vị trực thuộc; trễ hạn và nộp trễ tính trên các đơn vị liệt kê riêng — mở từng đơn vị trực thuộc để xem.";

/// The counted lines, one per direct child with reporting units below.
pub fn groups_sheet(year: i64, groups: &[Group]) -> report::Sheet {
    let n = |v: i64| Cell::Number(v as f64, Shown::Decimal(0));
    report::Sheet {
        name: format!("Theo đơn vị trực thuộc {year}"),
        columns: vec![
            ("Đơn vị trực thuộc".into(), 32.0),
            ("Đơn vị báo cáo".into(), 14.0),
            ("Đã duyệt".into(), 12.0),
            ("Chờ duyệt".into(), 12.0),
            ("Bị trả lại".into(), 12.0),
            ("Chưa gửi".into(), 12.0),
        ],
        rows: groups
            .iter()
            .map(|g| {
                let c = &g.coverage;
                vec![
                    g.unit.name.clone().into(),
                    n(c.expected),
                    n(c.approved),
                    n(c.waiting),
                    n(c.returned),
                    n(c.not_sent()),
                ]
            })
            .collect(),
    }
}
