//! Node.js clients that the end-to-end tests drive (the official MCP SDK, jayson), installed
//! from the committed `js/package.json` and `js/package-lock.json` with `npm ci` into a folder
//! under Cargo's target directory, and reused while the lockfile is the one they were
//! installed from. `APICODE_NODE` and `APICODE_NPM` name other executables than `node` and
//! `npm`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::python::run;

/// The name of the file that records the lockfile a folder was installed from.
const STAMP: &str = "installed-package-lock.json";

/// The `node` executable: `APICODE_NODE`, else `node`.
pub fn node() -> OsString {
    std::env::var_os("APICODE_NODE").unwrap_or_else(|| "node".into())
}

fn npm() -> OsString {
    std::env::var_os("APICODE_NPM").unwrap_or_else(|| "npm".into())
}

/// A folder `name` under `tmp` (a test's `CARGO_TARGET_TMPDIR`) holding the packages of the
/// lockfile in `source` (the repository's `tests/js`), installed by `npm ci` unless a previous
/// run installed that same lockfile there, and a fresh copy of every `.mjs` script of
/// `source`: run them with `node FOLDER/script.mjs`.
///
/// # Panics
///
/// If a file cannot be copied, or `npm ci` fails.
pub fn install(tmp: &Path, name: &str, source: &Path) -> PathBuf {
    let folder = tmp.join(name);
    let lock = std::fs::read(source.join("package-lock.json")).expect("tests/js has a lockfile");
    let installed = std::fs::read(folder.join(STAMP)).ok();
    if installed.as_deref() != Some(lock.as_slice()) || !folder.join("node_modules").is_dir() {
        // A half-made folder from an interrupted run, or another lockfile's, is made again.
        if folder.exists() {
            std::fs::remove_dir_all(&folder).expect("the old folder can be removed");
        }
        std::fs::create_dir_all(&folder).expect("a folder for the packages");
        for file in ["package.json", "package-lock.json"] {
            std::fs::copy(source.join(file), folder.join(file))
                .unwrap_or_else(|error| panic!("cannot copy {file}: {error}"));
        }
        // No install scripts: none of the pinned packages needs one.
        run(Command::new(npm())
            .args([
                "ci",
                "--no-audit",
                "--no-fund",
                "--ignore-scripts",
                "--loglevel=error",
            ])
            .current_dir(&folder));
        std::fs::write(folder.join(STAMP), &lock).expect("the stamp can be written");
    }
    for entry in std::fs::read_dir(source).expect("tests/js can be read") {
        let path = entry.expect("an entry of tests/js").path();
        if path.extension().is_some_and(|extension| extension == "mjs") {
            let file = path.file_name().expect("a file name");
            std::fs::copy(&path, folder.join(file))
                .unwrap_or_else(|error| panic!("cannot copy {}: {error}", path.display()));
        }
    }
    folder
}
