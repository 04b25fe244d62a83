//! Features are additive: turning an integration on in one crate of a build never breaks a
//! table in another. The workspace `fixtures/additivity` holds a table crate that writes its
//! own axum answer (`skip(axum)`) and a service crate whose feature turns `apicode/axum` on for
//! the whole build; a table that asks for an integration by name (`integrations(tonic)`) builds
//! only where its crate turns the feature on itself. Each build runs cargo on that workspace,
//! with a target directory of its own under this one, reused by the next run.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/additivity/Cargo.toml")
}

fn build(args: &[&str]) -> Output {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("additivity");
    Command::new(env!("CARGO"))
        .arg("build")
        .arg("--locked")
        .arg("--manifest-path")
        .arg(fixture())
        .args(args)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs")
}

fn assert_builds(args: &[&str]) {
    let output = build(args);
    assert!(
        output.status.success(),
        "cargo build {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_table_with_its_own_axum_answer_builds_with_and_without_the_feature() {
    assert_builds(&["-p", "additivity-service"]);
    assert_builds(&[
        "-p",
        "additivity-service",
        "--features",
        "additivity-service/axum",
    ]);
}

#[test]
fn an_integration_asked_for_by_name_needs_its_feature_in_the_crate_that_asks() {
    assert_builds(&[
        "-p",
        "additivity-table",
        "--features",
        "additivity-table/grpc",
    ]);
    let output = build(&["-p", "additivity-asks"]);
    assert!(
        !output.status.success(),
        "a table asked for tonic without the feature"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("`integrations(tonic)` needs apicode's `tonic` feature"),
        "{stderr}"
    );
}
