//! The command line. `thidua` alone serves; the other commands work on the same database.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::app;
use crate::audit::checkpoint::Checkpoint;
use crate::audit::{self, Actor};
use crate::auth::{self, Role};
use crate::config::Settings;
use crate::state::AppState;
use crate::units::{self, import_write::ImportScope};

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
    /// Sao lưu nhất quán cơ sở dữ liệu cùng kho tệp (kèm bảng kê mã băm) vào một thư mục mới
    /// trong DIR; chạy được khi máy chủ đang chạy.
    Backup { dir: PathBuf },
    /// Khôi phục bản sao lưu (thư mục do `thidua backup` tạo) vào cơ sở dữ liệu và thư mục
    /// dữ liệu trống, rồi kiểm tra chuỗi nhật ký và mã băm của từng tệp.
    Restore { from: PathBuf },
    /// Tính lại toàn bộ số tổng cộng dồn theo đơn vị từ số liệu đã duyệt (khôi phục, sau khi
    /// nạp dữ liệu hàng loạt); chạy được khi máy chủ đang chạy.
    RebuildTotals,
    /// So số tổng cộng dồn đang lưu với số tính lại từ đầu; báo từng chỗ khác nhau.
    CheckTotals,
}

#[derive(Subcommand, Debug)]
pub enum Table {
    /// Đơn vị.
    Units { file: PathBuf },
}

#[derive(Subcommand, Debug)]
pub enum AuditAction {
    /// Kiểm tra chuỗi băm; báo mục đầu tiên bị hỏng.
    Verify {
        /// Tệp điểm kiểm tra (từ `thidua audit checkpoint`): phát hiện nhật ký bị viết lại
        /// hoặc cắt bớt đến mục đã ghi trong tệp.
        #[arg(long, value_name = "TỆP")]
        checkpoint: Option<PathBuf>,
    },
    /// Kiểm tra chuỗi rồi ghi số và mã băm của đầu chuỗi ra TỆP (hoặc in ra màn hình), để cất
    /// ngoài cơ sở dữ liệu.
    Checkpoint {
        #[arg(value_name = "TỆP")]
        file: Option<PathBuf>,
    },
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
    if let Some(Command::Restore { from }) = &cli.command {
        let files = crate::files::backup::restore(&url, &settings.data_dir, from).await?;
        println!(
            "Đã chép cơ sở dữ liệu và {files} tệp từ {}.",
            from.display()
        );
    }
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
            let decisions =
                crate::awards::demo_decisions::load(&state.db, &state.files, state.clock.now())
                    .await?;
            if decisions > 0 {
                println!(
                    "Đã nạp {decisions} quyết định khen thưởng mẫu (2022–2024 của thị xã, 2025 của các phường kế thừa)."
                );
            }
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
            action: AuditAction::Verify { checkpoint },
        } => audit_verify(&state, checkpoint.as_deref()).await,
        Command::Audit {
            action: AuditAction::Checkpoint { file },
        } => audit_checkpoint(&state, file.as_deref()).await,
        Command::RebuildTotals => {
            let started = std::time::Instant::now();
            let units = crate::summary::keep::rebuild(&state.db).await?;
            println!(
                "Đã tính lại số tổng cộng dồn của {units} đơn vị trong {:.1} giây.",
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::CheckTotals => {
            let differences = crate::summary::keep::check(&state.db).await?;
            if differences.is_empty() {
                println!(
                    "Số tổng cộng dồn khớp với số tính lại từ số liệu đã duyệt và các khoản đóng góp."
                );
                return Ok(());
            }
            for d in &differences {
                println!("{d}");
            }
            anyhow::bail!(
                "{} chỗ khác nhau; chạy «thidua rebuild-totals» để tính lại.",
                differences.len()
            )
        }
        Command::Backup { dir } => {
            let stamp = state.clock.now().format("%Y%m%d-%H%M%S").to_string();
            let taken =
                crate::files::backup::take(&state.db, &url, &state.files, &dir, &stamp).await?;
            println!(
                "Đã sao lưu cơ sở dữ liệu và {} tệp ({}) vào {}.",
                taken.files,
                crate::files::size_text(taken.bytes as i64),
                taken.folder.display()
            );
            Ok(())
        }
        Command::Restore { .. } => restored(&state).await,
    }
}

/// After a restore: the audit chain intact and every stored file present with its hash.
async fn restored(state: &AppState) -> anyhow::Result<()> {
    let mut c = state.db.conn().await?;
    let chain = audit::store::verify(&mut c).await?;
    drop(c);
    let files = crate::files::backup::verify(&state.db, &state.files).await?;
    let mut faults = Vec::new();
    if let Err(b) = &chain {
        faults.push(format!("chuỗi nhật ký bị hỏng: {b}"));
    }
    if let Err(f) = &files {
        faults.extend(f.iter().cloned());
    }
    anyhow::ensure!(
        faults.is_empty(),
        "Khôi phục chưa trọn: {}.",
        faults.join("; ")
    );
    if let (Ok(head), Ok(n)) = (chain, files) {
        println!(
            "Khôi phục xong: chuỗi nhật ký nguyên vẹn ({} mục), {n} tệp khớp mã băm.",
            head.seq
        );
    }
    Ok(())
}

/// Verifies the chain and, given a checkpoint file, that the log still reaches the entry it
/// names with the same hash. Every finding is named; any finding fails the command.
async fn audit_verify(state: &AppState, checkpoint: Option<&Path>) -> anyhow::Result<()> {
    let cp = match checkpoint {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| anyhow::anyhow!("Không đọc được tệp {}: {e}", path.display()))?;
            let cp = Checkpoint::parse(&text)
                .map_err(|e| anyhow::anyhow!("Tệp {}: {e}.", path.display()))?;
            Some(cp)
        }
        None => None,
    };
    let mut c = state.db.conn().await?;
    let mut findings = Vec::new();
    let chain = audit::store::verify(&mut c).await?;
    if let Err(b) = &chain {
        findings.push(b.to_string());
    }
    if let Some(cp) = &cp
        && let Err(b) = audit::store::verify_checkpoint(&mut c, cp).await?
    {
        findings.push(b.to_string());
    }
    if !findings.is_empty() {
        anyhow::bail!("Chuỗi nhật ký bị hỏng: {}.", findings.join("; "));
    }
    if let Ok(head) = chain {
        println!("Chuỗi nhật ký nguyên vẹn: {} mục.", head.seq);
    }
    if let Some(cp) = cp {
        println!(
            "Khớp điểm kiểm tra: mục số {} vẫn mang mã băm đã ghi.",
            cp.seq
        );
    }
    Ok(())
}

/// Writes the verified head to `file` (or prints it): refused while the chain is broken, so a
/// checkpoint never vouches for a forged log.
async fn audit_checkpoint(state: &AppState, file: Option<&Path>) -> anyhow::Result<()> {
    let mut c = state.db.conn().await?;
    let head = match audit::store::verify(&mut c).await? {
        Ok(head) => head,
        Err(b) => anyhow::bail!("Chuỗi nhật ký bị hỏng: {b}; không lập điểm kiểm tra."),
    };
    let text = head.to_file(state.clock.now());
    match file {
        Some(path) => {
            std::fs::write(path, &text)
                .map_err(|e| anyhow::anyhow!("Không ghi được tệp {}: {e}", path.display()))?;
            println!(
                "Đã ghi điểm kiểm tra vào {}: mục số {}, mã băm {}.",
                path.display(),
                head.seq,
                head.hash
            );
        }
        None => print!("{text}"),
    }
    Ok(())
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
    use crate::documents::problems::Report;
    use crate::documents::workbook::{self, Limits, Which};
    let bytes = std::fs::read(file)?;
    let report = |problems: Vec<crate::documents::problems::Problem>| {
        let report = Report::new(problems);
        for p in &report.shown {
            eprintln!("{p}");
        }
        if report.left_out() > 0 {
            eprintln!("… và {} lỗi khác.", report.left_out());
        }
        anyhow::anyhow!(
            "Tệp có {} lỗi; không có dữ liệu nào được ghi.",
            report.total
        )
    };
    let parsed = match workbook::read(&bytes, &Which::First, &Limits::UNITS)
        .map_err(|p| vec![p])
        .and_then(|sheet| units::import::parse(&sheet))
    {
        Ok(p) if p.errors.is_empty() => p,
        Ok(p) => {
            let mut c = state.db.conn().await?;
            let mut problems = units::import_write::missing_parents(&mut c, &p).await?;
            problems.extend(p.errors);
            return Err(report(problems));
        }
        Err(problems) => return Err(report(problems)),
    };
    let mut tx = state.db.begin().await?;
    match units::import_write::import_file(
        &mut tx,
        parsed,
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
