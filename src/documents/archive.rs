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
