//! Figure evidence uploaded before the file store existed sat in `minh-chung/<sha256>` with no
//! record of its size or type. At start-up each such file still named by a figure is checked
//! (its hash must be its name, its content one of the accepted kinds), copied into the store
//! and recorded, so downloads and backups treat it like any other stored file.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::blobs::Blobs;
use crate::db::Db;

/// The folder the figure evidence used to live in.
const OLD_FOLDER: &str = "minh-chung";

/// Moves the old evidence files into the store. Returns how many were taken in; a file that is
/// missing or does not match its name is left as it is and logged (its figure keeps the name,
/// and a download answers "not found" as before).
///
/// Errors: the database or the store cannot be read or written.
pub async fn adopt(
    db: &Db,
    blobs: &Blobs,
    data_dir: &Path,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let waiting = {
        let mut c = db.conn().await?;
        super::store::unregistered_figure_keys(&mut c).await?
    };
    let mut adopted = 0;
    for (key, name) in waiting {
        if !super::is_key(&key) {
            continue;
        }
        let Ok(bytes) = std::fs::read(data_dir.join(OLD_FOLDER).join(&key)) else {
            tracing::warn!(%key, %name, "old evidence file missing");
            continue;
        };
        let Some(kind) = super::sniff(&bytes).filter(|_| super::digest(&bytes) == key) else {
            tracing::warn!(%key, %name, "old evidence file does not match its key or kind");
            continue;
        };
        let size = bytes.len() as i64;
        blobs.put(&key, bytes).await?;
        let mut tx = db.begin().await?;
        super::store::register(&mut tx, &key, size, kind.media_type(), now).await?;
        tx.commit().await?;
        adopted += 1;
    }
    Ok(adopted)
}
