//! Python tools that the end-to-end tests drive (the official Unimatrix SDK, an OpenAPI
//! validator, the gRPC stack), each in its own virtual environment under Cargo's target
//! directory, made on first use with `python3 -m venv` and `pip install` (set `APICODE_PYTHON`
//! to use another interpreter), and reused while its packages import at their pinned versions.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A package pinned to one version, and a module that must import.
#[derive(Debug, Clone, Copy)]
pub struct Package {
    /// The distribution's name on `PyPI`, such as `uni-sdk`.
    pub name: &'static str,
    /// The pinned version, such as `0.3.0`.
    pub version: &'static str,
    /// A module the package provides, such as `uni.client`.
    pub module: &'static str,
}

fn venv_python(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

/// Runs `command`, panicking with its output if it fails; returns its standard output.
///
/// # Panics
///
/// If the command cannot start or exits with a failure.
pub fn run(command: &mut Command) -> String {
    let output = command
        .output()
        .unwrap_or_else(|error| panic!("cannot run {command:?}: {error}"));
    assert!(
        output.status.success(),
        "{command:?} failed ({}):\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("the output is UTF-8")
}

/// Whether `python` imports every one of `packages` at its pinned version.
fn has(python: &Path, packages: &[Package]) -> bool {
    let check = packages.iter().fold(
        String::from("import importlib.metadata as m, sys\n"),
        |check, package| {
            format!(
                "{check}import {module}\nif m.version('{name}') != '{version}': sys.exit(1)\n",
                module = package.module,
                name = package.name,
                version = package.version,
            )
        },
    );
    Command::new(python)
        .args(["-c", &check])
        .output()
        .is_ok_and(|output| output.status.success())
}

/// A Python with `packages`, in the virtual environment `name` under `tmp` (a test's
/// `CARGO_TARGET_TMPDIR`): the one a previous run set up, or a new one.
///
/// # Panics
///
/// If the environment cannot be made or a package does not install.
pub fn python_with(tmp: &Path, name: &str, packages: &[Package]) -> PathBuf {
    let venv = tmp.join(name);
    let python = venv_python(&venv);
    if has(&python, packages) {
        return python;
    }
    // A half-made environment from an interrupted run is made again.
    if venv.exists() {
        std::fs::remove_dir_all(&venv).expect("the old virtual environment can be removed");
    }
    let base = std::env::var_os("APICODE_PYTHON").unwrap_or_else(|| "python3".into());
    run(Command::new(base).arg("-m").arg("venv").arg(&venv));
    let pins: Vec<String> = packages
        .iter()
        .map(|package| format!("{}=={}", package.name, package.version))
        .collect();
    run(Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-input",
        ])
        .args(&pins));
    assert!(
        has(&python, packages),
        "{pins:?} did not install into {}",
        venv.display()
    );
    python
}
