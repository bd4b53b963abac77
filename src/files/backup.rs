//! `thidua backup` and `thidua restore`: the database and the file store travel together.
//!
//! A backup is a folder `thidua-<time>/` holding the database (`csdl.sqlite` from `VACUUM INTO`,
//! or `csdl.sql` from `pg_dump`), every stored file under `kho-tep/`, and `manifest.txt` naming
//! each file's SHA-256 and size. The database is copied first: a file is written to the store
//! before the transaction that records it commits, so every file the copied database names is
//! already in the store when the files are copied (later uploads only add files nobody in the
//! copy refers to).

use std::path::{Path, PathBuf};

use super::blobs::{Blobs, FOLDER};
use crate::db::Db;

/// The manifest's name inside a backup folder.
pub const MANIFEST: &str = "manifest.txt";

/// What a backup wrote.
#[derive(Debug)]
pub struct Taken {
    pub folder: PathBuf,
    pub files: usize,
    pub bytes: u64,
}

/// Writes a backup of `db` and `blobs` into a new folder under `dir`, named by `stamp`.
///
/// Errors: the folder exists already, the database copy fails, or a file the database names is
/// missing from the store or no longer matches its hash (named, so it can be looked into).
pub async fn take(
    db: &Db,
    url: &str,
    blobs: &Blobs,
    dir: &Path,
    stamp: &str,
) -> anyhow::Result<Taken> {
    let folder = dir.join(format!("thidua-{stamp}"));
    anyhow::ensure!(
        !folder.exists(),
        "thư mục {} đã có; chờ một giây rồi sao lưu lại",
        folder.display()
    );
    std::fs::create_dir_all(&folder)?;
    let database = db.backup(url, &folder.join("csdl")).await?;
    let kept = {
        let mut c = db.conn().await?;
        super::store::all(&mut c).await?
    };
    let mut manifest = format!(
        "# thidua {stamp}\n# {} {}\n",
        super::digest(&std::fs::read(&database)?),
        file_name(&database)
    );
    let (mut bytes, mut faults) = (0u64, Vec::new());
    for (key, size) in &kept {
        let Some(content) = blobs.get(key).await? else {
            faults.push(format!("thiếu tệp {key}"));
            continue;
        };
        if super::digest(&content) != *key {
            faults.push(format!("tệp {key} không còn khớp mã băm"));
            continue;
        }
        let at = format!("{FOLDER}/{}/{key}", &key[..2]);
        let target = folder.join(&at);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, &content)?;
        bytes += content.len() as u64;
        manifest.push_str(&format!("{key} {size} {at}\n"));
    }
    std::fs::write(folder.join(MANIFEST), manifest)?;
    anyhow::ensure!(
        faults.is_empty(),
        "bản sao lưu {} thiếu {} tệp: {}",
        folder.display(),
        faults.len(),
        faults.join("; ")
    );
    Ok(Taken {
        folder,
        files: kept.len(),
        bytes,
    })
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// One line of a manifest: a stored file's key, size and path inside the backup.
#[derive(Debug, PartialEq, Eq)]
pub struct Line {
    pub key: String,
    pub size: u64,
    pub at: String,
}

/// Reads a manifest's file lines (comments start with `#`).
///
/// Errors: a line that is not "key size path" with a SHA-256 key and a path inside the store's
/// folder, given by its number.
pub fn parse_manifest(text: &str) -> Result<Vec<Line>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut parts = line.split(' ');
        let (Some(key), Some(size), Some(at), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(format!("dòng {} của {MANIFEST} sai dạng", n + 1));
        };
        let size = size
            .parse()
            .map_err(|_| format!("dòng {} của {MANIFEST}: cỡ tệp sai", n + 1))?;
        if !super::is_key(key) || at != format!("{FOLDER}/{}/{key}", &key[..2]) {
            return Err(format!("dòng {} của {MANIFEST}: tên tệp sai", n + 1));
        }
        out.push(Line {
            key: key.into(),
            size,
            at: at.into(),
        });
    }
    Ok(out)
}

/// Brings a backup folder back: the database into the configured database (which must be
/// empty) and every file into the store (which must be empty), each file checked against its
/// hash and size. The caller then opens the database and checks the audit chain and the
/// store ([`verify`]).
///
/// Errors: the target is not empty, the backup is of the other engine or incomplete, or a
/// file does not match the manifest.
pub async fn restore(url: &str, data_dir: &Path, from: &Path) -> anyhow::Result<usize> {
    let store_dir = data_dir.join(FOLDER);
    if store_dir.exists() && std::fs::read_dir(&store_dir)?.next().is_some() {
        anyhow::bail!(
            "kho tệp {} đã có dữ liệu; chỉ khôi phục vào thư mục dữ liệu trống",
            store_dir.display()
        );
    }
    let text = std::fs::read_to_string(from.join(MANIFEST))
        .map_err(|e| anyhow::anyhow!("không đọc được {MANIFEST} trong {}: {e}", from.display()))?;
    let lines = parse_manifest(&text).map_err(|e| anyhow::anyhow!(e))?;
    Db::restore(url, from).await?;
    let blobs = Blobs::local(data_dir)?;
    for line in &lines {
        let content = std::fs::read(from.join(&line.at))
            .map_err(|e| anyhow::anyhow!("bản sao lưu thiếu tệp {}: {e}", line.at))?;
        anyhow::ensure!(
            content.len() as u64 == line.size && super::digest(&content) == line.key,
            "tệp {} trong bản sao lưu không khớp mã băm đã ghi",
            line.at
        );
        blobs.put(&line.key, content).await?;
    }
    Ok(lines.len())
}

/// Checks that every file the database names is in the store with its hash. Returns how many
/// were checked, or the faults found.
pub async fn verify(db: &Db, blobs: &Blobs) -> anyhow::Result<Result<usize, Vec<String>>> {
    let kept = {
        let mut c = db.conn().await?;
        super::store::all(&mut c).await?
    };
    let mut faults = Vec::new();
    for (key, size) in &kept {
        match blobs.get(key).await? {
            None => faults.push(format!("thiếu tệp {key}")),
            Some(b) if b.len() as i64 != *size || super::digest(&b) != *key => {
                faults.push(format!("tệp {key} không khớp mã băm"))
            }
            Some(_) => {}
        }
    }
    Ok(if faults.is_empty() {
        Ok(kept.len())
    } else {
        Err(faults)
    })
}
