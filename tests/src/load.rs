//! What the load generators (`examples/load.rs`, `examples/grpc_load.rs`,
//! `examples/jsonrpc_load.rs`) share: reading their flags, and running them to an exit code
//! under a watchdog, so that a hung server never hangs the script that runs them.

use std::fmt::Display;
use std::future::Future;
use std::process::ExitCode;
use std::str::FromStr;
use std::time::Duration;

/// Hands each `--flag value` of `args` to `set`, and each of the value-less `switches` with
/// `None`; `Err` with an empty text for `--help` or `-h` (print the usage and succeed), else
/// the mistake.
pub fn read_flags(
    mut args: impl Iterator<Item = String>,
    switches: &[&str],
    mut set: impl FnMut(&str, Option<String>) -> Result<(), String>,
) -> Result<(), String> {
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            return Err(String::new());
        }
        if switches.contains(&flag.as_str()) {
            set(&flag, None)?;
            continue;
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        set(&flag, Some(value))?;
    }
    Ok(())
}

/// `text`, the value of `flag`, as a number (or an address: any `FromStr`).
pub fn number<T: FromStr>(flag: &str, text: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("{flag} {text}: not a valid value"))
}

/// The options `parsed`, or the exit code: the usage and success for `--help`, the mistake
/// and the usage on standard error and 2 for a mistake.
pub fn options_or_exit<O>(
    name: &str,
    usage: &str,
    parsed: Result<O, String>,
) -> Result<O, ExitCode> {
    match parsed {
        Ok(options) => Ok(options),
        Err(mistake) if mistake.is_empty() => {
            print!("{usage}");
            Err(ExitCode::SUCCESS)
        }
        Err(mistake) => {
            eprint!("{name}: {mistake}\n\n{usage}");
            Err(ExitCode::from(2))
        }
    }
}

/// Ends the process with `code` if it still runs `after` from now: past its deadline a load
/// generator starts nothing, so a run that has not ended is stuck.
pub fn watchdog(name: &'static str, after: Duration, code: i32) {
    std::thread::spawn(move || {
        std::thread::sleep(after);
        eprintln!(
            "{name}: still running {}s after the start, giving up",
            after.as_secs()
        );
        std::process::exit(code);
    });
}

/// A multi-threaded tokio runtime, or the exit code after saying why there is none.
pub fn runtime(name: &str) -> Result<tokio::runtime::Runtime, ExitCode> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|error| {
            eprintln!("{name}: {error}");
            ExitCode::FAILURE
        })
}

/// Runs `run` to its end on a new runtime: success when every check passed, failure when one
/// did not or the run failed (said on standard error).
pub fn run_checked<E: Display>(name: &str, run: impl Future<Output = Result<bool, E>>) -> ExitCode {
    let runtime = match runtime(name) {
        Ok(runtime) => runtime,
        Err(code) => return code,
    };
    match runtime.block_on(run) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("{name}: {error}");
            ExitCode::FAILURE
        }
    }
}
