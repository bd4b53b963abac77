//! Thin entry point: settings → tracing → the command.

use clap::Parser;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = thidua::cli::Cli::parse();
    let result = match thidua::config::Settings::load() {
        Ok(settings) => thidua::cli::run(cli, settings).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Lỗi: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
