//! What changed in a sheet since the version the office last approved (issue 8, item 13): the
//! review panel lists each figure or note that differs, old and new side by side, so a
//! corrected sheet is checked in a minute rather than against a printout.

use std::collections::HashMap;

use super::store::Figure;
use crate::indicators::Indicator;

/// One difference: the indicator's name, and the figure (with its note) before and now, as
/// shown ("—" for none).
#[derive(Debug, PartialEq)]
pub struct Change {
    pub name: String,
    pub before: String,
    pub now: String,
}

fn shown(i: &Indicator, value: Option<f64>, comment: &str) -> String {
    let v = value.map_or_else(|| "—".to_string(), |v| i.show(v));
    if comment.is_empty() {
        v
    } else {
        format!("{v} (ghi chú: {comment})")
    }
}

/// The differences between the sheet's figures `now` (by indicator id) and its last approved
/// ones `before`, in the sheet's order. Values compare as stored (already rounded to the
/// indicator's decimals), so an unchanged figure never shows as changed.
pub fn since_approval(
    entered: &[Indicator],
    now: &HashMap<i64, Figure>,
    before: &[(i64, Option<f64>, String)],
) -> Vec<Change> {
    let before: HashMap<i64, (Option<f64>, &str)> = before
        .iter()
        .map(|(id, v, c)| (*id, (*v, c.as_str())))
        .collect();
    entered
        .iter()
        .filter_map(|i| {
            let (nv, nc) = now
                .get(&i.id)
                .map_or((None, ""), |f| (f.value, f.comment.as_str()));
            let (bv, bc) = before.get(&i.id).copied().unwrap_or((None, ""));
            (nv != bv || nc != bc).then(|| Change {
                name: i.name.clone(),
                before: shown(i, bv, bc),
                now: shown(i, nv, nc),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::Measure;
    use crate::indicators::tests::indicator;

    fn figure(id: i64, value: Option<f64>, comment: &str) -> (i64, Figure) {
        (
            id,
            Figure {
                indicator_id: id,
                value,
                comment: comment.into(),
                evidence_name: String::new(),
                evidence_key: String::new(),
            },
        )
    }

    #[test]
    fn only_what_differs_from_the_approved_version_is_listed() {
        let income = Indicator {
            id: 1,
            name: "Thu nhập bình quân đầu người".into(),
            ..indicator(Measure::Vnd, "triệu đ/người")
        };
        let poor = Indicator {
            id: 2,
            name: "Số hộ nghèo".into(),
            ..indicator(Measure::Count, "hộ")
        };
        let now: HashMap<i64, Figure> = [
            figure(1, Some(86.0), ""),
            figure(2, Some(41.0), "theo rà soát"),
        ]
        .into();
        let before = [
            (1, Some(84.2), String::new()),
            (2, Some(41.0), String::new()),
        ];
        assert_eq!(
            since_approval(&[income, poor], &now, &before),
            vec![
                Change {
                    name: "Thu nhập bình quân đầu người".into(),
                    before: "84,2 triệu đ/người".into(),
                    now: "86 triệu đ/người".into(),
                },
                Change {
                    name: "Số hộ nghèo".into(),
                    before: "41 hộ".into(),
                    now: "41 hộ (ghi chú: theo rà soát)".into(),
                },
            ]
        );
    }
}
