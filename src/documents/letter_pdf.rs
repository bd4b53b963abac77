//! A [`Letter`] as PDF, so a decision's DOCX and PDF come from one description and say the
//! same words (issue 13, item 3). The layout follows Decree 30/2020 Annex I as `docx` does: A4,
//! margins top and bottom 20 mm, left 30 mm, right 15 mm; issuing body and number top left,
//! national title and motto top right with the place and date in italics; page numbers centred
//! in the top margin from page 2; tables break across pages with their header repeated.

use super::docx::{Block, Letter};
use super::pdf::{A4, Face, PdfError, Writer};

const LEFT: f32 = 30.0;
const RIGHT: f32 = 210.0 - 15.0;
const TOP: f32 = 20.0;
const BOTTOM: f32 = 297.0 - 20.0;
const WIDTH: f32 = RIGHT - LEFT;
/// Body size (Decree 30: 13–14 pt).
const BODY: f32 = 13.0;

/// Line height in mm for a font of `size` points (1.2 × the size).
fn lead(size: f32) -> f32 {
    size * 0.3528 * 1.25
}

struct Flow {
    w: Writer,
    y: f32,
}

impl Flow {
    fn new_page(&mut self) {
        self.w.page(A4);
        let n = self.w.page_count();
        if n > 1 {
            self.w.centred(
                Face::Regular,
                12.0,
                LEFT + WIDTH / 2.0,
                12.0,
                &n.to_string(),
            );
        }
        self.y = TOP + lead(BODY);
    }

    /// Room for `h` mm more on this page, or a new page.
    fn room(&mut self, h: f32) {
        if self.y + h > BOTTOM {
            self.new_page();
        }
    }

    fn para(&mut self, face: Face, size: f32, s: &str, indent: f32) {
        let lines = self.w.wrap(face, size, s, WIDTH - indent);
        for (i, l) in lines.iter().enumerate() {
            self.room(lead(size));
            let x = if i == 0 { LEFT + indent } else { LEFT };
            self.w.text(face, size, x, self.y, l);
            self.y += lead(size);
        }
    }

    fn centred(&mut self, face: Face, size: f32, s: &str) {
        for l in self.w.wrap(face, size, s, WIDTH) {
            self.room(lead(size));
            self.w.centred(face, size, LEFT + WIDTH / 2.0, self.y, &l);
            self.y += lead(size);
        }
    }

    fn table(&mut self, headers: &[String], widths: &[usize], rows: &[Vec<String>]) {
        let ws: Vec<f32> = (0..headers.len())
            .map(|i| widths.get(i).copied().unwrap_or(100) as f32 * WIDTH / 1000.0)
            .collect();
        let size = 11.0;
        let header = |f: &mut Flow| f.row(headers, &ws, Face::Bold, size);
        self.room(lead(size) * 3.0);
        header(self);
        for r in rows {
            let h = self.row_height(r, &ws, Face::Regular, size);
            if self.y + h > BOTTOM {
                self.new_page();
                header(self);
            }
            self.row(r, &ws, Face::Regular, size);
        }
        self.y += lead(BODY) / 2.0;
    }

    fn cell_lines(&self, s: &str, w: f32, face: Face, size: f32) -> Vec<String> {
        let lines = self.w.wrap(face, size, s, w - 2.0);
        if lines.is_empty() {
            vec![String::new()]
        } else {
            lines
        }
    }

    fn row_height(&self, cells: &[String], ws: &[f32], face: Face, size: f32) -> f32 {
        let n = cells
            .iter()
            .zip(ws)
            .map(|(c, w)| self.cell_lines(c, *w, face, size).len())
            .max()
            .unwrap_or(1);
        n as f32 * lead(size) + 2.0
    }

    fn row(&mut self, cells: &[String], ws: &[f32], face: Face, size: f32) {
        let h = self.row_height(cells, ws, face, size);
        let top = self.y - lead(size) + 0.5;
        let mut x = LEFT;
        for (c, w) in cells.iter().zip(ws) {
            for (i, l) in self.cell_lines(c, *w, face, size).iter().enumerate() {
                self.w
                    .text(face, size, x + 1.0, self.y + 1.0 + i as f32 * lead(size), l);
            }
            self.w.line(x, top, x, top + h, 0.5);
            x += w;
        }
        self.w.line(x, top, x, top + h, 0.5);
        self.w.line(LEFT, top, x, top, 0.5);
        self.w.line(LEFT, top + h, x, top + h, 0.5);
        self.y += h;
    }

    fn blocks(&mut self, body: &[Block]) {
        for b in body {
            match b {
                Block::Text(t) => self.para(Face::Regular, BODY, t, 10.0),
                Block::Basis(t) => self.para(Face::Italic, BODY, t, 10.0),
                Block::Heading(t) => self.para(Face::Bold, BODY, t, 0.0),
                Block::Centred(t) => self.centred(Face::Bold, BODY, t),
                Block::Note(t) => self.centred(Face::Italic, BODY, t),
                Block::Table {
                    headers,
                    widths,
                    rows,
                } => self.table(headers, widths, rows),
            }
        }
    }
}

fn header(f: &mut Flow, l: &Letter) {
    let left_w = WIDTH * 2.0 / 5.0;
    let lx = LEFT + left_w / 2.0;
    let rx = LEFT + left_w + (WIDTH - left_w) / 2.0;
    let mut y = TOP + 5.0;
    if !l.parent.is_empty() {
        f.w.centred(Face::Regular, 12.5, lx, y, &l.parent);
        y += lead(12.5);
    }
    for line in f.w.wrap(Face::Bold, 12.5, &l.issuer, left_w) {
        f.w.centred(Face::Bold, 12.5, lx, y, &line);
        y += lead(12.5);
    }
    f.w.line(lx - 10.0, y - 3.5, lx + 10.0, y - 3.5, 0.5);
    y += 2.0;
    let number = if l.number.is_empty() {
        "Số:        /"
    } else {
        &l.number
    };
    f.w.centred(Face::Regular, 13.0, lx, y, number);
    let mut ry = TOP + 5.0;
    f.w.centred(
        Face::Bold,
        12.5,
        rx,
        ry,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    );
    ry += lead(12.5);
    let motto = "Độc lập - Tự do - Hạnh phúc";
    f.w.centred(Face::Bold, 13.5, rx, ry, motto);
    let mw = f.w.width(Face::Bold, 13.5, motto);
    f.w.line(rx - mw / 2.0, ry + 1.2, rx + mw / 2.0, ry + 1.2, 0.5);
    ry += lead(13.5) + 2.0;
    f.w.centred(Face::Italic, 13.5, rx, ry, &l.place_date);
    f.y = y.max(ry) + lead(BODY) * 2.0;
}

fn signature(f: &mut Flow, l: &Letter) {
    let (prefix, title, name) = &l.signature;
    f.y += lead(BODY);
    f.room(lead(BODY) * 9.0);
    let half = WIDTH / 2.0;
    let top = f.y;
    let mut y = top;
    f.w.text(Face::BoldItalic, 12.0, LEFT, y, "Nơi nhận:");
    y += lead(12.0);
    for s in &l.send_to {
        f.w.text(Face::Regular, 11.0, LEFT, y, &format!("- {s};"));
        y += lead(11.0);
    }
    f.w.text(Face::Regular, 11.0, LEFT, y, "- Lưu: VT.");
    let cx = LEFT + half + half / 2.0;
    let mut ry = top;
    for t in [prefix, title] {
        if !t.is_empty() {
            f.w.centred(Face::Bold, 13.0, cx, ry, t);
            ry += lead(13.0);
        }
    }
    ry += lead(13.0) * 4.0;
    f.w.centred(Face::Bold, 13.0, cx, ry, name);
    f.y = y.max(ry) + lead(BODY);
}

/// The letter as PDF bytes, titled `kind` and `subject`. Errors: `PdfError` (a font fault).
pub fn render(l: &Letter) -> Result<Vec<u8>, PdfError> {
    let mut f = Flow {
        w: Writer::new()?,
        y: TOP,
    };
    f.new_page();
    header(&mut f, l);
    f.centred(Face::Bold, 14.0, &l.kind);
    if !l.subject.is_empty() {
        f.centred(Face::Bold, 14.0, &l.subject);
    }
    for r in &l.recipients {
        f.centred(Face::Regular, BODY, r);
    }
    f.y += lead(BODY) / 2.0;
    f.blocks(&l.body);
    signature(&mut f, l);
    if !l.annex.is_empty() {
        f.new_page();
        f.blocks(&l.annex);
    }
    let title = format!("{} {}", l.kind, l.subject);
    f.w.finish(title.trim())
}
