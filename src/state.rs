//! The application's state, shared by every handler: the database, settings, the clock and
//! the workbook reader's queue. A leaf module — handlers import it, never `app`, which
//! assembles the router out of the handlers.

use std::sync::Arc;

use crate::clock::Clock;
use crate::config::Settings;
use crate::db::Db;
use crate::documents::Reading;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub clock: Clock,
    /// Uploaded workbooks are parsed through here, two at a time.
    pub reading: Reading,
    /// The one file store's bytes (evidence and attachments).
    pub files: crate::files::blobs::Blobs,
}
