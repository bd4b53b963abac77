//! The members of a bloc side by side (issue 8, item 9): each member's sheet status and its
//! approved figures for the year, the plan's rates computed per member, so a ward sees where
//! it stands among its fellows. Only approved sheets count, as on the dashboard.

use std::collections::HashMap;

use crate::figures::SheetStatus;
use crate::indicators::{self, Indicator};
use crate::units::Unit;

/// One member's column: the unit, its sheet status in the year (`None`: no sheet).
pub struct Column {
    pub unit: Unit,
    pub status: Option<SheetStatus>,
    /// Whether the reader may open the unit's own page.
    pub openable: bool,
    /// The reader's own unit (a grant at it): its column is marked, so a ward finds itself.
    pub own: bool,
}

impl Column {
    /// "Đã duyệt", "Chờ duyệt", "Chưa gửi"…
    pub fn status_label(&self) -> &'static str {
        self.status.map_or("Chưa nhập", SheetStatus::label)
    }

    pub fn approved(&self) -> bool {
        self.status == Some(SheetStatus::Approved)
    }
}

/// One indicator's line: its name, and each member's figure as shown ("—" when the
/// member's sheet is not approved or lacks the figure).
pub struct Line {
    pub name: String,
    pub cells: Vec<String>,
}

/// The comparison: members in the order given, and a line for each indicator any approved
/// member has a figure for — entered figures and the rates computed from them.
/// `figures` are (unit id, indicator id, value) of approved sheets only.
pub fn table(
    columns: &[Column],
    catalogue: &[Indicator],
    figures: &[(i64, i64, f64)],
) -> Vec<Line> {
    let by_id: HashMap<i64, &Indicator> = catalogue.iter().map(|i| (i.id, i)).collect();
    let mut values: HashMap<i64, HashMap<String, f64>> = HashMap::new();
    for (unit, ind, v) in figures {
        if let Some(i) = by_id.get(ind) {
            values.entry(*unit).or_default().insert(i.code.clone(), *v);
        }
    }
    let value = |i: &Indicator, unit: i64| -> Option<f64> {
        let vals = values.get(&unit)?;
        if i.aggregation == "formula" {
            indicators::formula::parse(&i.formula).ok()?.eval(vals)
        } else {
            vals.get(&i.code).copied()
        }
    };
    let mut ordered: Vec<&Indicator> = catalogue.iter().collect();
    ordered.sort_by_key(|i| i.sort_order);
    ordered
        .into_iter()
        .filter_map(|i| {
            let cells: Vec<Option<f64>> = columns.iter().map(|c| value(i, c.unit.id)).collect();
            cells.iter().any(Option::is_some).then(|| Line {
                name: i.name.clone(),
                cells: cells
                    .into_iter()
                    .map(|v| v.map_or_else(|| "—".to_string(), |v| i.show(v)))
                    .collect(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::Measure;
    use crate::indicators::tests::indicator;

    fn unit(id: i64, name: &str) -> Unit {
        Unit {
            id,
            code: format!("U{id}"),
            name: name.into(),
            kind: "ward".into(),
            parent_id: None,
            path: format!("/{id}/"),
            valid_from: None,
            valid_to: None,
            note: String::new(),
            is_demo: false,
            version: 1,
        }
    }

    fn ind(id: i64, code: &str, measure: Measure, label: &str) -> Indicator {
        Indicator {
            id,
            code: code.into(),
            name: code.into(),
            sort_order: id,
            ..indicator(measure, label)
        }
    }

    #[test]
    fn members_sit_side_by_side_with_their_rates_and_unapproved_ones_show_nothing() {
        let poor = ind(1, "HO_NGHEO", Measure::Count, "hộ");
        let homes = ind(2, "SO_HO", Measure::Count, "hộ");
        let mut rate = ind(3, "HO_NGHEO_TL", Measure::Percent, "");
        rate.aggregation = "formula".into();
        rate.formula = "HO_NGHEO / SO_HO * 100".into();
        let insured = ind(4, "BHYT", Measure::Percent, "");
        let columns = vec![
            Column {
                unit: unit(7, "Phường Đức Thuận"),
                status: Some(SheetStatus::Approved),
                openable: true,
                own: true,
            },
            Column {
                unit: unit(8, "Phường Nam Hồng"),
                status: Some(SheetStatus::Submitted),
                openable: false,
                own: false,
            },
        ];
        let figures = [(7, 1, 41.0), (7, 2, 2710.0)];
        let lines = table(&columns, &[rate, poor, homes, insured], &figures);
        let names: Vec<&str> = lines.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(
            names,
            ["HO_NGHEO", "SO_HO", "HO_NGHEO_TL"],
            "catalogue order; nobody has BHYT"
        );
        assert_eq!(
            lines[0].cells,
            ["41 hộ", "—"],
            "a sheet still waiting shows no figure"
        );
        assert_eq!(
            lines[2].cells,
            ["1,5 %", "—"],
            "the rate computed for the member"
        );
    }
}
