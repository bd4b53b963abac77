//! PDF benchmark (not a test, issue 13): 1,000 Giấy khen certificates, full design and onto
//! blanks — time (median of 5 runs) and the process's peak memory. Run:
//! `cargo bench --bench documents`. The decision's DOCX and PDF of 1,000 awardees join this
//! bench when the decision is built.

mod common;

use std::time::{Duration, Instant};

use thidua::awards::certificate_pdf::{self, Layout, Offsets};

fn main() {
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
