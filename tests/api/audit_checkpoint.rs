//! Checkpoints kept outside the database: a forger who can write to the database and knows the
//! hash formula can make the chain consistent again, but not match a checkpoint taken before.

use std::process::Output;

use thidua::audit::{Entry, GENESIS, entry_hash};

use crate::helpers::{Client, TestApp, spawn_app, thidua_command};

fn thidua(app: &TestApp, args: &[&str]) -> Output {
    thidua_command(app.dir.path(), &app.database_url)
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Writes audit entries through the application: new residential groups under Đức Thuận.
async fn add_groups(admin: &mut Client, numbers: std::ops::Range<u32>) {
    for n in numbers {
        admin.get("/don-vi/moi").await;
        let code = format!("DT-TDP{n}");
        let name = format!("Tổ dân phố {n}");
        let r = admin
            .post(
                "/don-vi",
                &[
                    ("code", code.as_str()),
                    ("name", name.as_str()),
                    ("kind", "residential_group"),
                    ("parent_code", "HL-DT"),
                ],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
}

/// `thidua audit checkpoint FILE`, checked to succeed; the file's path.
fn checkpoint(app: &TestApp) -> std::path::PathBuf {
    let file = app.dir.path().join("diem-kiem-tra.txt");
    let out = thidua(app, &["audit", "checkpoint", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    file
}

fn verify_with(app: &TestApp, file: &std::path::Path) -> Output {
    thidua(
        app,
        &["audit", "verify", "--checkpoint", file.to_str().unwrap()],
    )
}

async fn entries_from(app: &TestApp, first: i64) -> Vec<Entry> {
    let mut c = app.state.db.conn().await.unwrap();
    let (mut all, _) = thidua::audit::store::list(&mut c, &Default::default(), 100_000, 0)
        .await
        .unwrap();
    all.retain(|e| e.seq >= first);
    all.sort_by_key(|e| e.seq);
    all
}

/// What a forger who knows the algorithm does: changes entry `from` and recomputes every hash
/// after it, and the head, so the chain is consistent again.
async fn rewrite_from(app: &TestApp, from: i64) {
    let mut prev = entries_from(app, from - 1).await[0].hash.clone();
    let mut c = app.state.db.conn().await.unwrap();
    for mut e in entries_from(app, from).await {
        if e.seq == from {
            e.details = "{\"code\":\"DT-GIA\"}".into();
        }
        let hash = entry_hash(
            e.seq,
            e.at,
            e.actor_id,
            &e.actor_name,
            &e.action,
            &e.object_kind,
            &e.object_id,
            &e.details,
            &prev,
        );
        thidua::execute!(
            &mut c,
            "UPDATE audit_log SET details = $1, prev_hash = $2, hash = $3 WHERE seq = $4",
            &e.details,
            &prev,
            &hash,
            e.seq
        )
        .unwrap();
        prev = hash;
    }
    thidua::execute!(
        &mut c,
        "UPDATE audit_head SET hash = $1 WHERE id = 1",
        &prev
    )
    .unwrap();
}

#[tokio::test]
async fn the_admin_page_shows_the_head_a_checkpoint_file_records() {
    let app = spawn_app().await;
    let mut admin = app.signed_in("admin").await;
    add_groups(&mut admin, 1..3).await;
    let file = checkpoint(&app);
    let text = std::fs::read_to_string(&file).unwrap();
    let head = thidua::audit::checkpoint::Checkpoint::parse(&text).unwrap();
    assert_eq!(head.seq, app.audit_count().await);
    let page = admin.get("/quan-tri/nhat-ky").await.body;
    assert!(
        page.contains(&format!("seq={}\nhash={}", head.seq, head.hash)),
        "{page}"
    );
    let checked = admin.post("/quan-tri/nhat-ky", &[]).await.body;
    assert!(
        checked.contains(&format!(
            "Chuỗi nhật ký nguyên vẹn: đã kiểm tra {} mục",
            head.seq
        )),
        "{checked}"
    );

    // Only an admin may see the head or run the check.
    let mut officer = app.signed_in("canbo.ducthuan").await;
    assert_eq!(officer.get("/quan-tri/nhat-ky").await.status, 403);
    assert_eq!(officer.post("/quan-tri/nhat-ky", &[]).await.status, 403);

    // The log grows afterwards; the checkpoint still holds.
    add_groups(&mut admin, 3..5).await;
    let ok = verify_with(&app, &file);
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(
        String::from_utf8_lossy(&ok.stdout)
            .contains(&format!("Khớp điểm kiểm tra: mục số {}", head.seq))
    );
}

#[tokio::test]
async fn a_row_numbered_zero_fails_verification_and_is_named() {
    let app = spawn_app().await;
    let mut admin = app.signed_in("admin").await;
    add_groups(&mut admin, 1..3).await;
    let file = checkpoint(&app);

    // A row slipped in before the chain, with a hash a forger computed for it.
    let at = app.state.clock.now();
    let hash = entry_hash(
        0,
        at,
        None,
        "hệ thống",
        "unit.delete",
        "unit",
        "9",
        "{}",
        GENESIS,
    );
    let mut c = app.state.db.conn().await.unwrap();
    thidua::execute!(
        &mut c,
        "INSERT INTO audit_log (seq, at, actor_id, actor_name, action, object_kind, object_id, details, prev_hash, hash) \
         VALUES (0, $1, NULL, 'hệ thống', 'unit.delete', 'unit', '9', '{}', $2, $3)",
        at,
        GENESIS,
        &hash
    )
    .unwrap();
    drop(c);

    let bad = verify_with(&app, &file);
    assert!(!bad.status.success());
    assert!(
        stderr(&bad).contains("có mục mang số 0 nằm ngoài chuỗi"),
        "{}",
        stderr(&bad)
    );
    // Nor will it vouch for the log with a new checkpoint.
    let refused = thidua(&app, &["audit", "checkpoint"]);
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("không lập điểm kiểm tra"));
}

#[tokio::test]
async fn a_tail_rewritten_with_recomputed_hashes_fails_against_the_checkpoint() {
    let app = spawn_app().await;
    let mut admin = app.signed_in("admin").await;
    add_groups(&mut admin, 1..4).await;
    let file = checkpoint(&app);
    let at_checkpoint = app.audit_count().await;
    add_groups(&mut admin, 4..6).await;

    // The forger rewrites the last five entries, two before the checkpoint's, and rehashes.
    rewrite_from(&app, at_checkpoint - 1).await;
    let plain = thidua(&app, &["audit", "verify"]);
    assert!(
        plain.status.success(),
        "the rewritten chain is consistent in itself: {}",
        stderr(&plain)
    );
    let bad = verify_with(&app, &file);
    assert!(!bad.status.success());
    assert!(
        stderr(&bad).contains(&format!(
            "mục nhật ký số {at_checkpoint} không còn mã băm đã ghi ở điểm kiểm tra"
        )),
        "{}",
        stderr(&bad)
    );
}

#[tokio::test]
async fn a_tail_cut_with_the_head_moved_back_fails_against_the_checkpoint() {
    let app = spawn_app().await;
    let mut admin = app.signed_in("admin").await;
    add_groups(&mut admin, 1..4).await;
    let file = checkpoint(&app);
    let last = app.audit_count().await;

    let keep = entries_from(&app, last - 2).await[0].hash.clone();
    let mut c = app.state.db.conn().await.unwrap();
    thidua::execute!(&mut c, "DELETE FROM audit_log WHERE seq > $1", last - 2).unwrap();
    thidua::execute!(
        &mut c,
        "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1",
        last - 2,
        &keep
    )
    .unwrap();
    drop(c);

    assert!(thidua(&app, &["audit", "verify"]).status.success());
    let bad = verify_with(&app, &file);
    assert!(!bad.status.success());
    assert!(
        stderr(&bad).contains(&format!(
            "nhật ký chỉ còn đến mục {} nhưng điểm kiểm tra đã ghi mục {last}",
            last - 2
        )),
        "{}",
        stderr(&bad)
    );
}

#[tokio::test]
async fn deleted_last_entries_and_an_edited_head_are_told_apart() {
    let app = spawn_app().await;
    let mut admin = app.signed_in("admin").await;
    add_groups(&mut admin, 1..3).await;
    let last = app.audit_count().await;

    // The last entry deleted, the head left as it was.
    let mut c = app.state.db.conn().await.unwrap();
    let (head_seq, head_hash): (i64, String) = thidua::fetch_optional!(
        &mut c,
        (i64, String),
        "SELECT seq, hash FROM audit_head WHERE id = 1"
    )
    .unwrap()
    .unwrap();
    assert_eq!(head_seq, last);
    let removed = entries_from(&app, last).await.remove(0);
    thidua::execute!(&mut c, "DELETE FROM audit_log WHERE seq = $1", last).unwrap();
    let out = thidua(&app, &["audit", "verify"]);
    assert!(
        stderr(&out).contains(&format!(
            "nhật ký dừng ở mục {} nhưng đầu chuỗi ghi mục {last} (có mục cuối bị xóa)",
            last - 1
        )),
        "{}",
        stderr(&out)
    );

    // Put back, then the head's hash edited instead.
    thidua::execute!(
        &mut c,
        "INSERT INTO audit_log (seq, at, actor_id, actor_name, action, object_kind, object_id, details, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        removed.seq,
        removed.at,
        removed.actor_id,
        &removed.actor_name,
        &removed.action,
        &removed.object_kind,
        &removed.object_id,
        &removed.details,
        &removed.prev_hash,
        &removed.hash
    )
    .unwrap();
    assert!(thidua(&app, &["audit", "verify"]).status.success());
    thidua::execute!(
        &mut c,
        "UPDATE audit_head SET hash = $1 WHERE id = 1",
        GENESIS
    )
    .unwrap();
    let out = thidua(&app, &["audit", "verify"]);
    assert!(
        stderr(&out).contains(&format!(
            "đầu chuỗi đã bị sửa: ghi mục {last} nhưng không khớp mục cuối số {last}"
        )),
        "{}",
        stderr(&out)
    );
    thidua::execute!(
        &mut c,
        "UPDATE audit_head SET hash = $1 WHERE id = 1",
        &head_hash
    )
    .unwrap();

    // A row numbered past the head.
    thidua::execute!(
        &mut c,
        "INSERT INTO audit_log (seq, at, actor_id, actor_name, action, object_kind, object_id, details, prev_hash, hash) \
         VALUES ($1, $2, NULL, 'x', 'x', 'x', 'x', '{}', $3, $3)",
        last + 10,
        removed.at,
        &head_hash
    )
    .unwrap();
    let out = thidua(&app, &["audit", "verify"]);
    assert!(
        stderr(&out).contains(&format!(
            "có mục số {} vượt quá đầu chuỗi (đầu chuỗi ghi mục {last})",
            last + 10
        )),
        "{}",
        stderr(&out)
    );
}
