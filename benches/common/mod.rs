//! What the benchmarks share: a fresh database (SQLite, or PostgreSQL when
//! `TEST_DATABASE_URL` is set), a running server with a signed-in client, and the summary line.

#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use thidua::app;
use thidua::config::{Secret, Settings};
use thidua::state::AppState;

pub const PASSWORD: &str = "mat-khau-do-hieu-nang";

/// A unit to insert under a parent given separately (always valid, no note).
pub fn unit(code: String, name: String, kind: thidua::units::UnitKind) -> thidua::units::ValidUnit {
    thidua::units::ValidUnit {
        code,
        name,
        kind,
        parent_code: None,
        valid_from: None,
        valid_to: None,
        note: String::new(),
    }
}

async fn database_url(dir: &std::path::Path) -> String {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin) if !admin.is_empty() => {
            let name = format!(
                "thidua_bench_{}",
                thidua::auth::random_token(4).expect("random")
            );
            let pool = sqlx::PgPool::connect(&admin).await.expect("connect");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&pool)
                .await
                .expect("create db");
            format!("{}/{name}", admin.rsplit_once('/').expect("url").0)
        }
        _ => format!("sqlite://{}", dir.join("bench.sqlite").display()),
    }
}

/// A prepared application on a fresh database; the engine's name.
pub async fn prepare(dir: &std::path::Path) -> (AppState, &'static str) {
    let url = database_url(dir).await;
    let settings = Settings {
        bind: "127.0.0.1:0".into(),
        database_url: url.clone(),
        data_dir: dir.join("files"),
        admin_password: Some(Secret::new(PASSWORD)),
        idle_timeout_minutes: 30,
        secure_cookies: false,
        public_url: String::new(),
    };
    let (state, _) = app::prepare(settings).await.expect("start");
    let engine = if url.starts_with("sqlite") {
        "SQLite"
    } else {
        "PostgreSQL"
    };
    (state, engine)
}

/// A running server: its base URL, a client signed in as admin, and the bytes its
/// `/do-hieu-nang/trang-tinh` route answers with (set by `load` before it measures).
pub struct Server {
    pub base: String,
    pub http: reqwest::Client,
    pub fixed: Arc<Mutex<Vec<u8>>>,
}

/// The path of the fixed page the same server serves beside the application.
pub const FIXED: &str = "/do-hieu-nang/trang-tinh";

/// Serves `state` — the application's router plus one route that answers fixed bytes, on the
/// same listener and runtime — and signs a client in as admin.
pub async fn serve_signed_in(state: AppState) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let fixed: Arc<Mutex<Vec<u8>>> = Arc::default();
    let bytes = fixed.clone();
    let router = app::router(state).route(
        FIXED,
        axum::routing::get(move || {
            let body = bytes.lock().map(|b| b.clone()).unwrap_or_default();
            async move {
                (
                    [(axum::http::header::CONTENT_TYPE, "text/html; charset=utf-8")],
                    body,
                )
            }
        }),
    );
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
    });
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let login = http
        .get(format!("{base}/dang-nhap"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    let csrf = hidden(&login, "csrf");
    http.post(format!("{base}/dang-nhap"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "admin"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .expect("login");
    Server { base, http, fixed }
}

/// The value of the hidden input `name` on a page.
pub fn hidden(page: &str, name: &str) -> String {
    page.split(&format!("name=\"{name}\" value=\""))
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_else(|| panic!("no {name} on the page"))
        .to_string()
}

/// Times approving `count` ward sheets of `year` through the page's confirmed POST. Each is
/// first reopened and sent again (not timed), so it waits for approval as a real one would.
pub async fn time_approvals(
    db: &thidua::db::Db,
    base: &str,
    http: &reqwest::Client,
    wards: &[thidua::units::Unit],
    year: i64,
    count: usize,
) -> Vec<Duration> {
    use thidua::figures::{Action, store};
    let step = (wards.len() / count).max(1);
    let mut times = Vec::new();
    for ward in wards.iter().step_by(step).take(count) {
        let now = chrono::Utc::now();
        let mut tx = db.begin().await.expect("tx");
        let sheet = store::sheet(&mut tx, ward.id, year)
            .await
            .expect("q")
            .expect("sheet");
        let open = store::apply(&mut tx, &sheet, Action::Reopen, now)
            .await
            .expect("q")
            .expect("reopen");
        store::apply(&mut tx, &open, Action::Submit, now)
            .await
            .expect("q")
            .expect("submit");
        tx.commit().await.expect("commit");
        let url = format!("{base}/so-lieu/{}/{year}/duyet", ward.id);
        let page = http
            .get(&url)
            .send()
            .await
            .expect("get")
            .text()
            .await
            .expect("body");
        let (csrf, version) = (hidden(&page, "csrf"), hidden(&page, "version"));
        let t = Instant::now();
        let r = http
            .post(&url)
            .form(&[
                ("csrf", csrf.as_str()),
                ("version", version.as_str()),
                ("xac_nhan", "co"),
            ])
            .send()
            .await
            .expect("post");
        let body = r.text().await.expect("body");
        times.push(t.elapsed());
        assert!(body.contains("Đã duyệt (khóa)"), "approval refused: {body}");
    }
    times
}

/// `workers` clients GET `url` back to back for `time`; every latency, and how many requests
/// were answered.
async fn drive(http: &reqwest::Client, url: &str, workers: usize, time: Duration) -> Vec<Duration> {
    let until = Instant::now() + time;
    let mut tasks = Vec::new();
    for _ in 0..workers {
        let (http, url) = (http.clone(), url.to_string());
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::new();
            while Instant::now() < until {
                let t = Instant::now();
                let r = http.get(&url).send().await.expect("get");
                assert!(r.status().is_success(), "{url}: {}", r.status());
                r.bytes().await.expect("body");
                times.push(t.elapsed());
            }
            times
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.expect("worker"));
    }
    all
}

/// The bounded load: `workers` signed-in clients on the dashboard at `url` for `time`, then on
/// a fixed page of the same bytes served by the same server; requests per second and
/// p50/p95/p99 for each, and the ratio.
pub async fn load(server: &Server, url: &str, workers: usize, time: Duration) {
    let page = server
        .http
        .get(url)
        .send()
        .await
        .expect("get")
        .bytes()
        .await
        .expect("body");
    let size = page.len();
    if let Ok(mut fixed) = server.fixed.lock() {
        *fixed = page.to_vec();
    }
    let fixed_url = format!("{}{FIXED}", server.base);
    let mut rates = Vec::new();
    for (label, target) in [
        ("national dashboard", url),
        ("fixed page, same bytes", fixed_url.as_str()),
    ] {
        let times = drive(&server.http, target, workers, time).await;
        let rps = times.len() as f64 / time.as_secs_f64();
        println!(
            "HTTP load, {workers} clients for {} s, {label} ({:.0} kB): {rps:.1} requests/s",
            time.as_secs(),
            size as f64 / 1e3
        );
        summary(&format!("HTTP load, {label}"), times);
        rates.push(rps);
    }
    println!(
        "HTTP load: fixed page / dashboard = {:.1}× the requests per second",
        rates[1] / rates[0]
    );
}

/// Times `runs` GETs of `path`, checking each page contains `expect`.
pub async fn time_page(
    http: &reqwest::Client,
    url: &str,
    expect: &str,
    runs: usize,
) -> Vec<Duration> {
    let mut times = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let r = http.get(url).send().await.expect("get");
        assert!(r.status().is_success(), "{url}: {}", r.status());
        let body = r.text().await.expect("body");
        times.push(t.elapsed());
        assert!(body.contains(expect), "{url} lacks {expect}");
    }
    times
}

/// Prints median, p95 and p99; returns the median.
pub fn summary(label: &str, mut times: Vec<Duration>) -> Duration {
    times.sort();
    let at = |q: usize| times[(times.len() * q / 100).min(times.len() - 1)];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{label}: median {:.1} ms, p95 {:.1} ms, p99 {:.1} ms ({} runs)",
        ms(at(50)),
        ms(at(95)),
        ms(at(99)),
        times.len()
    );
    at(50)
}

/// Peak resident memory of this process (server included), in MiB, from /proc.
pub fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}
