//! Python clients for the end-to-end tests: a virtual environment under Cargo's target
//! directory with pinned packages from `PyPI`, made on first use with `python3 -m venv` and
//! `pip install` (set `APICODE_PYTHON` to use another interpreter), and reused while its
//! packages import at the pinned versions.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The interpreter of the virtual environment at `venv`.
pub fn venv_python(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

/// Runs `command` and returns its standard output.
///
/// # Panics
///
/// If the command cannot run, fails, or writes output that is not UTF-8: with its output,
/// which is what a test wants.
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

/// Whether `python` has every `name==version` of `packages` installed.
fn has_packages(python: &Path, packages: &[&str]) -> bool {
    let wanted: Vec<String> = packages
        .iter()
        .map(|package| {
            let (name, version) = package.split_once("==").unwrap_or((package, ""));
            format!("({name:?}, {version:?})")
        })
        .collect();
    let script = format!(
        "import importlib.metadata as m, sys\n\
         sys.exit(any(m.version(n) != v for n, v in [{}]))",
        wanted.join(", ")
    );
    Command::new(python)
        .args(["-c", &script])
        .output()
        .is_ok_and(|output| output.status.success())
}

/// A Python with `packages` (each `name==version`): the virtual environment `name` under
/// `target_tmp` (a test's `CARGO_TARGET_TMPDIR`) that a previous run set up, or a new one.
///
/// # Panics
///
/// If the environment cannot be made or its packages cannot be installed: a test that needs
/// them cannot go on.
pub fn python_with(target_tmp: &Path, name: &str, packages: &[&str]) -> PathBuf {
    let venv = target_tmp.join(name);
    let python = venv_python(&venv);
    if has_packages(&python, packages) {
        return python;
    }
    // A half-made environment from an interrupted run is made again.
    if venv.exists() {
        std::fs::remove_dir_all(&venv).expect("the old virtual environment can be removed");
    }
    let base = std::env::var_os("APICODE_PYTHON").unwrap_or_else(|| "python3".into());
    run(Command::new(base).arg("-m").arg("venv").arg(&venv));
    run(Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-input",
        ])
        .args(packages));
    assert!(
        has_packages(&python, packages),
        "{packages:?} did not install into {}",
        venv.display()
    );
    python
}
