//! The bytes of stored files, kept by SHA-256 in an object store: a folder under the data
//! directory today (`object_store`'s local file system, which writes to a temporary file and
//! renames it into place, so a reader never sees half a file); an S3-compatible bucket is the
//! same interface when a deployment needs one.

use std::path::Path;
use std::sync::Arc;

use object_store::local::LocalFileSystem;
use object_store::{ObjectStore, PutPayload};

/// The folder of the data directory that holds the store.
pub const FOLDER: &str = "kho-tep";

/// Handle to the store; cheap to clone.
#[derive(Clone, Debug)]
pub struct Blobs {
    store: Arc<dyn ObjectStore>,
}

/// Where a key lives: two levels so that no folder grows to hundreds of thousands of entries.
fn location(key: &str) -> object_store::path::Path {
    object_store::path::Path::from(format!("{}/{key}", &key[..2]))
}

impl Blobs {
    /// The store in `data_dir/kho-tep`, created if missing.
    ///
    /// Errors: the folder cannot be created or opened.
    pub fn local(data_dir: &Path) -> anyhow::Result<Blobs> {
        let dir = data_dir.join(FOLDER);
        std::fs::create_dir_all(&dir)?;
        Ok(Blobs {
            store: Arc::new(LocalFileSystem::new_with_prefix(&dir)?),
        })
    }

    /// Keeps `bytes` under `key` (their SHA-256, checked by the caller with
    /// [`super::accept`]); content already there is not written again.
    ///
    /// Errors: the key is not a SHA-256 in hex, or the store cannot be written.
    pub async fn put(&self, key: &str, bytes: Vec<u8>) -> anyhow::Result<()> {
        anyhow::ensure!(super::is_key(key), "khóa tệp không hợp lệ");
        let at = location(key);
        if self.store.head(&at).await.is_ok() {
            return Ok(());
        }
        self.store.put(&at, PutPayload::from(bytes)).await?;
        Ok(())
    }

    /// The bytes under `key`, or `None` when the store does not hold them.
    ///
    /// Errors: the store cannot be read (other than the file being absent).
    pub async fn get(&self, key: &str) -> anyhow::Result<Option<Vec<u8>>> {
        if !super::is_key(key) {
            return Ok(None);
        }
        match self.store.get(&location(key)).await {
            Ok(found) => Ok(Some(found.bytes().await?.to_vec())),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}
