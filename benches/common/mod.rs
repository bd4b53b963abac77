//! What the benchmarks share: a fresh database (SQLite, or PostgreSQL when
//! `TEST_DATABASE_URL` is set), a running server with a signed-in client, and the summary line.

#![allow(dead_code)]

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

/// Serves `state` and returns the base URL and a client signed in as admin.
pub async fn serve_signed_in(state: AppState) -> (String, reqwest::Client) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(app::serve(state, listener));
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
    let csrf = login
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("csrf")
        .to_string();
    http.post(format!("{base}/dang-nhap"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "admin"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .expect("login");
    (base, http)
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

/// Prints median and p95; returns the median.
pub fn summary(label: &str, mut times: Vec<Duration>) -> Duration {
    times.sort();
    let median = times[times.len() / 2];
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    println!(
        "{label}: median {:.1} ms, p95 {:.1} ms ({} runs)",
        median.as_secs_f64() * 1e3,
        p95.as_secs_f64() * 1e3,
        times.len()
    );
    median
}
