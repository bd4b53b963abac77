//! Hostile workbooks for tests: a seeded generator and the mutations a hostile or broken file
//! would carry. Compiled only for tests — the library's own and the HTTP stories'.

use std::io::{Cursor, Read, Write};

use zip::result::ZipResult;

/// One workbook part: path inside the archive and its XML.
pub type Part = (String, String);

/// A workbook from raw parts, stored uncompressed so mutations land in the XML itself.
pub fn archive(parts: &[Part]) -> ZipResult<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (path, xml) in parts {
        zip.start_file(path.as_str(), opts)?;
        zip.write_all(xml.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// The parts of a workbook, unpacked.
pub fn parts(bytes: &[u8]) -> ZipResult<Vec<Part>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))?;
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i)?;
            let mut xml = String::new();
            f.read_to_string(&mut xml)?;
            Ok((f.name()?.to_string(), xml))
        })
        .collect()
}

/// A small deterministic generator (xorshift), so a failing mutation replays from its seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// Replacements a hostile file would try: huge positions, indices and counts, broken tags.
const NASTY: [&str; 13] = [
    "XFD1048576",
    "A0",
    "999999999",
    "-1",
    "t=\"s\"",
    "<v>",
    "</c>",
    "s=\"4000000\"",
    "ref=\"A1:XFD1048576\"",
    "<f t=\"shared\" si=\"999999999\"/>",
    "&#0;",
    "<c r=\"A1\">",
    "uniqueCount=\"999999999\"",
];

/// A few random cuts, insertions, overwrites and copies in `xml`.
pub fn mutate(rng: &mut Rng, xml: &str) -> String {
    let mut s = xml.as_bytes().to_vec();
    for _ in 0..=rng.below(4) {
        if s.is_empty() {
            break;
        }
        let at = rng.below(s.len());
        match rng.below(4) {
            0 => {
                let n = rng.below(8).min(s.len() - at);
                s.drain(at..at + n);
            }
            1 => s
                .splice(at..at, NASTY[rng.below(NASTY.len())].bytes())
                .for_each(drop),
            2 => s[at] = (rng.next_u64() & 0x7f) as u8,
            _ => {
                let from = rng.below(s.len());
                let n = rng.below(40).min(s.len() - from);
                let chunk: Vec<u8> = s[from..from + n].to_vec();
                s.splice(at..at, chunk).for_each(drop);
            }
        }
    }
    String::from_utf8_lossy(&s).into_owned()
}

/// `parts` with one of them mutated.
pub fn mutated(rng: &mut Rng, parts: &[Part]) -> ZipResult<Vec<u8>> {
    let victim = rng.below(parts.len());
    let out: Vec<Part> = parts
        .iter()
        .enumerate()
        .map(|(i, (p, x))| {
            let x = if i == victim {
                mutate(rng, x)
            } else {
                x.clone()
            };
            (p.clone(), x)
        })
        .collect();
    archive(&out)
}
