//! Application state, start-up (migrations, built-in data, first admin), router and serving.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, Request, header};
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::audit::Actor;
use crate::auth;
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::Db;
use crate::state::AppState;
use crate::units;
use crate::web;

/// Opens the database, applies migrations and the built-in data, and makes sure an admin
/// exists. Returns the state and, when an admin was just created, its one-time password.
pub async fn prepare(settings: Settings) -> anyhow::Result<(AppState, Option<String>)> {
    if let Some(path) = settings.database_url.strip_prefix("sqlite://") {
        let path = path.split('?').next().unwrap_or(path);
        if let Some(dir) = std::path::Path::new(path)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir)?;
        }
    }
    std::fs::create_dir_all(&settings.data_dir)?;
    let db = Db::connect(&settings.database_url).await?;
    db.migrate().await?;
    let rekeyed = crate::subjects::store::rekey_people(&db).await?;
    if rekeyed > 0 {
        tracing::info!(rows = rekeyed, "people's sort keys recomputed");
    }
    let clock = Clock::system();
    units::seed::load_builtin(&db, clock.now()).await?;
    crate::indicators::seed::load_builtin(&db, clock.now()).await?;
    crate::indicators::wording::bring_to_plan_once(&db, clock.now()).await?;
    crate::summary::keep::rebuild_once(&db).await?;
    crate::criteria::seed::load_builtin(&db, clock.now()).await?;
    crate::ocop::seed(&db).await?;
    crate::resources::seed(&db).await?;
    crate::awards::seed::load_builtin(&db, clock.now()).await?;
    let files = crate::files::blobs::Blobs::local(&settings.data_dir)?;
    let adopted = crate::files::legacy::adopt(&db, &files, &settings.data_dir, clock.now()).await?;
    if adopted > 0 {
        tracing::info!(
            files = adopted,
            "old figure evidence moved into the file store"
        );
    }
    let state = AppState {
        db,
        settings: Arc::new(settings),
        clock,
        reading: crate::documents::Reading::new(2),
        files,
    };
    let password = ensure_first_admin(&state).await?;
    Ok((state, password))
}

/// Creates `admin` when there is no user at all; the password comes from the settings or is
/// generated, and is returned so it can be printed exactly once.
async fn ensure_first_admin(state: &AppState) -> anyhow::Result<Option<String>> {
    let mut tx = state.db.begin().await?;
    if auth::store::count_users(&mut tx).await? > 0 {
        return Ok(None);
    }
    let password = match &state.settings.admin_password {
        Some(p) => p.expose().to_string(),
        None => auth::generate_password()?,
    };
    let root = units::store::by_code(&mut tx, "HT")
        .await?
        .ok_or_else(|| anyhow::anyhow!("built-in province missing"))?;
    let now = state.clock.now();
    let hash = password_auth::generate_hash(&password);
    auth::store::create_account(
        &mut tx,
        "admin",
        "Quản trị hệ thống",
        &hash,
        auth::Role::Admin,
        (root.id, &root.code),
        &Actor::system(),
        "first start",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(password))
}

#[derive(Clone, Default)]
struct RandomRequestId;

impl MakeRequestId for RandomRequestId {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        let id = auth::random_token(8).ok()?;
        HeaderValue::from_str(&id).ok().map(RequestId::new)
    }
}

pub fn router(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    web::routes::all()
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            web::session::middleware,
        ))
        .layer(axum::middleware::from_fn(web::error::apology))
        .layer(CatchPanicLayer::custom(web::error::panic_page))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(60),
        ))
        // Outside the timeout, so its 408 gets a Vietnamese page like axum's own refusals.
        .layer(axum::middleware::from_fn(web::error::plain_statuses))
        // Links out of the register must not carry its URLs (unit ids, searched names).
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; form-action 'self'; frame-ancestors 'none'",
            ),
        ))
        .layer(TraceLayer::new_for_http())
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(SetRequestIdLayer::new(request_id, RandomRequestId))
        .with_state(state)
}

/// Serves until Ctrl-C or SIGTERM; `on_ready` learns the bound address (port 0 in tests).
pub async fn serve(state: AppState, listener: TcpListener) -> anyhow::Result<()> {
    let app = router(state.clone());
    let sweeper = tokio::spawn(sweep_sessions(state.clone()));
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    sweeper.abort();
    state.db.close().await;
    Ok(())
}

/// Deletes sessions idle for a day past the timeout, every quarter hour. Sessions only just
/// expired are kept so the login page can still tell their owner why they were signed out.
async fn sweep_sessions(state: AppState) {
    // The first sweep waits a period too: at start-up there is nothing a day stale to sweep,
    // and a test that sets the clock just after start must not race a sweep on the real one.
    let period = Duration::from_secs(15 * 60);
    let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    loop {
        tick.tick().await;
        let cutoff =
            auth::session_sweep_cutoff(state.clock.now(), state.settings.idle_timeout_minutes);
        let swept = match state.db.conn().await {
            Ok(mut c) => auth::store::delete_idle_sessions(&mut c, cutoff).await,
            Err(e) => Err(e),
        };
        match swept {
            Ok(0) => {}
            Ok(n) => tracing::info!(sessions = n, "idle sessions deleted"),
            Err(e) => tracing::warn!(error = %e, "idle session sweep failed"),
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}
