//! Typed settings: an optional TOML file, then `THIDUA_*` environment variables over it.

use std::fmt;
use std::path::PathBuf;

use serde::Deserialize;

/// A secret that never prints itself, in logs or in `Debug` output.
#[derive(Clone, Default, Deserialize)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Address to serve on, `127.0.0.1:8080` by default.
    pub bind: String,
    /// `sqlite://data/thidua.sqlite` by default; `postgres://…` for PostgreSQL.
    pub database_url: String,
    /// Where files (evidence, issued documents, backups) live.
    pub data_dir: PathBuf,
    /// Password for the first admin; a random one is generated and printed once when absent.
    pub admin_password: Option<Secret>,
    /// Minutes of inactivity after which a session ends.
    pub idle_timeout_minutes: i64,
    /// Mark the session cookie `Secure` (behind HTTPS in production).
    pub secure_cookies: bool,
    /// The address people open, e.g. `https://thidua.hatinh.gov.vn`; empty when unknown. When
    /// it is https, the session cookie is `Secure` whatever `secure_cookies` says.
    pub public_url: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            bind: "127.0.0.1:8080".into(),
            database_url: "sqlite://data/thidua.sqlite".into(),
            data_dir: PathBuf::from("data"),
            admin_password: None,
            idle_timeout_minutes: 30,
            secure_cookies: false,
            public_url: String::new(),
        }
    }
}

impl Settings {
    /// Whether the session cookie carries `Secure`: asked for, or the public URL is https.
    pub fn cookies_secure(&self) -> bool {
        self.secure_cookies
            || self
                .public_url
                .trim()
                .to_ascii_lowercase()
                .starts_with("https://")
    }

    /// Reads `THIDUA_CONFIG` (or `thidua.toml` when it exists), then the environment.
    pub fn load() -> anyhow::Result<Settings> {
        let vars: Vec<(String, String)> = std::env::vars().collect();
        let file = vars
            .iter()
            .find(|(k, _)| k == "THIDUA_CONFIG")
            .map(|(_, v)| PathBuf::from(v))
            .or_else(|| Some(PathBuf::from("thidua.toml")).filter(|p| p.exists()));
        let mut settings = match file {
            Some(path) => {
                let text = std::fs::read_to_string(&path).map_err(|e| {
                    anyhow::anyhow!("không đọc được tệp cấu hình {}: {e}", path.display())
                })?;
                toml::from_str(&text)
                    .map_err(|e| anyhow::anyhow!("tệp cấu hình {} sai: {e}", path.display()))?
            }
            None => Settings::default(),
        };
        settings.apply_env(&vars)?;
        Ok(settings)
    }

    /// Overrides from `THIDUA_*` pairs; taken as an argument so tests need not touch the
    /// process environment.
    pub fn apply_env(&mut self, vars: &[(String, String)]) -> anyhow::Result<()> {
        for (key, value) in vars {
            match key.as_str() {
                "THIDUA_BIND" => self.bind = value.clone(),
                "THIDUA_DATABASE_URL" => self.database_url = value.clone(),
                "THIDUA_DATA_DIR" => self.data_dir = PathBuf::from(value),
                "THIDUA_ADMIN_PASSWORD" if !value.is_empty() => {
                    self.admin_password = Some(Secret::new(value.clone()))
                }
                "THIDUA_IDLE_TIMEOUT_MINUTES" => {
                    self.idle_timeout_minutes = value.parse().map_err(|_| {
                        anyhow::anyhow!("THIDUA_IDLE_TIMEOUT_MINUTES phải là số phút")
                    })?
                }
                "THIDUA_SECURE_COOKIES" => self.secure_cookies = value == "1" || value == "true",
                "THIDUA_PUBLIC_URL" => self.public_url = value.trim().to_string(),
                _ => {}
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_overrides_defaults_and_hides_secrets() {
        let mut s = Settings::default();
        let vars = vec![
            ("THIDUA_BIND".to_string(), "0.0.0.0:9000".to_string()),
            ("THIDUA_ADMIN_PASSWORD".to_string(), "bí-mật".to_string()),
        ];
        s.apply_env(&vars).unwrap();
        assert_eq!(s.bind, "0.0.0.0:9000");
        assert_eq!(s.database_url, "sqlite://data/thidua.sqlite");
        assert!(!format!("{s:?}").contains("bí-mật"));
    }

    #[test]
    fn an_https_public_url_makes_cookies_secure() {
        let mut s = Settings::default();
        assert!(!s.cookies_secure());
        let vars = vec![(
            "THIDUA_PUBLIC_URL".to_string(),
            "https://thidua.example.vn".to_string(),
        )];
        s.apply_env(&vars).unwrap();
        assert!(s.cookies_secure());
        s.public_url = "http://10.0.0.5:8080".into();
        assert!(!s.cookies_secure());
        s.secure_cookies = true;
        assert!(s.cookies_secure());
    }

    #[test]
    fn bad_timeout_is_refused() {
        let mut s = Settings::default();
        let vars = vec![(
            "THIDUA_IDLE_TIMEOUT_MINUTES".to_string(),
            "ba mươi".to_string(),
        )];
        assert!(s.apply_env(&vars).is_err());
    }
}
