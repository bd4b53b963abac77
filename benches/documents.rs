//! Document benchmark (not a test, issue 13): the decision of 1,000 awardees as DOCX and as
//! PDF (one Letter, its annex list grouped by form and kind), then 1,000 Giấy khen
//! certificates, full design and onto blanks — time (median of 5 runs) and the process's peak
//! memory so far (the decision runs first, so its figure is its own). Run:
//! `cargo bench --bench documents`.

mod common;

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use thidua::awards::certificate_pdf::{self, Layout, Offsets};
use thidua::awards::decision_doc::{self, DecisionDoc, SigningForm};
use thidua::awards::decision_store::Awardee;
use thidua::documents::{docx, letter_pdf};

fn awardee(i: i64) -> Awardee {
    let collective = i % 5 == 0;
    Awardee {
        id: i,
        decision_id: 1,
        nomination_id: i,
        subject_type: if collective { "unit" } else { "person" }.into(),
        subject_id: Some(i),
        subject_name: if collective {
            format!("Tổ dân phố Ặc Ộ số {i}")
        } else {
            format!("Nguyễn Thị Ủy Ban {i}")
        },
        unit_id: 1,
        unit_name: "Phường Đức Thuận".into(),
        category: if collective { "c" } else { "b" }.into(),
        form_code: "giay_khen".into(),
        form_name: "Giấy khen của Chủ tịch UBND".into(),
        subject_kind: if collective {
            "collective"
        } else {
            "individual"
        }
        .into(),
        achievement: "Tích cực hiến đất, góp công xây dựng nông thôn mới.".into(),
        direct_production: !collective,
        small_collective: collective,
        amount: if collective { 1_410_000 } else { 710_000 },
        coefficient: if collective { "2.0" } else { "0.3" }.into(),
        base_salary: 2_340_000,
        certificate_number: format!("GK-2024-{i:04}"),
        state: "awarded".into(),
        revoked_ground: String::new(),
        revoked_on: None,
        revoked_decision: String::new(),
        recover_amount: 0,
    }
}

fn median(f: &mut dyn FnMut() -> usize) -> (Duration, Duration, usize) {
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..5 {
        let t = Instant::now();
        size = f();
        times.push(t.elapsed());
    }
    times.sort();
    (times[2], times[4], size)
}

fn main() {
    let awardees: Vec<Awardee> = (1..=1000).map(awardee).collect();
    let doc = DecisionDoc {
        body_name: "Thị xã Hồng Lĩnh",
        place: "Hồng Lĩnh",
        number: "12/QĐ-UBND",
        decided_on: NaiveDate::from_ymd_opt(2024, 12, 5).unwrap_or_default(),
        form: SigningForm::Chairman,
        signer_name: "Nguyễn Hồng Lĩnh",
        bases: "Căn cứ Luật Thi đua, khen thưởng năm 2022\nXét đề nghị của Trưởng phòng Nội vụ",
        movement_title: "Chung sức xây dựng nông thôn mới và đô thị văn minh",
        year: 2024,
        amends: None,
        awardees: &awardees,
    };
    let letter = decision_doc::letter(&doc);
    let docx_run = median(&mut || docx::render(&letter).map_or(0, |b| b.len()));
    let pdf_run = median(&mut || letter_pdf::render(&letter).map_or(0, |b| b.len()));
    for (label, (med, max, size)) in [("DOCX", docx_run), ("PDF", pdf_run)] {
        println!(
            "decision {label}, 1,000 awardees: median {:.0} ms, max {:.0} ms, {} KiB; peak memory {:.0} MiB",
            med.as_secs_f64() * 1000.0,
            max.as_secs_f64() * 1000.0,
            size / 1024,
            common::peak_mib()
        );
    }
    let certs: Vec<_> = (1..=1000).map(certificate_pdf::specimen).collect();
    for (label, layout) in [
        ("full design", Layout::Full),
        (
            "onto blanks",
            Layout::OnBlank(Offsets {
                right: 2.0,
                down: 1.5,
            }),
        ),
    ] {
        let mut times: Vec<Duration> = Vec::new();
        let mut size = 0;
        for _ in 0..5 {
            let t = Instant::now();
            let pdf = certificate_pdf::render(&certs, layout).unwrap_or_default();
            times.push(t.elapsed());
            size = pdf.len();
        }
        times.sort();
        println!(
            "certificates PDF, 1,000 pages, {label}: median {:.0} ms, max {:.0} ms, {} KiB; peak memory {:.0} MiB",
            times[2].as_secs_f64() * 1000.0,
            times[4].as_secs_f64() * 1000.0,
            size / 1024,
            common::peak_mib()
        );
    }
}
