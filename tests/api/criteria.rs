//! The built-in criteria sets as they are stored, on either engine: the criteria with their
//! owning offices, and no official number the public texts did not give.

use crate::helpers::*;
use thidua::criteria::{self, Measure, store};

#[tokio::test]
async fn the_built_in_sets_are_stored_with_owners_and_no_invented_number() {
    let app = spawn_app().await;
    let mut c = app.state.db.conn().await.unwrap();
    let sets = store::sets(&mut c).await.unwrap();
    assert_eq!(sets.len(), 9);
    let ntm = sets.iter().find(|s| s.code == "NTM_XA_2021").unwrap();
    assert_eq!((ntm.criteria, ntm.version, ntm.newest), (19, 1, 1));
    assert_eq!(ntm.decision_number, "318/QĐ-TTg");
    let advanced = sets.iter().find(|s| s.code == "NTM_NC_2021").unwrap();
    assert_eq!(advanced.prerequisite_code.as_deref(), Some("NTM_XA_2021"));

    let ward = sets.iter().find(|s| s.code == "DTVM_PHUONG_HT").unwrap();
    let crit = store::criteria_of(&mut c, ward.id).await.unwrap();
    assert_eq!(crit.len(), 18);
    assert!(
        crit.iter().all(|k| k.owner_name.is_some()),
        "every criterion has its office"
    );
    assert_eq!(crit[2].name, "Nhà ở");
    assert_eq!(crit[2].owner_name.as_deref(), Some("Phòng Quản lý đô thị"));

    // Income: one target per year 2022–2025, each waiting for the office.
    let inds = store::indicators_of(&mut c, ntm.id).await.unwrap();
    let targets = store::targets_of(&mut c, ntm.id).await.unwrap();
    let income = inds
        .iter()
        .find(|i| i.text.starts_with("Thu nhập bình quân"))
        .unwrap();
    let rows: Vec<_> = targets
        .iter()
        .filter(|(id, _)| *id == income.id)
        .map(|(_, t)| t.clone())
        .collect();
    assert_eq!(
        rows.iter().map(|t| t.year).collect::<Vec<_>>(),
        vec![2022, 2023, 2024, 2025]
    );
    assert_eq!(criteria::target_for(&rows, "BTB", 2024), Some(None));
    for (id, t) in &targets {
        let ind = inds.iter().find(|i| i.id == *id).unwrap();
        if let Some(v) = t.value {
            assert_eq!(
                (Measure::from_code(&ind.measure), v),
                (Some(Measure::YesNo), criteria::YES)
            );
        }
    }
    let region: Option<(String,)> = thidua::fetch_optional!(
        &mut c,
        (String,),
        "SELECT ntm_region FROM units WHERE code = 'HL-TLO'"
    )
    .unwrap();
    assert_eq!(region.unwrap().0, "BTB");
}
