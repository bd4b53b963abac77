//! The one file store, through figure evidence: what is refused leaves nothing behind, the
//! same file twice is stored once, and a backup taken while files are uploading restores (with
//! the real binary) to an instance whose every file opens and matches its hash.

use sha2::{Digest, Sha256};

use crate::figures::{post_sheet, ward_fields};
use crate::helpers::*;

async fn stored_rows(app: &TestApp) -> (i64, i64) {
    use sqlx::Row;
    let count = |sql: &'static str| {
        let url = app.database_url.clone();
        async move {
            if url.starts_with("sqlite:") {
                let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
                let n: i64 = sqlx::query(sql).fetch_one(&pool).await.unwrap().get(0);
                pool.close().await;
                n
            } else {
                let pool = sqlx::PgPool::connect(&url).await.unwrap();
                let n: i64 = sqlx::query(sql).fetch_one(&pool).await.unwrap().get(0);
                pool.close().await;
                n
            }
        }
    };
    (
        count("SELECT COUNT(*) FROM stored_files").await,
        count("SELECT COUNT(*) FROM attachments").await,
    )
}

fn files_on_disk(dir: &std::path::Path) -> usize {
    fn walk(d: &std::path::Path) -> usize {
        std::fs::read_dir(d)
            .map(|r| {
                r.flatten()
                    .map(|e| {
                        if e.path().is_dir() {
                            walk(&e.path())
                        } else {
                            1
                        }
                    })
                    .sum()
            })
            .unwrap_or(0)
    }
    walk(&dir.join("files").join("kho-tep"))
}

async fn send(
    c: &Client,
    sheet: &str,
    indicator: i64,
    name: &str,
    bytes: Vec<u8>,
) -> (u16, String) {
    let form = reqwest::multipart::Form::new()
        .text("csrf", c.csrf.clone())
        .text("indicator_id", indicator.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        );
    let r = c
        .http
        .post(format!("{}{sheet}/minh-chung", c.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn open_sheet(app: &TestApp) -> (Client, String, i64) {
    let dt = app.unit_id("HL-DT").await;
    let sheet = format!("/so-lieu/{dt}/2024");
    let mut ward = app.signed_in("canbo.ducthuan").await;
    post_sheet(&mut ward, &sheet, &ward_fields(app).await, "luu").await;
    ward.get(&sheet).await;
    let income = app.indicator_id("THU_NHAP").await;
    (ward, sheet, income)
}

#[tokio::test]
async fn a_refused_file_says_why_and_leaves_nothing_stored() {
    let app = spawn_app().await;
    let (ward, sheet, income) = open_sheet(&app).await;
    let mut big = b"%PDF-1.4\n".to_vec();
    big.resize(25 * 1024 * 1024, b' ');
    let exe = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xffPE\0\0".to_vec();
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("bao-cao-lon.pdf", big, "lớn hơn giới hạn 20 MB"),
        ("bao-cao.pdf", exe, "không phải PDF, ảnh JPG/PNG"),
        (
            "../../x.pdf",
            b"%PDF-1.4 x".to_vec(),
            "Tên tệp «../../x.pdf» không hợp lệ",
        ),
        ("trong.pdf", Vec::new(), "rỗng (0 byte)"),
    ];
    for (name, bytes, says) in cases {
        let (status, body) = send(&ward, &sheet, income, name, bytes).await;
        assert_eq!(status, 400, "{name}");
        assert!(body.contains(says), "{name}: {body}");
    }
    assert_eq!(stored_rows(&app).await, (0, 0));
    assert_eq!(files_on_disk(app.dir.path()), 0);
}

#[tokio::test]
async fn the_same_file_twice_is_stored_once_and_served_as_its_content() {
    let app = spawn_app().await;
    let (ward, sheet, income) = open_sheet(&app).await;
    let pdf = b"%PDF-1.4 bien ban kiem tra".to_vec();
    for name in ["Biên bản.pdf", "Biên bản (bản sao).pdf"] {
        let (status, body) = send(&ward, &sheet, income, name, pdf.clone()).await;
        assert_eq!(status, 200, "{body}");
        assert!(body.contains(&format!("Đã đính kèm «{name}»")), "{body}");
    }
    assert_eq!(stored_rows(&app).await, (1, 2));
    assert_eq!(files_on_disk(app.dir.path()), 1);
    let r = ward
        .http
        .get(format!("{}{sheet}/minh-chung/{income}?xem=1", ward.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("inline")
    );
    assert_eq!(r.headers()["content-security-policy"], "sandbox");
    assert_eq!(r.bytes().await.unwrap().as_ref(), pdf.as_slice());
}

/// Many different PDFs, each named by its number.
fn pdf(n: usize) -> Vec<u8> {
    format!("%PDF-1.4\n% minh chung so {n}\n{}", "x".repeat(50_000 + n)).into_bytes()
}

#[tokio::test]
async fn a_backup_taken_while_files_upload_restores_with_every_file() {
    let app = spawn_app().await;
    let (ward, sheet, income) = open_sheet(&app).await;
    send(&ward, &sheet, income, "truoc.pdf", pdf(0)).await;
    let uploads = {
        let (c, sheet) = (ward.clone(), sheet.clone());
        tokio::spawn(async move {
            for n in 1..=30 {
                let (status, body) = send(&c, &sheet, income, &format!("{n}.pdf"), pdf(n)).await;
                assert_eq!(status, 200, "{body}");
            }
        })
    };
    let backups = app.dir.path().join("sao-luu");
    let out = tokio::task::spawn_blocking({
        let (dir, url, to) = (
            app.dir.path().to_path_buf(),
            app.database_url.clone(),
            backups.clone(),
        );
        move || {
            thidua_command(&dir, &url)
                .arg("backup")
                .arg(&to)
                .output()
                .unwrap()
        }
    })
    .await
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    uploads.await.unwrap();
    let folder = std::fs::read_dir(&backups)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();

    // Restore into an empty data folder and an empty database, with the real binary.
    let target = tempfile::tempdir().unwrap();
    let url = fresh_database_url(target.path()).await;
    let out = thidua_command(target.path(), &url)
        .arg("restore")
        .arg(&folder)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("chuỗi nhật ký nguyên vẹn"), "{said}");
    // A second restore into the same place is refused and changes nothing.
    let again = thidua_command(target.path(), &url)
        .arg("restore")
        .arg(&folder)
        .output()
        .unwrap();
    assert!(!again.status.success());

    // The restored instance serves every evidence file its database names, byte for byte.
    let (state, _) = thidua::app::prepare(settings(target.path(), &url))
        .await
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(thidua::app::serve(state.clone(), listener));
    let mut c = Client::new(&base);
    c.login("canbo.ducthuan", OFFICER_PASSWORD).await;
    let (status, bytes) = c.get_bytes(&format!("{sheet}/minh-chung/{income}")).await;
    assert_eq!(status, 200);
    let key = hex::encode(Sha256::digest(&bytes));
    let mut db = state.db.conn().await.unwrap();
    let kept = thidua::files::store::all(&mut db).await.unwrap();
    assert!(!kept.is_empty() && kept.iter().any(|(k, _)| *k == key));
    for (key, size) in kept {
        let b = state.files.get(&key).await.unwrap().expect("file restored");
        assert_eq!(
            (b.len() as i64, hex::encode(Sha256::digest(&b))),
            (size, key)
        );
    }
}

#[tokio::test]
async fn evidence_kept_before_the_store_is_taken_in_at_start() {
    let app = spawn_app().await;
    let (ward, sheet, income) = open_sheet(&app).await;
    // As the product kept evidence until now: a file named by its hash in `minh-chung/`, and
    // the figure naming it, with no store row.
    let old = b"%PDF-1.4 bao cao cu".to_vec();
    let key = hex::encode(Sha256::digest(&old));
    let folder = app.state.settings.data_dir.join("minh-chung");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join(&key), &old).unwrap();
    let mut tx = app.state.db.begin().await.unwrap();
    let dt = app.unit_id("HL-DT").await;
    let moment = app.state.clock.now();
    let s = thidua::figures::store::sheet(&mut tx, dt, 2024)
        .await
        .unwrap()
        .unwrap();
    thidua::figures::store::set_evidence(&mut tx, &s, income, "Báo cáo cũ.pdf", &key, moment)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let (status, _) = ward
        .clone()
        .get_bytes(&format!("{sheet}/minh-chung/{income}"))
        .await;
    assert_eq!(status, 404);
    let taken = thidua::files::legacy::adopt(
        &app.state.db,
        &app.state.files,
        &app.state.settings.data_dir,
        moment,
    )
    .await
    .unwrap();
    assert_eq!(taken, 1);
    let (status, bytes) = ward
        .clone()
        .get_bytes(&format!("{sheet}/minh-chung/{income}"))
        .await;
    assert_eq!((status, bytes), (200, old));
}
