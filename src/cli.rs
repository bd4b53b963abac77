//! The command line. `thidua` alone serves; the other commands work on the same database.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::app::{self, AppState};
use crate::audit::{self, Actor};
use crate::auth::{self, Role};
use crate::config::Settings;
use crate::units::{self, import::ImportScope};

#[derive(Parser, Debug)]
#[command(
    name = "thidua",
    version,
    about = "Hệ thống quản lý phong trào thi đua"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Chạy máy chủ web (mặc định).
    Serve,
    /// Chỉ áp dụng migration và dữ liệu dựng sẵn.
    Migrate,
    /// Nạp dữ liệu mẫu (đánh dấu rõ là mẫu).
    Demo {
        #[arg(long, default_value_t = 2000)]
        households: usize,
    },
    /// Tạo tài khoản quản trị (mật khẩu lấy từ THIDUA_ADMIN_PASSWORD hoặc được tạo ngẫu nhiên).
    CreateAdmin {
        username: String,
        #[arg(long, default_value = "Quản trị hệ thống")]
        full_name: String,
    },
    /// Nhập dữ liệu từ Excel.
    Import {
        #[command(subcommand)]
        what: Table,
    },
    /// Xuất dữ liệu ra Excel.
    Export {
        #[command(subcommand)]
        what: Table,
    },
    /// Nhật ký hệ thống.
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
    /// Sao lưu nhất quán cơ sở dữ liệu vào thư mục DIR (chạy được khi máy chủ đang chạy).
    Backup { dir: PathBuf },
}

#[derive(Subcommand, Debug)]
pub enum Table {
    /// Đơn vị.
    Units { file: PathBuf },
}

#[derive(Subcommand, Debug)]
pub enum AuditAction {
    /// Kiểm tra chuỗi băm; báo mục đầu tiên bị hỏng.
    Verify,
}

struct Everywhere;

impl ImportScope for Everywhere {
    fn may_write(&self, _: &str) -> bool {
        true
    }
}

/// Runs one command; the exit code is non-zero on any failure.
pub async fn run(cli: Cli, settings: Settings) -> anyhow::Result<()> {
    let url = settings.database_url.clone();
    let (state, admin_password) = app::prepare(settings).await?;
    if let Some(p) = &admin_password {
        println!("Đã tạo tài khoản quản trị đầu tiên: tên đăng nhập «admin», mật khẩu «{p}».");
        println!("Mật khẩu này chỉ hiện một lần; hãy đổi ngay sau khi đăng nhập.");
    }
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let listener = tokio::net::TcpListener::bind(&state.settings.bind).await?;
            println!("thidua đang chạy tại http://{}", listener.local_addr()?);
            app::serve(state, listener).await
        }
        Command::Migrate => {
            println!("Cơ sở dữ liệu đã cập nhật.");
            Ok(())
        }
        Command::Demo { households } => {
            let n = crate::demo::load(&state.db, state.clock.now(), households).await?;
            if n == 0 {
                println!("Dữ liệu mẫu đã có từ trước; không nạp lại.");
            } else {
                println!(
                    "Đã nạp dữ liệu mẫu: {n} hộ gia đình và các tổ dân phố, thôn, tuyến phố, doanh nghiệp, hợp tác xã (đánh dấu «dữ liệu mẫu»)."
                );
            }
            Ok(())
        }
        Command::CreateAdmin {
            username,
            full_name,
        } => create_admin(&state, &username, &full_name).await,
        Command::Import {
            what: Table::Units { file },
        } => import_units(&state, &file).await,
        Command::Export {
            what: Table::Units { file },
        } => {
            let mut c = state.db.conn().await?;
            let all = units::store::all_in_scope(&mut c, 0, true).await?;
            std::fs::write(&file, units::import::export_xlsx(&all)?)?;
            println!("Đã xuất {} đơn vị ra {}.", all.len(), file.display());
            Ok(())
        }
        Command::Audit {
            action: AuditAction::Verify,
        } => {
            let mut c = state.db.conn().await?;
            match audit::store::verify(&mut c).await? {
                Ok(n) => {
                    println!("Chuỗi nhật ký nguyên vẹn: {n} mục.");
                    Ok(())
                }
                Err(b) => anyhow::bail!("Chuỗi nhật ký bị hỏng: {b}."),
            }
        }
        Command::Backup { dir } => {
            let stamp = state.clock.now().format("%Y%m%d-%H%M%S").to_string();
            let file = state.db.backup(&url, &dir, &stamp).await?;
            println!("Đã sao lưu vào {}.", file.display());
            Ok(())
        }
    }
}

async fn create_admin(state: &AppState, username: &str, full_name: &str) -> anyhow::Result<()> {
    let username = username.trim().to_lowercase();
    let password = match &state.settings.admin_password {
        Some(p) => p.expose().to_string(),
        None => auth::generate_password()?,
    };
    if let Some(problem) = auth::password_problem(&password, &username) {
        anyhow::bail!("{problem}");
    }
    let mut tx = state.db.begin().await?;
    if auth::store::user_by_username(&mut tx, &username)
        .await?
        .is_some()
    {
        anyhow::bail!("Tên đăng nhập «{username}» đã có.");
    }
    let root = units::store::by_code(&mut tx, "HT")
        .await?
        .ok_or_else(|| anyhow::anyhow!("thiếu đơn vị gốc HT"))?;
    let now = state.clock.now();
    let hash = password_auth::generate_hash(&password);
    auth::store::create_account(
        &mut tx,
        &username,
        full_name,
        &hash,
        Role::Admin,
        (root.id, &root.code),
        &Actor::system(),
        "cli",
        now,
    )
    .await?;
    tx.commit().await?;
    println!("Đã tạo quản trị «{username}», mật khẩu «{password}» (chỉ hiện một lần).");
    Ok(())
}

async fn import_units(state: &AppState, file: &std::path::Path) -> anyhow::Result<()> {
    let bytes = std::fs::read(file)?;
    let report = |errors: Vec<units::import::RowError>| {
        for e in &errors {
            eprintln!("Dòng {}: {}", e.row, e.message);
        }
        anyhow::anyhow!(
            "Tệp có {} dòng lỗi; không có dữ liệu nào được ghi.",
            errors.len()
        )
    };
    let mut tx = state.db.begin().await?;
    match units::import::import_file(
        &mut tx,
        &bytes,
        &Everywhere,
        &Actor::system(),
        state.clock.now(),
    )
    .await?
    {
        Ok((created, updated)) => {
            tx.commit().await?;
            println!("Đã nhập: {created} đơn vị mới, {updated} đơn vị cập nhật.");
            Ok(())
        }
        Err(errors) => Err(report(errors)),
    }
}
