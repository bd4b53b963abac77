//! Uploaded workbooks are parsed off the async workers, a few at a time.

use std::sync::Arc;

use tokio::sync::Semaphore;

use super::problems::Problem;
use super::workbook::{self, Limits, Sheet, Which};

/// Reads uploaded workbooks off the async workers, a few at a time: parsing is CPU and memory
/// bound, so twelve large uploads at once must queue rather than starve everyone's saves.
#[derive(Clone, Debug)]
pub struct Reading(Arc<Semaphore>);

impl Reading {
    /// At most `at_once` workbooks are parsed together (the machine's cores are a fair choice).
    pub fn new(at_once: usize) -> Reading {
        Reading(Arc::new(Semaphore::new(at_once.max(1))))
    }

    /// `workbook::read` on a blocking thread once a place is free.
    pub async fn read(
        &self,
        bytes: Vec<u8>,
        which: Which,
        limits: Limits,
    ) -> Result<Sheet, Problem> {
        let failed = || Problem::file("Không đọc được tệp; hãy thử lại.");
        let _place = self.0.acquire().await.map_err(|_| failed())?;
        tokio::task::spawn_blocking(move || workbook::read(&bytes, &which, &limits))
            .await
            .unwrap_or_else(|_| Err(failed()))
    }
}
