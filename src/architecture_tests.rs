//! The dependency rules of ARCHITECTURE.md, checked on the source: handlers import the state,
//! never the module that assembles the router; domain `mod.rs` files stay pure; SQL stays in
//! `store.rs` files.

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            sources(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// Every source file's name under `src/` and its code before any test module. A file that
/// cannot be read fails the test that asked, by panicking with its name.
fn all() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    if let Err(e) = sources(&root, &mut files) {
        panic!("cannot list {}: {e}", root.display());
    }
    files
        .into_iter()
        .map(|p| {
            let name = p.strip_prefix(&root).unwrap_or(&p).display().to_string();
            // Tests beside the code may do what the code may not.
            let text =
                std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {name}: {e}"));
            let code = text.split("#[cfg(test)]").next().unwrap_or("").to_string();
            (name, code)
        })
        .collect()
}

#[test]
fn only_the_command_line_imports_the_router_assembly() {
    let offenders: Vec<String> = all()
        .into_iter()
        .filter(|(name, code)| {
            !["app.rs", "cli.rs", "main.rs"].contains(&name.as_str()) && code.contains("crate::app")
        })
        .map(|(name, _)| name)
        .collect();
    assert!(
        offenders.is_empty(),
        "import crate::state instead: {offenders:?}"
    );
}

#[test]
fn domain_rules_read_no_database() {
    let offenders: Vec<String> = all()
        .into_iter()
        .filter(|(name, code)| {
            name.ends_with("/mod.rs")
                && !name.starts_with("web/")
                && (code.contains("DbConn") || code.contains(".await"))
        })
        .map(|(name, _)| name)
        .collect();
    assert!(
        offenders.is_empty(),
        "database reads in pure modules: {offenders:?}"
    );
}

#[test]
fn sql_lives_in_store_files() {
    let offenders: Vec<String> = all()
        .into_iter()
        .filter(|(name, code)| {
            !name.ends_with("store.rs")
                && name != "db.rs"
                && [
                    "fetch_all!(",
                    "fetch_optional!(",
                    "fetch_scalar!(",
                    "execute!(",
                ]
                .iter()
                .any(|m| code.contains(m))
        })
        .map(|(name, _)| name)
        .collect();
    assert!(offenders.is_empty(), "SQL outside store.rs: {offenders:?}");
}

/// Every action the code records in the audit log reads in Vietnamese on the log page
/// (`audit::describe::verb`): each `record(…)` call's action literal, and `figures.{action}`
/// for each sheet step.
#[test]
fn every_recorded_action_has_vietnamese_words() {
    let mut missing = Vec::new();
    for (name, code) in all() {
        for (at, _) in code.match_indices("audit::store::record(") {
            // The action is the fourth argument: the first string literal after the call.
            // 400 characters, not bytes: Vietnamese text near the call must not split a letter.
            let rest: String = code[at..].chars().take(400).collect();
            let Some(start) = rest.find('"') else {
                continue;
            };
            let action: String = rest[start + 1..]
                .chars()
                .take_while(|c| *c != '"')
                .collect();
            if action.contains('{') {
                continue;
            }
            if crate::audit::describe::verb(&action).is_none() {
                missing.push(format!("{name}: {action}"));
            }
        }
    }
    for step in ["submit", "approve", "return", "reopen"] {
        let action = format!("figures.{step}");
        if crate::audit::describe::verb(&action).is_none() {
            missing.push(action);
        }
    }
    assert!(missing.is_empty(), "actions without words: {missing:?}");
}
