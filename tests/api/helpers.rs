//! `spawn_app()`: the real application on port 0 over a fresh database — a SQLite file in a
//! temporary folder, or a new PostgreSQL database when `TEST_DATABASE_URL` is set.

use thidua::app;
use thidua::audit::Actor;
use thidua::auth::{self, Role};
use thidua::config::{Secret, Settings};
use thidua::state::AppState;
use thidua::units;

pub const ADMIN_PASSWORD: &str = "quan-tri-thu-nghiem";
pub const OFFICER_PASSWORD: &str = "can-bo-thu-nghiem";

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    pub database_url: String,
    pub dir: tempfile::TempDir,
}

/// A database URL nobody else uses: a file in `dir`, or a new PostgreSQL database.
pub async fn fresh_database_url(dir: &std::path::Path) -> String {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin_url) if !admin_url.is_empty() => {
            use sqlx::Executor;
            let name = format!("thidua_t_{}", auth::random_token(8).unwrap());
            let pool = sqlx::PgPool::connect(&admin_url)
                .await
                .expect("connect to TEST_DATABASE_URL");
            pool.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .await
                .unwrap();
            pool.close().await;
            let (prefix, _) = admin_url
                .rsplit_once('/')
                .expect("TEST_DATABASE_URL names a database");
            format!("{prefix}/{name}")
        }
        _ => format!("sqlite://{}", dir.join("thidua.sqlite").display()),
    }
}

pub fn settings(dir: &std::path::Path, database_url: &str) -> Settings {
    Settings {
        bind: "127.0.0.1:0".into(),
        database_url: database_url.into(),
        data_dir: dir.join("files"),
        admin_password: Some(Secret::new(ADMIN_PASSWORD)),
        idle_timeout_minutes: 30,
        secure_cookies: false,
        public_url: String::new(),
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(tweak: impl FnOnce(&mut Settings)) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let database_url = fresh_database_url(dir.path()).await;
    let mut s = settings(dir.path(), &database_url);
    tweak(&mut s);
    let (state, password) = app::prepare(s).await.expect("app starts");
    assert_eq!(password.as_deref(), Some(ADMIN_PASSWORD));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(app::serve(state.clone(), listener));
    let app = TestApp {
        base,
        state,
        database_url,
        dir,
    };
    app.add_user("canbo.ducthuan", Role::UnitOfficer, "HL-DT")
        .await;
    app.add_user("canbo.namhong", Role::UnitOfficer, "HL-NH")
        .await;
    app.add_user("thanhvien.hd", Role::CouncilMember, "HL")
        .await;
    app
}

impl TestApp {
    pub async fn add_user(&self, username: &str, role: Role, unit_code: &str) -> i64 {
        let mut tx = self.state.db.begin().await.unwrap();
        let unit = units::store::by_code(&mut tx, unit_code)
            .await
            .unwrap()
            .unwrap();
        let now = self.state.clock.now();
        let hash = password_auth_hash(OFFICER_PASSWORD);
        let id = auth::store::create_account(
            &mut tx,
            username,
            username,
            &hash,
            role,
            (unit.id, &unit.code),
            &Actor::system(),
            "test",
            now,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        id
    }

    pub async fn unit_id(&self, code: &str) -> i64 {
        let mut c = self.state.db.conn().await.unwrap();
        units::store::by_code(&mut c, code)
            .await
            .unwrap()
            .unwrap()
            .id
    }

    pub async fn indicator_id(&self, code: &str) -> i64 {
        let mut c = self.state.db.conn().await.unwrap();
        thidua::indicators::store::by_code(&mut c, code)
            .await
            .unwrap()
            .unwrap()
            .id
    }

    pub async fn unit(&self, code: &str) -> Option<units::Unit> {
        let mut c = self.state.db.conn().await.unwrap();
        units::store::by_code(&mut c, code).await.unwrap()
    }

    pub async fn client(&self) -> Client {
        Client::new(&self.base)
    }

    /// A client already signed in as `username`.
    pub async fn signed_in(&self, username: &str) -> Client {
        let mut c = self.client().await;
        let pw = if username == "admin" {
            ADMIN_PASSWORD
        } else {
            OFFICER_PASSWORD
        };
        let page = c.login(username, pw).await;
        assert!(
            page.contains("Đăng xuất"),
            "login as {username} failed: {page}"
        );
        c
    }

    pub async fn audit_count(&self) -> i64 {
        let mut c = self.state.db.conn().await.unwrap();
        let (_, total) = thidua::audit::store::list(&mut c, &Default::default(), 1, 0)
            .await
            .unwrap();
        total
    }
}

fn password_auth_hash(p: &str) -> String {
    // The test binary shares the crate's dependency, so hashes match what login verifies.
    password_auth::generate_hash(p)
}

/// A browser-like client: keeps cookies, remembers the last form token it saw.
#[derive(Clone)]
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
    pub csrf: String,
    last_body: String,
}

pub struct Reply {
    pub status: u16,
    pub body: String,
}

pub fn csrf_of(html: &str) -> Option<String> {
    let i = html.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    Some(html[i..].split('"').next()?.to_string())
}

impl Client {
    pub fn new(base: &str) -> Client {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::limited(5))
            .build()
            .unwrap();
        Client {
            http,
            base: base.into(),
            csrf: String::new(),
            last_body: String::new(),
        }
    }

    pub async fn get(&mut self, path: &str) -> Reply {
        let r = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        self.reply(r).await
    }

    pub async fn get_bytes(&mut self, path: &str) -> (u16, Vec<u8>) {
        let r = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.bytes().await.unwrap().to_vec())
    }

    /// Reads a response as a page, remembering its form token and body.
    async fn reply(&mut self, r: reqwest::Response) -> Reply {
        let status = r.status().as_u16();
        let body = r.text().await.unwrap();
        if let Some(t) = csrf_of(&body) {
            self.csrf = t;
        }
        self.last_body = body.clone();
        Reply { status, body }
    }

    /// The value of the last page's `<input name="{name}" value="…">`.
    pub fn last_input(&self, name: &str) -> String {
        let needle = format!("name=\"{name}\" value=\"");
        self.last_body
            .rfind(&needle)
            .map(|i| {
                self.last_body[i + needle.len()..]
                    .chars()
                    .take_while(|c| *c != '"')
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The value of the first `<option value="…">` of the last page's `<select name="{name}">`.
    pub fn last_input_option(&self, name: &str) -> String {
        let needle = format!("name=\"{name}\">");
        let Some(i) = self.last_body.find(&needle) else {
            return String::new();
        };
        let rest = &self.last_body[i..];
        let Some(j) = rest.find("<option value=\"") else {
            return String::new();
        };
        rest[j + 15..].chars().take_while(|c| *c != '"').collect()
    }

    /// Posts a form with the current token added.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        let token = self.csrf.clone();
        all.push(("csrf", &token));
        self.post_raw(path, &all).await
    }

    /// Posts exactly these fields (no token added).
    pub async fn post_raw(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .form(fields)
            .send()
            .await
            .unwrap();
        self.reply(r).await
    }

    pub async fn login(&mut self, username: &str, password: &str) -> String {
        self.get("/dang-nhap").await;
        self.post(
            "/dang-nhap",
            &[("username", username), ("password", password)],
        )
        .await
        .body
    }

    pub async fn upload(&mut self, path: &str, bytes: Vec<u8>) -> Reply {
        let form = reqwest::multipart::Form::new()
            .text("csrf", self.csrf.clone())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name("don-vi.xlsx"),
            );
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .multipart(form)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        Reply {
            status,
            body: r.text().await.unwrap(),
        }
    }
}

/// Runs the real binary with the given database and arguments.
pub fn thidua_command(dir: &std::path::Path, database_url: &str) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"));
    cmd.current_dir(dir)
        .env("THIDUA_DATABASE_URL", database_url)
        .env("THIDUA_DATA_DIR", dir.join("files"))
        .env("THIDUA_BIND", "127.0.0.1:0")
        .env_remove("THIDUA_ADMIN_PASSWORD")
        .env_remove("THIDUA_CONFIG");
    cmd
}

/// The id in the first link `href="{prefix}{digits}"` of a page.
pub fn first_id(html: &str, prefix: &str) -> String {
    let needle = format!("href=\"{prefix}");
    html.match_indices(&needle)
        .map(|(i, _)| {
            html[i + needle.len()..]
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect::<String>()
        })
        .find(|id| !id.is_empty())
        .unwrap_or_default()
}

/// The digits right after the first `marker` in a page — the id in a form's action or a
/// link, e.g. `id_after(page, "action=\"/khen-thuong/y-kien/")`; empty when absent.
pub fn id_after(html: &str, marker: &str) -> String {
    html.split(marker)
        .nth(1)
        .map(|s| s.chars().take_while(char::is_ascii_digit).collect())
        .unwrap_or_default()
}

/// Every row of a workbook's first sheet as the text Excel shows, trailing blanks dropped —
/// read through the product's own reader.
pub fn xlsx_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    use thidua::documents::workbook::{Limits, Which, read};
    let sheet = read(bytes, &Which::First, &Limits::UNITS).unwrap();
    (0..sheet.height())
        .map(|r| {
            let mut row: Vec<String> = (0..16).map(|c| sheet.text(r, c).unwrap()).collect();
            while row.last().is_some_and(|c| c.is_empty()) {
                row.pop();
            }
            row
        })
        .collect()
}
