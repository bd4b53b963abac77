//! One codebase, two engines: a pool for SQLite or PostgreSQL, migrations at start, and the
//! macros store files use to run the same SQL text on either. Placeholders are `$1, $2, …`,
//! which both drivers accept.

use std::str::FromStr;
use std::time::Duration;

use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction};

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

/// The application's database, whichever engine the URL named.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// The engine a connection talks to, for the few places (backup) that differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A borrowed connection of either engine: what the query macros match on.
pub enum Ex<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

/// Anything a store function can run SQL on: a pooled connection or a transaction.
pub trait DbConn: Send {
    fn ex(&mut self) -> Ex<'_>;
}

/// A connection taken from the pool, for reads outside a transaction.
pub enum Conn {
    Sqlite(PoolConnection<Sqlite>),
    Postgres(PoolConnection<Postgres>),
}

/// A write transaction. On SQLite it starts with `BEGIN IMMEDIATE` so that a transaction that
/// reads before it writes can never fail on a stale snapshot.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl DbConn for Conn {
    fn ex(&mut self) -> Ex<'_> {
        match self {
            Conn::Sqlite(c) => Ex::Sqlite(c),
            Conn::Postgres(c) => Ex::Postgres(c),
        }
    }
}

impl DbConn for Tx {
    fn ex(&mut self) -> Ex<'_> {
        match self {
            Tx::Sqlite(t) => Ex::Sqlite(t),
            Tx::Postgres(t) => Ex::Postgres(t),
        }
    }
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
    }
}

impl Db {
    /// Opens the database named by `url` (`sqlite://…` or `postgres://…`) and applies migrations.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        let db = if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(opts)
                .await?;
            Db::Sqlite(pool)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let opts = PgConnectOptions::from_str(url)?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await?;
            Db::Postgres(pool)
        } else {
            anyhow::bail!(
                "THIDUA_DATABASE_URL phải bắt đầu bằng sqlite:// hoặc postgres:// (nhận được: {url})"
            );
        };
        Ok(db)
    }

    pub async fn migrate(&self) -> anyhow::Result<()> {
        match self {
            Db::Sqlite(p) => SQLITE_MIGRATIONS.run(p).await?,
            Db::Postgres(p) => POSTGRES_MIGRATIONS.run(p).await?,
        }
        Ok(())
    }

    pub fn engine(&self) -> Engine {
        match self {
            Db::Sqlite(_) => Engine::Sqlite,
            Db::Postgres(_) => Engine::Postgres,
        }
    }

    pub async fn conn(&self) -> Result<Conn, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(p) => Conn::Sqlite(p.acquire().await?),
            Db::Postgres(p) => Conn::Postgres(p.acquire().await?),
        })
    }

    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// Refreshes the planner's statistics after a bulk load (both engines know `ANALYZE`);
    /// PostgreSQL's autovacuum would do it later, SQLite never does it on its own.
    pub async fn analyze(&self) -> Result<(), sqlx::Error> {
        let mut c = self.conn().await?;
        crate::execute!(&mut c, "ANALYZE").map(|_| ())
    }

    /// A consistent copy while the server runs: `VACUUM INTO` on SQLite, `pg_dump` on
    /// PostgreSQL. Returns the file written.
    /// Writes a consistent copy of the database to `stem` plus `.sqlite` (`VACUUM INTO`) or
    /// `.sql` (`pg_dump`), while the server keeps running. Returns the file written.
    ///
    /// Errors: the file cannot be written, or `pg_dump` is missing or fails.
    pub async fn backup(
        &self,
        url: &str,
        stem: &std::path::Path,
    ) -> anyhow::Result<std::path::PathBuf> {
        match self {
            Db::Sqlite(p) => {
                let file = stem.with_extension("sqlite");
                let target = file
                    .to_str()
                    .ok_or_else(|| anyhow::anyhow!("đường dẫn sao lưu không hợp lệ"))?;
                sqlx::query("VACUUM INTO $1")
                    .bind(target)
                    .execute(p)
                    .await?;
                Ok(file)
            }
            Db::Postgres(_) => {
                let file = stem.with_extension("sql");
                let status = tokio::process::Command::new("pg_dump")
                    .arg("--no-owner")
                    .arg("--file")
                    .arg(&file)
                    .arg(url)
                    .status()
                    .await
                    .map_err(|e| {
                        anyhow::anyhow!(
                            "không chạy được pg_dump (cần cài gói postgresql-client): {e}"
                        )
                    })?;
                anyhow::ensure!(status.success(), "pg_dump kết thúc với lỗi {status}");
                Ok(file)
            }
        }
    }

    /// Puts the database copy found in backup folder `from` (`csdl.sqlite` or `csdl.sql`) into
    /// the database `url` names, which must not hold any table yet.
    ///
    /// Errors: the copy is of the other engine or missing, the target is not empty, or `psql`
    /// is missing or fails.
    pub async fn restore(url: &str, from: &std::path::Path) -> anyhow::Result<()> {
        if let Some(rest) = url.strip_prefix("sqlite://") {
            let copy = from.join("csdl.sqlite");
            anyhow::ensure!(
                copy.exists(),
                "bản sao lưu {} không có csdl.sqlite (có thể là bản của PostgreSQL)",
                from.display()
            );
            let path = std::path::Path::new(rest.split('?').next().unwrap_or(rest));
            anyhow::ensure!(
                std::fs::metadata(path)
                    .map(|m| m.len() == 0)
                    .unwrap_or(true),
                "cơ sở dữ liệu {} đã có; chỉ khôi phục vào chỗ trống",
                path.display()
            );
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::copy(&copy, path)?;
            return Ok(());
        }
        let copy = from.join("csdl.sql");
        anyhow::ensure!(
            copy.exists(),
            "bản sao lưu {} không có csdl.sql (có thể là bản của SQLite)",
            from.display()
        );
        let pool = sqlx::PgPool::connect(url).await?;
        let tables: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'",
        )
        .fetch_one(&pool)
        .await?;
        pool.close().await;
        anyhow::ensure!(
            tables == 0,
            "cơ sở dữ liệu đích đã có {tables} bảng; chỉ khôi phục vào cơ sở dữ liệu trống"
        );
        let status = tokio::process::Command::new("psql")
            .args(["-v", "ON_ERROR_STOP=1", "--quiet", "--file"])
            .arg(&copy)
            .arg(url)
            .stdout(std::process::Stdio::null())
            .status()
            .await
            .map_err(|e| {
                anyhow::anyhow!("không chạy được psql (cần cài gói postgresql-client): {e}")
            })?;
        anyhow::ensure!(status.success(), "psql kết thúc với lỗi {status}");
        Ok(())
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(p) => p.close().await,
            Db::Postgres(p) => p.close().await,
        }
    }
}

// SQL text in store files is assembled only from constants; every value a user typed is
// bound as a parameter. That is what `AssertSqlSafe` asserts for the macros below.

/// Rows of type `$t` from `$sql` with the given binds.
#[macro_export]
macro_rules! fetch_all {
    ($c:expr, $t:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $crate::db::DbConn::ex($c) {
            $crate::db::Ex::Sqlite(c) => sqlx::query_as::<_, $t>(sqlx::AssertSqlSafe(::std::convert::AsRef::<str>::as_ref($sql)))$(.bind($arg))*.fetch_all(c).await,
            $crate::db::Ex::Postgres(c) => sqlx::query_as::<_, $t>(sqlx::AssertSqlSafe(::std::convert::AsRef::<str>::as_ref($sql)))$(.bind($arg))*.fetch_all(c).await,
        }
    };
}

/// At most one row of type `$t`.
#[macro_export]
macro_rules! fetch_optional {
    ($c:expr, $t:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $crate::db::DbConn::ex($c) {
            $crate::db::Ex::Sqlite(c) => sqlx::query_as::<_, $t>(sqlx::AssertSqlSafe(::std::convert::AsRef::<str>::as_ref($sql)))$(.bind($arg))*.fetch_optional(c).await,
            $crate::db::Ex::Postgres(c) => sqlx::query_as::<_, $t>(sqlx::AssertSqlSafe(::std::convert::AsRef::<str>::as_ref($sql)))$(.bind($arg))*.fetch_optional(c).await,
        }
    };
}

/// One value of type `$t` from the first column of the only row.
#[macro_export]
macro_rules! fetch_scalar {
    ($c:expr, $t:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $crate::db::DbConn::ex($c) {
            $crate::db::Ex::Sqlite(c) => sqlx::query_scalar::<_, $t>(sqlx::AssertSqlSafe(::std::convert::AsRef::<str>::as_ref($sql)))$(.bind($arg))*.fetch_one(c).await,
            $crate::db::Ex::Postgres(c) => sqlx::query_scalar::<_, $t>(sqlx::AssertSqlSafe(::std::convert::AsRef::<str>::as_ref($sql)))$(.bind($arg))*.fetch_one(c).await,
        }
    };
}

/// Runs a statement; gives the number of rows it touched.
#[macro_export]
macro_rules! execute {
    ($c:expr, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $crate::db::DbConn::ex($c) {
            $crate::db::Ex::Sqlite(c) => sqlx::query(sqlx::AssertSqlSafe(::std::convert::AsRef::<str>::as_ref($sql)))$(.bind($arg))*.execute(c).await.map(|r| r.rows_affected()),
            $crate::db::Ex::Postgres(c) => sqlx::query(sqlx::AssertSqlSafe(::std::convert::AsRef::<str>::as_ref($sql)))$(.bind($arg))*.execute(c).await.map(|r| r.rows_affected()),
        }
    };
}

/// Whether a statement failed on a UNIQUE constraint — on either engine. A guard that lost a
/// race to another request ends here; callers turn it into a 409 or a form message in
/// Vietnamese, never a 500.
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

/// Whether a statement gave up waiting for the database rather than failing: SQLite still
/// locked by another writer after the busy timeout (`SQLITE_BUSY`, extended codes included),
/// PostgreSQL's lock timeout (`55P03`), or no pooled connection free in time. Such a request
/// wrote nothing and can simply be tried again.
pub fn is_busy(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut => true,
        sqlx::Error::Database(d) => {
            let code = d.code().unwrap_or_default();
            if d.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                // The primary result code is the low byte: 5 BUSY, 6 LOCKED.
                code.parse::<i64>().is_ok_and(|n| matches!(n & 0xff, 5 | 6))
            } else {
                code == "55P03"
            }
        }
        _ => false,
    }
}

/// Escapes `%`, `_` and `\` so user text is matched literally inside `LIKE … ESCAPE '\'`.
pub fn like_contains(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len() + 2);
    out.push('%');
    for ch in folded.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('%');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_pattern_escapes_wildcards() {
        assert_eq!(like_contains("duc thuan"), "%duc thuan%");
        assert_eq!(like_contains("50%_a\\"), "%50\\%\\_a\\\\%");
    }
}

#[cfg(test)]
mod busy_tests {
    use sqlx::Connection;

    #[test]
    fn a_pool_that_timed_out_is_busy_and_other_errors_are_not() {
        assert!(super::is_busy(&sqlx::Error::PoolTimedOut));
        assert!(!super::is_busy(&sqlx::Error::RowNotFound));
    }

    #[tokio::test]
    async fn a_writer_locked_out_by_another_is_busy() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("b.sqlite").display()
        );
        let mut holder = sqlx::SqliteConnection::connect(&url).await.unwrap();
        sqlx::query("CREATE TABLE t (x INTEGER)")
            .execute(&mut holder)
            .await
            .unwrap();
        sqlx::query("BEGIN IMMEDIATE")
            .execute(&mut holder)
            .await
            .unwrap();
        let mut other = sqlx::SqliteConnection::connect(&url).await.unwrap();
        sqlx::query("PRAGMA busy_timeout = 0")
            .execute(&mut other)
            .await
            .unwrap();
        let e = sqlx::query("INSERT INTO t VALUES (1)")
            .execute(&mut other)
            .await
            .unwrap_err();
        assert!(super::is_busy(&e), "{e}");
        let missing = sqlx::query("SELECT * FROM missing")
            .execute(&mut other)
            .await
            .unwrap_err();
        assert!(!super::is_busy(&missing));
    }
}
