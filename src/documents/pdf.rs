//! PDF output for the documents officials sign and print (issue 13): decisions, certificates.
//!
//! Built on `pdf-writer` with `ttf-parser` for metrics and `subsetter` for the embedded subset:
//! a decision or 1,000 certificates need placed lines of text and rules, not a typesetting
//! engine, and these three crates cost seconds of a cold build where krilla (shaping) cost about
//! a minute and typst 8–12 (measured on this machine; the release build must stay under 10
//! minutes). Vietnamese needs no shaping once text is NFC: every precomposed letter (Ủ, Ộ, Ặ …)
//! is one glyph of Liberation Serif 2.x (SIL OFL, Times New Roman's metrics), which is embedded
//! from `assets/fonts`. Each glyph's ToUnicode entry is the character drawn, so `pdftotext`
//! gives back exactly the text that was placed.
//!
//! Coordinates are millimetres from the page's top-left corner; sizes are points. Layout uses
//! floating point: it decides where ink goes, never an amount or a threshold.

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};
use unicode_normalization::UnicodeNormalization;

/// A4 portrait in millimetres (Decree 30/2020 Annex I).
pub const A4: (f32, f32) = (210.0, 297.0);
/// A4 landscape, the shape of most pre-printed Giấy khen blanks.
pub const A4_LANDSCAPE: (f32, f32) = (297.0, 210.0);

const MM: f32 = 72.0 / 25.4;

/// The four faces of the embedded serif.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Face {
    fn index(self) -> usize {
        self as usize
    }
}

const FONT_FILES: [&[u8]; 4] = [
    include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-BoldItalic.ttf"),
];
const FONT_NAMES: [&[u8]; 4] = [
    b"LiberationSerif",
    b"LiberationSerif-Bold",
    b"LiberationSerif-Italic",
    b"LiberationSerif-BoldItalic",
];

/// Why a PDF could not be written (an embedded font failed to parse or subset: a build fault,
/// not a user's).
#[derive(Debug, thiserror::Error)]
#[error("không tạo được tệp PDF: {0}")]
pub struct PdfError(String);

enum Op {
    Text {
        face: usize,
        size: f32,
        x: f32,
        y: f32,
        glyphs: Vec<u16>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
}

struct Page {
    size: (f32, f32),
    ops: Vec<Op>,
}

/// A PDF being drawn, page by page. Errors only at `new` (fonts) and `finish` (subsetting).
pub struct Writer {
    faces: Vec<ttf_parser::Face<'static>>,
    pages: Vec<Page>,
    /// Per face: original glyph id → the character it draws (for ToUnicode).
    used: [BTreeMap<u16, char>; 4],
}

impl Writer {
    /// A writer with the embedded fonts parsed. Errors: `PdfError` if a font does not parse.
    pub fn new() -> Result<Writer, PdfError> {
        let faces = FONT_FILES
            .iter()
            .map(|data| ttf_parser::Face::parse(data, 0).map_err(|e| PdfError(e.to_string())))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Writer {
            faces,
            pages: Vec::new(),
            used: Default::default(),
        })
    }

    /// Starts a page of `size` (millimetres, width × height).
    pub fn page(&mut self, size: (f32, f32)) {
        self.pages.push(Page {
            size,
            ops: Vec::new(),
        });
    }

    /// How many pages have been started.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    fn glyph(&self, face: usize, ch: char) -> u16 {
        let f = &self.faces[face];
        f.glyph_index(ch)
            .or_else(|| f.glyph_index('?'))
            .map_or(0, |g| g.0)
    }

    /// The width of `s` in millimetres at `size` points.
    pub fn width(&self, face: Face, size: f32, s: &str) -> f32 {
        let f = &self.faces[face.index()];
        let per_em = f32::from(f.units_per_em());
        let units: f32 = s
            .nfc()
            .map(|ch| {
                let g = ttf_parser::GlyphId(self.glyph(face.index(), ch));
                f32::from(f.glyph_hor_advance(g).unwrap_or(0))
            })
            .sum();
        units / per_em * size / MM
    }

    /// Draws `s` with its left end at `x` and its baseline at `y` (mm from the top-left).
    pub fn text(&mut self, face: Face, size: f32, x: f32, y: f32, s: &str) {
        let i = face.index();
        let mut glyphs = Vec::new();
        for ch in s.nfc() {
            let g = self.glyph(i, ch);
            self.used[i].entry(g).or_insert(ch);
            glyphs.push(g);
        }
        if let Some(page) = self.pages.last_mut() {
            page.ops.push(Op::Text {
                face: i,
                size,
                x,
                y,
                glyphs,
            });
        }
    }

    /// Draws `s` centred on `cx`.
    pub fn centred(&mut self, face: Face, size: f32, cx: f32, y: f32, s: &str) {
        let w = self.width(face, size, s);
        self.text(face, size, cx - w / 2.0, y, s);
    }

    /// Draws `s` with its right end at `rx`.
    pub fn right(&mut self, face: Face, size: f32, rx: f32, y: f32, s: &str) {
        let w = self.width(face, size, s);
        self.text(face, size, rx - w, y, s);
    }

    /// A straight rule from (x1, y1) to (x2, y2), `width` points thick.
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        if let Some(page) = self.pages.last_mut() {
            page.ops.push(Op::Line {
                x1,
                y1,
                x2,
                y2,
                width,
            });
        }
    }

    /// `s` broken into lines no wider than `width` mm, at word boundaries (a word longer than
    /// the line stays whole on its own line).
    pub fn wrap(&self, face: Face, size: f32, s: &str, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in s.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && self.width(face, size, &candidate) > width {
                lines.push(std::mem::take(&mut line));
                line = word.to_string();
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// The finished file: every used glyph of each face embedded once as a subset, with its
    /// widths and its ToUnicode map. Errors: `PdfError` if subsetting fails.
    pub fn finish(self, title: &str) -> Result<Vec<u8>, PdfError> {
        let mut pdf = Pdf::new();
        let mut next = 1;
        let mut alloc = || {
            let r = Ref::new(next);
            next += 1;
            r
        };
        let catalog = alloc();
        let tree = alloc();
        let info = alloc();
        let mut remap: Vec<subsetter::GlyphRemapper> = Vec::new();
        let mut font_refs: Vec<Option<Ref>> = Vec::new();
        for (i, used) in self.used.iter().enumerate() {
            let mut r = subsetter::GlyphRemapper::new();
            if used.is_empty() {
                remap.push(r);
                font_refs.push(None);
                continue;
            }
            for g in used.keys() {
                r.remap(*g);
            }
            let f = &self.faces[i];
            let data =
                subsetter::subset(FONT_FILES[i], 0, &r).map_err(|e| PdfError(format!("{e:?}")))?;
            let (type0, cid, desc, file, cmap) = (alloc(), alloc(), alloc(), alloc(), alloc());
            // The tag marks an embedded subset (ISO 32000-1 §9.6.4): six capitals and "+".
            let tagged = [b"THIDUA+".as_slice(), FONT_NAMES[i]].concat();
            let name = Name(&tagged);
            let scale = 1000.0 / f32::from(f.units_per_em());
            pdf.type0_font(type0)
                .base_font(name)
                .encoding_predefined(Name(b"Identity-H"))
                .descendant_font(cid)
                .to_unicode(cmap);
            let info = SystemInfo {
                registry: Str(b"Adobe"),
                ordering: Str(b"Identity"),
                supplement: 0,
            };
            let widths: Vec<f32> = r
                .remapped_gids()
                .map(|old| {
                    f32::from(f.glyph_hor_advance(ttf_parser::GlyphId(old)).unwrap_or(0)) * scale
                })
                .collect();
            let mut cid_font = pdf.cid_font(cid);
            cid_font
                .subtype(CidFontType::Type2)
                .base_font(name)
                .system_info(info)
                .font_descriptor(desc)
                .default_width(0.0)
                .cid_to_gid_map_predefined(Name(b"Identity"));
            cid_font.widths().consecutive(0, widths);
            cid_font.finish();
            let bb = f.global_bounding_box();
            let mut flags = FontFlags::SERIF | FontFlags::NON_SYMBOLIC;
            if matches!(i, 2 | 3) {
                flags |= FontFlags::ITALIC;
            }
            pdf.font_descriptor(desc)
                .name(name)
                .flags(flags)
                .bbox(Rect::new(
                    f32::from(bb.x_min) * scale,
                    f32::from(bb.y_min) * scale,
                    f32::from(bb.x_max) * scale,
                    f32::from(bb.y_max) * scale,
                ))
                .italic_angle(f.italic_angle())
                .ascent(f32::from(f.ascender()) * scale)
                .descent(f32::from(f.descender()) * scale)
                .cap_height(f32::from(f.capital_height().unwrap_or(f.ascender())) * scale)
                .stem_v(80.0)
                .font_file2(file);
            let len = i32::try_from(data.len()).unwrap_or(i32::MAX);
            pdf.stream(file, &data).pair(Name(b"Length1"), len);
            let mut map = UnicodeCmap::new(Name(b"Custom"), info);
            for (old, ch) in used {
                if let Some(new) = r.get(*old) {
                    map.pair(new, *ch);
                }
            }
            pdf.cmap(cmap, map.finish().as_slice());
            remap.push(r);
            font_refs.push(Some(type0));
        }
        let mut page_refs = Vec::new();
        for page in &self.pages {
            let (page_ref, content_ref) = (alloc(), alloc());
            let height = page.size.1 * MM;
            let mut content = Content::new();
            for op in &page.ops {
                match op {
                    Op::Text {
                        face,
                        size,
                        x,
                        y,
                        glyphs,
                    } => {
                        let bytes: Vec<u8> = glyphs
                            .iter()
                            .flat_map(|g| remap[*face].get(*g).unwrap_or(0).to_be_bytes())
                            .collect();
                        let font = format!("F{face}");
                        content
                            .begin_text()
                            .set_font(Name(font.as_bytes()), *size)
                            .set_text_matrix([1.0, 0.0, 0.0, 1.0, x * MM, height - y * MM])
                            .show(Str(&bytes))
                            .end_text();
                    }
                    Op::Line {
                        x1,
                        y1,
                        x2,
                        y2,
                        width,
                    } => {
                        content
                            .set_line_width(*width)
                            .move_to(x1 * MM, height - y1 * MM)
                            .line_to(x2 * MM, height - y2 * MM)
                            .stroke();
                    }
                }
            }
            let mut p = pdf.page(page_ref);
            p.media_box(Rect::new(0.0, 0.0, page.size.0 * MM, height))
                .parent(tree)
                .contents(content_ref);
            let mut resources = p.resources();
            let mut fonts = resources.fonts();
            for (i, r) in font_refs.iter().enumerate() {
                if let Some(r) = r {
                    let name = format!("F{i}");
                    fonts.pair(Name(name.as_bytes()), *r);
                }
            }
            fonts.finish();
            resources.finish();
            p.finish();
            pdf.stream(content_ref, content.finish().as_slice());
            page_refs.push(page_ref);
        }
        let count = i32::try_from(page_refs.len()).unwrap_or(i32::MAX);
        pdf.pages(tree).kids(page_refs).count(count);
        pdf.catalog(catalog).pages(tree);
        let title: String = title.nfc().collect();
        pdf.document_info(info)
            .title(pdf_writer::TextStr(&title))
            .producer(pdf_writer::TextStr("thidua"));
        Ok(pdf.finish())
    }
}

#[cfg(test)]
#[path = "pdf_tests.rs"]
mod tests;
