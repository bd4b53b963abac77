//! The reader against hand-built workbooks: each cell read as Excel shows it, every hostile
//! shape refused with a message, and thousands of mutated files read without a panic.

use std::io::Write;

use super::*;

type Outcome = Result<(), Box<dyn std::error::Error>>;

/// The problem a file was refused with; a file that was read fails the test.
fn refused<T: std::fmt::Debug>(r: Result<T, Problem>) -> Problem {
    match r {
        Err(p) => p,
        Ok(read) => panic!("expected a refusal, the file was read: {read:?}"),
    }
}

use crate::documents::mutate::{Part, Rng, archive, mutated};

const NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A workbook with the given sheets (name, state, sheet XML body), styles' number formats
/// (`cellXfs` entries as `numFmtId`s plus custom codes) and date system.
pub(crate) fn book(
    sheets: &[(&str, &str, String)],
    formats: &[(u32, &str)],
    date1904: bool,
) -> zip::result::ZipResult<Vec<u8>> {
    let mut parts: Vec<Part> = Vec::new();
    let mut overrides = String::new();
    let mut wb_sheets = String::new();
    let mut rels = String::new();
    for (i, (name, state, body)) in sheets.iter().enumerate() {
        let n = i + 1;
        let state = if state.is_empty() {
            String::new()
        } else {
            format!(r#" state="{state}""#)
        };
        wb_sheets.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{n}"{state} r:id="rId{n}"/>"#
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
        overrides.push_str(&format!(
            r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        ));
        parts.push((
            format!("xl/worksheets/sheet{n}.xml"),
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}" xmlns:r="{REL}">{body}</worksheet>"#),
        ));
    }
    let custom: String = formats
        .iter()
        .filter(|(id, _)| *id >= 164)
        .map(|(id, code)| format!(r#"<numFmt numFmtId="{id}" formatCode="{code}"/>"#))
        .collect();
    let xfs: String = std::iter::once(0)
        .chain(formats.iter().map(|(id, _)| *id))
        .map(|id| format!(r#"<xf numFmtId="{id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#))
        .collect();
    let pr = if date1904 {
        r#"<workbookPr date1904="1"/>"#
    } else {
        ""
    };
    parts.extend([
        ("[Content_Types].xml".into(), format!(r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{overrides}</Types>"#)),
        ("_rels/.rels".into(), format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#)),
        ("xl/workbook.xml".into(), format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{REL}">{pr}<sheets>{wb_sheets}</sheets></workbook>"#)),
        ("xl/_rels/workbook.xml.rels".into(), format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}<Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/></Relationships>"#)),
        ("xl/styles.xml".into(), format!(r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{NS}"><numFmts count="{}">{custom}</numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="{}">{xfs}</cellXfs></styleSheet>"#, formats.len(), formats.len() + 1)),
    ]);
    archive(&parts)
}

fn data(rows: &str) -> String {
    format!("<sheetData>{rows}</sheetData>")
}

fn one_sheet(body: String, formats: &[(u32, &str)]) -> zip::result::ZipResult<Vec<u8>> {
    book(&[("Số liệu", "", body)], formats, false)
}

fn read_one(bytes: &[u8]) -> Result<Sheet, Problem> {
    read(bytes, &Which::First, &Limits::FIGURES)
}

#[test]
fn percent_cells_read_as_the_percentage_shown() -> Outcome {
    // s="1" is 0.0% (custom 164), s="2" is Excel's built-in 0% (id 9).
    let bytes = one_sheet(
        data(
            r#"<row r="1"><c r="A1" s="1"><v>0.965</v></c><c r="B1" s="2"><v>0.99</v></c><c r="C1"><v>0.965</v></c></row>"#,
        ),
        &[(164, "0.0%"), (9, "0%")],
    )?;
    let s = read_one(&bytes)?;
    let Cell::Number(a) = s.get(0, 0) else {
        panic!("{:?}", s.get(0, 0))
    };
    assert_eq!((a.value, a.percent), (96.5, true));
    assert_eq!(s.text(0, 1)?, "99%");
    assert_eq!(s.text(0, 2)?, "0,965");
    Ok(())
}

#[test]
fn codes_with_leading_zeros_keep_them() -> Outcome {
    let bytes = one_sheet(
        data(
            r#"<row r="2"><c r="A2" s="1"><v>12</v></c><c r="B2" t="inlineStr"><is><t>00012</t></is></c></row>"#,
        ),
        &[(164, "00000")],
    )?;
    let s = read_one(&bytes)?;
    assert_eq!(s.text(1, 0)?, "00012");
    assert_eq!(s.text(1, 1)?, "00012");
    Ok(())
}

#[test]
fn dates_follow_the_workbooks_date_system() -> Outcome {
    let body = data(r#"<row r="1"><c r="A1" s="1"><v>45839</v></c></row>"#);
    let s = read_one(&book(&[("Số liệu", "", body.clone())], &[(14, "")], false)?)?;
    assert_eq!(s.text(0, 0)?, "01/07/2025");
    // The same serial in a 1904 workbook is four years and a day later.
    let s = read_one(&book(&[("Số liệu", "", body)], &[(14, "")], true)?)?;
    assert_eq!(s.text(0, 0)?, "02/07/2029");
    Ok(())
}

#[test]
fn formulas_use_their_stored_result_or_are_refused() -> Outcome {
    let bytes = one_sheet(
        data(
            r#"<row r="3"><c r="A3"><f>1+1</f><v>2</v></c><c r="B3"><f>C3*2</f></c><c r="C3" t="e"><v>#N/A</v></c><c r="D3" t="b"><v>1</v></c></row>"#,
        ),
        &[],
    )?;
    let s = read_one(&bytes)?;
    assert_eq!(s.text(2, 0)?, "2");
    let p = refused(s.text(2, 1));
    assert_eq!(p.place(), "Trang «Số liệu», dòng 3, cột B");
    assert!(p.message.contains("công thức"), "{}", p.message);
    assert!(refused(s.text(2, 2)).message.contains("#N/A"));
    assert_eq!(s.get(2, 3), &Cell::Bool(true));
    Ok(())
}

#[test]
fn invisible_characters_are_cleaned_from_text_cells() -> Outcome {
    let bytes = one_sheet(
        data(
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>\u{feff}Tổ dân phố\u{200b} Hồng\u{a0}Lam </t></is></c></row>",
        ),
        &[],
    )?;
    assert_eq!(read_one(&bytes)?.text(0, 0)?, "Tổ dân phố Hồng Lam");
    Ok(())
}

#[test]
fn merged_cells_in_the_data_are_named() -> Outcome {
    let body = format!(
        "{}<mergeCells count=\"1\"><mergeCell ref=\"A5:A7\"/></mergeCells>",
        data(r#"<row r="5"><c r="A5"><v>1</v></c></row>"#)
    );
    let s = read_one(&one_sheet(body, &[])?)?;
    assert!(s.merged_from(10).is_empty());
    let p = &s.merged_from(4)[0];
    assert_eq!((p.row, p.column.as_str()), (5, "A"));
    assert!(p.message.contains("A5:A7"));
    Ok(())
}

#[test]
fn hidden_and_missing_sheets_are_refused_with_their_name() -> Outcome {
    let bytes = book(&[("Số liệu", "hidden", data(""))], &[], false)?;
    assert!(refused(read_one(&bytes)).message.contains("bị ẩn"));
    let p = refused(read(&bytes, &Which::Named("Khác".into()), &Limits::FIGURES));
    assert!(p.message.contains("«Khác»"));
    Ok(())
}

#[test]
fn a_sheet_declaring_every_cell_of_excel_is_refused_unread() -> Outcome {
    let body = format!(
        r#"<dimension ref="A1:XFD1048576"/>{}"#,
        data(r#"<row r="1"><c r="A1"><v>1</v></c></row>"#)
    );
    let p = refused(read_one(&one_sheet(body, &[])?));
    assert!(p.message.contains("quá lớn"), "{}", p.message);
    Ok(())
}

#[test]
fn two_far_apart_cells_do_not_allocate_the_space_between() -> Outcome {
    // Without a dimension: a cell at XFD1048576 alone would make a dense reader allocate
    // 17 billion cells. Here it is refused as beyond the rows an import reads.
    let body = data(
        r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
    );
    assert!(read_one(&one_sheet(body, &[])?).is_err());
    // Far to the right but within the rows: kept out, not allocated.
    let body = data(r#"<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>1</v></c></row>"#);
    let s = read_one(&one_sheet(body, &[])?)?;
    assert_eq!(s.text(0, 0)?, "1");
    Ok(())
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_unpacked() -> Outcome {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("xl/sharedStrings.xml", opts)?;
    let zeros = vec![b' '; 1024 * 1024];
    for _ in 0..200 {
        zip.write_all(&zeros)?;
    }
    let bytes = zip.finish()?.into_inner();
    assert!(bytes.len() < 1024 * 1024, "{} bytes", bytes.len());
    let p = refused(read(&bytes, &Which::First, &Limits::UNITS));
    assert!(p.message.contains("giải nén"), "{}", p.message);
    Ok(())
}

#[test]
fn too_many_sheets_and_oversized_files_are_refused() -> Outcome {
    let names: Vec<String> = (0..60).map(|i| format!("T{i}")).collect();
    let sheets: Vec<(&str, &str, String)> =
        names.iter().map(|n| (n.as_str(), "", data(""))).collect();
    assert!(
        refused(read_one(&book(&sheets, &[], false)?))
            .message
            .contains("60 trang")
    );
    let big = vec![0u8; Limits::FIGURES.file_bytes + 1];
    assert!(refused(read_one(&big)).message.contains("2 MB"));
    assert!(
        refused(read_one(b"not a workbook"))
            .message
            .contains(".xlsx")
    );
    Ok(())
}

#[test]
fn a_thousand_mutated_workbooks_are_read_or_refused_without_panicking() -> Outcome {
    let sheet = data(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Mã đơn vị</t></is></c><c r="B1" t="s"><v>0</v></c></row><row r="5"><c r="A5" t="s"><v>1</v></c><c r="E5" s="1"><v>0.965</v></c><c r="F5"><f>E5*2</f><v>1.93</v></c></row>"#,
    );
    let good = book(&[("Số liệu", "", sheet)], &[(164, "0.0%")], false)?;
    let strings = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}" count="2" uniqueCount="2"><si><t>HL-DT</t></si><si><t>BHYT</t></si></sst>"#
    );
    let mut parts = crate::documents::mutate::parts(&good)?;
    parts.push(("xl/sharedStrings.xml".into(), strings));
    let mut rng = Rng(0x7468_6964_7561);
    let (mut read_ok, mut turned_away) = (0, 0);
    crate::documents::counting::reset_peak();
    for _ in 0..1000 {
        let bytes = mutated(&mut rng, &parts)?;
        // A panic escaping `read` fails the test. (Debug builds check integer overflow, and
        // the XML library's cell-reference parser overflows on forged references; `read`
        // turns that into a message, as it would any other panic in a dependency.)
        match read(&bytes, &Which::Named("Số liệu".into()), &Limits::FIGURES) {
            Ok(s) => {
                assert!(s.height() <= Limits::FIGURES.rows as usize);
                read_ok += 1;
            }
            Err(p) => {
                assert!(!p.message.is_empty());
                turned_away += 1;
            }
        }
    }
    // Memory stays bounded: a forged count or position never turns into a huge allocation.
    // (The bound leaves room for the other tests running alongside in this process.)
    let peak = crate::documents::counting::peak();
    assert!(peak < 512 << 20, "peak {} MB", peak >> 20);
    // Both outcomes occur, so the mutations reach the reader's checks and its cell paths.
    assert!(
        read_ok > 50 && turned_away > 50,
        "{read_ok} read, {turned_away} refused"
    );
    Ok(())
}
