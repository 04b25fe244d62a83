//! Compile-fail tests: every mistake the derive rejects, with the message and the span a user
//! sees, kept as `.stderr` snapshots in `ui/<category>/<mistake>.rs` (paths are relative to
//! this crate's root, where cargo runs its tests).

use std::path::Path;

#[test]
fn ui() {
    // trybuild passes when a glob matches nothing; a moved directory must fail instead.
    let categories = std::fs::read_dir(Path::new("ui")).expect("the ui/ directory of cases");
    let cases = categories
        .flatten()
        .filter_map(|category| std::fs::read_dir(category.path()).ok())
        .flatten()
        .flatten()
        .filter(|case| case.path().extension().is_some_and(|ext| ext == "rs"))
        .count();
    assert!(cases > 0, "no compile-fail case found in ui/<category>/");

    trybuild::TestCases::new().compile_fail("ui/*/*.rs");
}
