//! The one file store (kho tệp) of the whole product: evidence for figures and criteria, and
//! later attachments and issued documents. A file is accepted only when its *content* is one
//! of the kinds below (the name's ending must agree), it is 1 byte to 20 MB, and its name is a
//! plain file name. Accepted files are kept once per SHA-256 under the data folder (the same
//! file uploaded twice is stored once); the database keeps each attachment's name, size, type,
//! uploader and time (`store.rs`), and `blobs.rs` holds the bytes.
//!
//! Rules here are pure: [`accept`] decides from the name and bytes alone, so a refused file
//! never reaches the disk or the database.

pub mod backup;
pub mod blobs;
pub mod legacy;
pub mod store;
pub mod web;

#[cfg(test)]
mod tests;

use sha2::{Digest, Sha256};

/// The largest file accepted, in bytes (20 MiB; issue 10 item 4).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// The longest name kept, in characters; longer names are refused so that a download's name
/// and the listing stay readable.
const MAX_NAME_CHARS: usize = 180;

/// A kind of file the store takes, decided from the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Jpeg,
    Png,
    Docx,
    Xlsx,
}

impl Kind {
    /// The media type sent with a download.
    pub fn media_type(self) -> &'static str {
        match self {
            Kind::Pdf => "application/pdf",
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
            Kind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Kind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    /// The kind a stored media type names (the database keeps the media type).
    pub fn from_media_type(t: &str) -> Option<Kind> {
        ALL.into_iter().find(|k| k.media_type() == t)
    }

    /// What an official calls it.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Pdf => "PDF",
            Kind::Jpeg => "ảnh JPG",
            Kind::Png => "ảnh PNG",
            Kind::Docx => "Word (.docx)",
            Kind::Xlsx => "Excel (.xlsx)",
        }
    }

    /// The name endings that agree with this content.
    fn endings(self) -> &'static [&'static str] {
        match self {
            Kind::Pdf => &["pdf"],
            Kind::Jpeg => &["jpg", "jpeg"],
            Kind::Png => &["png"],
            Kind::Docx => &["docx"],
            Kind::Xlsx => &["xlsx"],
        }
    }

    /// Whether the page can show it inline (an image, or a PDF in the browser's viewer).
    pub fn previews(self) -> bool {
        matches!(self, Kind::Pdf | Kind::Jpeg | Kind::Png)
    }
}

const ALL: [Kind; 5] = [Kind::Pdf, Kind::Jpeg, Kind::Png, Kind::Docx, Kind::Xlsx];

/// What the upload form tells the person before they choose a file.
pub const ACCEPTED_TEXT: &str = "PDF, ảnh JPG/PNG, Word (.docx) hoặc Excel (.xlsx), tối đa 20 MB";

/// The kind the bytes are, read from their signature (magic numbers), not from the name.
/// Office files are ZIP archives; `infer` tells a Word document from a workbook by the parts
/// inside.
pub fn sniff(bytes: &[u8]) -> Option<Kind> {
    let t = infer::get(bytes)?;
    match t.mime_type() {
        "application/pdf" => Some(Kind::Pdf),
        "image/jpeg" => Some(Kind::Jpeg),
        "image/png" => Some(Kind::Png),
        m if m == Kind::Docx.media_type() => Some(Kind::Docx),
        m if m == Kind::Xlsx.media_type() => Some(Kind::Xlsx),
        _ => None,
    }
}

/// A file that passed every check, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// The name as the person gave it (cleaned: NFC, no invisible characters).
    pub name: String,
    pub kind: Kind,
    /// Lower-case hex SHA-256 of the bytes: the file's key in the store.
    pub sha256: String,
    pub size: i64,
}

/// Checks a file given as `name` and `bytes`.
///
/// Errors: the Vietnamese sentence to show — empty file, larger than [`MAX_BYTES`], a name
/// with a folder part (`/`, `\`, `..`) or none at all, content that is not one of the kinds,
/// or a name ending that disagrees with the content.
pub fn accept(name: &str, bytes: &[u8]) -> Result<Accepted, String> {
    let name = crate::text::clean(name);
    let shown = clip(&name);
    if name.is_empty() {
        return Err("Hãy chọn một tệp để tải lên.".into());
    }
    if name.contains(['/', '\\']) || name.contains("..") || name.starts_with('.') {
        return Err(format!(
            "Tên tệp «{shown}» không hợp lệ: tên không được chứa dấu / hoặc \\, không bắt đầu \
             bằng dấu chấm và không có «..». Hãy đổi tên tệp rồi tải lên lại."
        ));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "Tên tệp dài quá {MAX_NAME_CHARS} ký tự; hãy đặt tên ngắn hơn rồi tải lên lại."
        ));
    }
    if bytes.is_empty() {
        return Err(format!(
            "Tệp «{shown}» rỗng (0 byte); hãy chọn lại đúng tệp."
        ));
    }
    if bytes.len() > MAX_BYTES {
        return Err(too_large(&shown, bytes.len()));
    }
    let Some(kind) = sniff(bytes) else {
        return Err(format!(
            "Nội dung tệp «{shown}» không phải {ACCEPTED_TEXT}; tệp không được nhận."
        ));
    };
    let ending = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default();
    if !kind.endings().contains(&ending.as_str()) {
        return Err(format!(
            "Tệp «{shown}» có nội dung là {} nhưng tên lại có đuôi «.{ending}»; hãy đổi đuôi \
             tên cho đúng rồi tải lên lại.",
            kind.label()
        ));
    }
    Ok(Accepted {
        name,
        kind,
        sha256: hex::encode(Sha256::digest(bytes)),
        size: bytes.len() as i64,
    })
}

/// The message for an upload the server stopped reading at the limit (its size is unknown).
pub const OVER_LIMIT: &str =
    "Tệp đã chọn lớn hơn giới hạn 20 MB; hãy nén hoặc chia nhỏ rồi tải lên lại.";

/// The message for a file over the limit, with its size in MB as Vietnamese writes it.
pub fn too_large(shown: &str, len: usize) -> String {
    let tenths = (len as u64 * 10).div_ceil(1024 * 1024);
    format!(
        "Tệp «{shown}» nặng {},{} MB, quá giới hạn {} MB; hãy nén hoặc chia nhỏ rồi tải lên lại.",
        tenths / 10,
        tenths % 10,
        MAX_BYTES / (1024 * 1024)
    )
}

/// A size for a listing: "850 KB", "2,4 MB".
pub fn size_text(size: i64) -> String {
    if size < 1024 * 1024 {
        format!("{} KB", (size + 1023) / 1024)
    } else {
        let tenths = (size * 10 + 1024 * 1024 - 1) / (1024 * 1024);
        format!("{},{} MB", tenths / 10, tenths % 10)
    }
}

/// The hex SHA-256 of `bytes`.
pub fn digest(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Whether `key` can be a store key (64 lower-case hex digits), so that no path built from it
/// leaves the store's folder.
pub fn is_key(key: &str) -> bool {
    key.len() == 64 && key.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// At most 60 characters of a name, for a message.
fn clip(name: &str) -> String {
    if name.chars().count() <= 60 {
        return name.to_string();
    }
    let head: String = name.chars().take(59).collect();
    format!("{head}…")
}
