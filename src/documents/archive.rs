//! The archive around a workbook, checked before any XML is read: how many entries, how large
//! each unpacks, and the one count the XML library trusts enough to allocate for. A zip bomb
//! or a forged count stops here, while it is still a few kilobytes.

use std::io::Cursor;

use super::problems::Problem;
use super::workbook::{Limits, MIB};

/// The archive's entries are counted and their declared sizes added up before any is
/// unpacked; the zip reader refuses to unpack past a declared size, so these bound memory.
pub(super) fn check(bytes: &[u8], limits: &Limits) -> Result<(), Problem> {
    let not_xlsx = || Problem::file("Tệp không phải bảng tính Excel (.xlsx) hợp lệ.");
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_xlsx())?;
    if zip.len() > limits.entries {
        return Err(not_xlsx());
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|_| not_xlsx())?;
        let size = entry.size();
        let name = entry.name().map_err(|_| not_xlsx())?.to_ascii_lowercase();
        let bulk = name.contains("worksheets/") || name.ends_with("sharedstrings.xml");
        if !bulk && size > limits.part_bytes {
            return Err(too_big(limits));
        }
        total = total.saturating_add(size);
    }
    if total > limits.unpacked_bytes {
        return Err(too_big(limits));
    }
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|_| not_xlsx())?;
        let name = entry.name().map_err(|_| not_xlsx())?.to_ascii_lowercase();
        if name.ends_with("sharedstrings.xml") {
            let size = entry.size();
            check_string_count(entry, size, limits)?;
        }
    }
    Ok(())
}

/// The shared-strings table declares how many strings it holds, and the reader reserves room
/// for that many before reading one: `uniqueCount="999999999"` in a 2 KB file would abort the
/// process. A string takes at least a few bytes of XML, so a count the part cannot hold is a
/// forged one.
fn check_string_count(part: impl std::io::Read, size: u64, limits: &Limits) -> Result<(), Problem> {
    use quick_xml::events::Event;
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                let declared = e
                    .try_get_attribute("uniqueCount")
                    .ok()
                    .flatten()
                    .map(|a| a.value.trim().to_string());
                let Some(declared) = declared else {
                    return Ok(());
                };
                // The reader ignores a count that is not a number; so do we.
                let fits = declared
                    .parse::<u64>()
                    .map_or(true, |n| n <= size / 4 && n <= limits.cells);
                return if fits { Ok(()) } else { Err(too_big(limits)) };
            }
            Ok(Event::Eof) => return Ok(()),
            Err(_) => {
                return Err(Problem::file(
                    "Tệp bị hỏng hoặc không phải bảng tính .xlsx; hãy mở bằng Excel, lưu lại rồi tải lên.",
                ));
            }
            _ => {}
        }
    }
}

fn too_big(limits: &Limits) -> Problem {
    Problem::file(format!(
        "Nội dung tệp khi giải nén quá lớn (tối đa {} MB); tệp có thể bị hỏng hoặc được tạo để phá hệ thống.",
        limits.unpacked_bytes / MIB as u64
    ))
}

/// A ZIP of `entries` (name, bytes), deflated, in the order given — a dossier an official
/// sends on. Names are folded to ASCII, case kept, because Windows' built-in unzip reads
/// names in the local code page and garbles Vietnamese ones; a repeated name gets "-2", "-3".
/// Errors: the zip writer (only on an I/O failure of the in-memory buffer).
pub fn write(entries: &[(String, Vec<u8>)]) -> Result<Vec<u8>, zip::result::ZipError> {
    use std::io::Write;
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut used: Vec<String> = Vec::new();
    for (name, bytes) in entries {
        let name = unique(ascii_path(name), &used);
        out.start_file(name.as_str(), options)?;
        out.write_all(bytes)?;
        used.push(name);
    }
    Ok(out.finish()?.into_inner())
}

/// "hồ sơ/Báo cáo – Lê Văn A.docx" → "ho-so/Bao-cao-Le-Van-A.docx".
fn ascii_path(name: &str) -> String {
    name.split('/')
        .map(|part| {
            let mut s = String::new();
            for c in without_marks(part) {
                if c == '.' && s.ends_with('-') {
                    s.pop();
                    s.push(c);
                } else if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
                    s.push(c);
                } else if !s.ends_with('-') {
                    s.push('-');
                }
            }
            s.trim_matches('-').to_string()
        })
        .filter(|p| !p.is_empty() && p != "." && p != "..")
        .collect::<Vec<_>>()
        .join("/")
}

/// The letters of `s` without their Vietnamese marks: "Ặc Ộ Đạt" → "Ac O Dat".
fn without_marks(s: &str) -> impl Iterator<Item = char> + '_ {
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(|c| !('\u{0300}'..='\u{036f}').contains(c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
}

fn unique(name: String, used: &[String]) -> String {
    if !used.contains(&name) {
        return name;
    }
    let (stem, ext) = match name.rfind('.') {
        Some(i) if !name[i..].contains('/') => (&name[..i], &name[i..]),
        _ => (name.as_str(), ""),
    };
    (2..)
        .map(|n| format!("{stem}-{n}{ext}"))
        .find(|n| !used.contains(n))
        .unwrap_or(name.clone())
}

#[cfg(test)]
mod write_tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn names_are_ascii_unique_and_the_bytes_come_back() {
        let zip = write(&[
            ("Tờ trình 01/TTr.docx".into(), b"a".to_vec()),
            ("hồ sơ/Báo cáo – Lê Văn Ánh.docx".into(), b"b".to_vec()),
            ("hồ sơ/Bao cao - Le Van Anh.docx".into(), b"c".to_vec()),
            ("../../etc/passwd".into(), b"d".to_vec()),
            ("Báo cáo (bản ký).pdf".into(), b"e".to_vec()),
        ])
        .unwrap();
        let mut z = zip::ZipArchive::new(Cursor::new(zip)).unwrap();
        let names: Vec<String> = z.file_names().map(|n| n.unwrap().into_owned()).collect();
        assert_eq!(
            names,
            [
                "To-trinh-01/TTr.docx",
                "ho-so/Bao-cao-Le-Van-Anh.docx",
                "ho-so/Bao-cao-Le-Van-Anh-2.docx",
                "etc/passwd",
                "Bao-cao-ban-ky.pdf"
            ]
        );
        let mut s = String::new();
        z.by_name("ho-so/Bao-cao-Le-Van-Anh-2.docx")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        assert_eq!(s, "c");
    }
}
