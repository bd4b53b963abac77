//! Writing a tờ trình to the province (issue 13, item 5), shared by the officer's form and the
//! demo: the next number of the body's register (kind "proposal", "03/TTr-UBND"), the DOCX in
//! the Decree 30 layout and the dossier ZIP, both kept under their SHA-256 and never rebuilt,
//! and the rows — each nomination once (the key refuses a second).

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::ballot::Outcome;
use super::decision_doc::SigningForm;
use super::nominations_store::Nomination;
use super::rounds_store::Round;
use super::upward_doc::{self, ProposalDoc};
use super::upward_store::{self as store, NewProposal};
use super::{ballot_store, council_store, decision_store};
use crate::db::DbConn;
use crate::documents::report::{self, Cell, Sheet, Shown, TitleBlock};
use crate::documents::{archive, docx};
use crate::files::blobs::Blobs;
use crate::text;
use crate::units::Unit;
use crate::web::error::AppError;

/// What the tờ trình says besides its list.
pub struct Proposing<'a> {
    pub round: &'a Round,
    pub body: &'a Unit,
    pub on: NaiveDate,
    pub form: SigningForm,
    pub signer: &'a str,
    pub recipient: &'a str,
    pub by: Option<i64>,
    /// The full name the workbook's "Xuất lúc … bởi …" line gives.
    pub by_name: &'a str,
    pub is_demo: bool,
}

/// The tờ trình as written.
pub struct Written {
    pub id: i64,
    pub number: String,
    pub docx_sha256: String,
    pub zip_sha256: String,
}

/// Writes the tờ trình of `list` inside `tx`; the files go to `blobs` before the caller
/// commits. Errors: the database (a nomination already proposed among them), rendering, the
/// file store.
pub async fn write(
    tx: &mut impl DbConn,
    blobs: &Blobs,
    p: &Proposing<'_>,
    list: &[Nomination],
    now: DateTime<Utc>,
) -> Result<Written, AppError> {
    let year = i64::from(p.on.year());
    let seq = decision_store::next_number(tx, p.body.id, year, "proposal").await?;
    let number = super::register::number(seq, "TTr", "UBND");
    let ids: Vec<i64> = list.iter().map(|n| n.id).collect();
    let sessions = passing_sessions(tx, p.round.id, p.body.id, &ids).await?;
    let doc = ProposalDoc {
        body_name: &p.body.name,
        number: &number,
        proposed_on: p.on,
        form: p.form,
        signer_name: p.signer,
        recipient: p.recipient,
        movement_title: &p.round.movement_title,
        year: p.round.year,
        sessions: sessions
            .iter()
            .map(|s| text::document_date(s.held_on))
            .collect(),
        nominations: list,
    };
    let docx = docx::render(&upward_doc::letter(&doc))
        .map_err(|e| AppError::Internal(anyhow::anyhow!(e)))?;
    let title = TitleBlock {
        title: format!("Danh sách đề nghị cấp tỉnh khen thưởng – Tờ trình số {number}"),
        lines: vec![
            format!("Cơ quan trình: {}", p.body.name),
            format!("Ngày tờ trình: {}", text::date_vn(p.on)),
            format!(
                "Phong trào: {} năm {}",
                p.round.movement_title, p.round.year
            ),
            "Kết quả bỏ phiếu kín: chỉ số phiếu, không ghi ai bỏ phiếu thế nào".into(),
        ],
        exported_at: crate::clock::local_time(now),
        exported_by: p.by_name.to_string(),
    };
    let zip = dossier(blobs, tx, &number, &docx, list, &sessions, p.on, &title).await?;
    let (docx_key, zip_key) = (crate::files::digest(&docx), crate::files::digest(&zip));
    let zip_size = zip.len() as i64;
    for (key, bytes, media) in [
        (&docx_key, docx, crate::files::Kind::Docx.media_type()),
        (&zip_key, zip, ZIP),
    ] {
        crate::files::store::register(tx, key, bytes.len() as i64, media, now).await?;
        blobs.put(key, bytes).await?;
    }
    let row = NewProposal {
        round_id: p.round.id,
        body_unit_id: p.body.id,
        year,
        seq,
        number: &number,
        proposed_on: p.on,
        signer_name: p.signer,
        signing_form: p.form.code(),
        recipient: p.recipient,
        docx_sha256: &docx_key,
        zip_sha256: &zip_key,
        zip_size,
        is_demo: p.is_demo,
    };
    let id = store::insert(tx, &row, &ids, p.by, now).await?;
    Ok(Written {
        id,
        number,
        docx_sha256: docx_key,
        zip_sha256: zip_key,
    })
}

/// The media type of a dossier archive.
pub const ZIP: &str = "application/zip";

/// The body's closed sessions of the round that passed one of `ids`, in date order.
async fn passing_sessions(
    c: &mut impl DbConn,
    round: i64,
    body: i64,
    ids: &[i64],
) -> Result<Vec<council_store::Session>, sqlx::Error> {
    let mut out = Vec::new();
    for s in council_store::sessions(c, round).await? {
        if s.body_unit_id != body || s.state != "closed" {
            continue;
        }
        let passed = ballot_store::tallies(c, s.id).await?.into_iter().any(|t| {
            ids.contains(&t.nomination_id) && t.outcome.as_deref() == Some(Outcome::Passed.code())
        });
        if passed {
            out.push(s);
        }
    }
    Ok(out)
}

/// The dossier archive: the tờ trình, the list with the council's counts (never who voted
/// how), each nominee's uploaded documents — or the pre-filled report when none was
/// uploaded — and the minutes of each session that passed them.
#[allow(clippy::too_many_arguments)]
async fn dossier(
    blobs: &Blobs,
    c: &mut impl DbConn,
    number: &str,
    proposal: &[u8],
    list: &[Nomination],
    sessions: &[council_store::Session],
    on: NaiveDate,
    title: &TitleBlock,
) -> Result<Vec<u8>, AppError> {
    let internal = |e: String| AppError::Internal(anyhow::anyhow!(e));
    let mut entries = vec![(
        format!("01-to-trinh-{}.docx", number.replace('/', "-")),
        proposal.to_vec(),
    )];
    let mut counts: Vec<(usize, Vec<Cell>)> = Vec::new();
    let count = |n: i64| Cell::Number(n as f64, Shown::Decimal(0));
    for s in sessions {
        for t in ballot_store::tallies(c, s.id).await? {
            if let Some(i) = list.iter().position(|n| n.id == t.nomination_id) {
                let outcome = t.outcome.as_deref().and_then(Outcome::from_code);
                counts.push((
                    i,
                    vec![
                        count(i as i64 + 1),
                        list[i].subject_name.clone().into(),
                        Cell::Date(s.held_on),
                        count(t.agree),
                        count(t.disagree),
                        count(t.abstain),
                        outcome
                            .map_or("Chưa kết thúc", |o| o.label())
                            .to_string()
                            .into(),
                    ],
                ));
            }
        }
    }
    counts.sort_by_key(|(i, _)| *i);
    let listed: Vec<Vec<Cell>> = upward_doc::list_rows(list)
        .into_iter()
        .map(|r| r.into_iter().map(Cell::from).collect())
        .collect();
    let columns = |cols: &[(&str, f64)]| -> Vec<(String, f64)> {
        cols.iter().map(|(n, w)| (n.to_string(), *w)).collect()
    };
    let book = report::write(
        title,
        &[
            Sheet {
                name: "Danh sách".into(),
                columns: columns(&[
                    ("TT", 6.0),
                    ("Tên tập thể, cá nhân, hộ gia đình", 32.0),
                    ("Đơn vị", 24.0),
                    ("Hình thức đề nghị", 28.0),
                    ("Tóm tắt thành tích", 60.0),
                ]),
                rows: listed,
            },
            Sheet {
                name: "Kết quả bỏ phiếu".into(),
                columns: columns(&[
                    ("TT", 6.0),
                    ("Tên tập thể, cá nhân, hộ gia đình", 32.0),
                    ("Phiên họp ngày", 14.0),
                    ("Đồng ý", 10.0),
                    ("Không đồng ý", 12.0),
                    ("Không biểu quyết", 14.0),
                    ("Kết quả", 14.0),
                ]),
                rows: counts.into_iter().map(|(_, r)| r).collect(),
            },
        ],
    )
    .map_err(|e| internal(e.to_string()))?;
    entries.push(("02-danh-sach-va-ket-qua-bo-phieu.xlsx".into(), book));
    for (i, n) in list.iter().enumerate() {
        let files = crate::files::store::of(c, super::dossier_web::OWNER, n.id).await?;
        if !files.iter().any(|f| f.slot == 2) {
            let letter = super::dossier_web::report_of(c, n, on).await?;
            let bytes = docx::render(&letter).map_err(|e| internal(e.to_string()))?;
            entries.push((
                upward_doc::dossier_entry(i + 1, &n.subject_name, "bao-cao-thanh-tich.docx"),
                bytes,
            ));
        }
        for f in files {
            let bytes = super::awarded_web::stored(blobs, &f.sha256).await?;
            entries.push((
                upward_doc::dossier_entry(i + 1, &n.subject_name, &f.name),
                bytes,
            ));
        }
    }
    for s in sessions {
        let loaded = super::session_load::load(c, s.id).await?;
        let bytes = docx::render(&super::minutes_web::letter(&loaded))
            .map_err(|e| internal(e.to_string()))?;
        entries.push((
            format!("04-bien-ban-hoi-dong-{}.docx", s.held_on.format("%Y-%m-%d")),
            bytes,
        ));
    }
    archive::write(&entries).map_err(|e| internal(e.to_string()))
}
