//! The gateway's command line.

use std::fmt;

use super::Config;

/// The gateway's usage text.
pub const USAGE: &str = "\
usage: gateway --listen ADDR --access-key-id ID [--access-key-secret SECRET]
               [--sms-signature NAME]... [--template ID=PARAM[,PARAM]...]...
               [--rate-limit N] [--body-limit BYTES]

  --listen ADDR               the address to listen on, such as 127.0.0.1:8080
  --access-key-id ID          the access key id clients must send
  --access-key-secret SECRET  require HMAC-SHA256 signed requests (HMAC mode);
                              without it, the key id is enough (simple mode)
  --sms-signature NAME        an SMS signature messages may use (repeatable)
  --template ID=PARAMS        a template and the comma-separated parameters its
                              templateData must hold (repeatable; `ID=` for none)
  --rate-limit N              messages per recipient per minute (default 60)
  --body-limit BYTES          the largest request body (default 65536)
";

/// Why the command line was not a configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgsError {
    /// `--help` or `-h`: print [`USAGE`] and stop.
    Help,
    /// A mistake, described.
    Invalid(String),
}

impl fmt::Display for ArgsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArgsError::Help => f.write_str(USAGE),
            ArgsError::Invalid(mistake) => write!(f, "{mistake}\n\n{USAGE}"),
        }
    }
}

impl std::error::Error for ArgsError {}

fn invalid(mistake: impl Into<String>) -> ArgsError {
    ArgsError::Invalid(mistake.into())
}

/// Reads the arguments (without the program name); `--flag value` and `--flag=value` both work.
///
/// ```
/// use apicode_tests::gateway::parse_args;
///
/// let config = parse_args(
///     ["--listen", "127.0.0.1:0", "--access-key-id", "id", "--template=otp=code,ttl"]
///         .map(String::from),
/// )
/// .unwrap();
/// assert_eq!(config.templates["otp"], ["code", "ttl"]);
/// assert_eq!(config.rate_limit, 60);
/// ```
pub fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Config, ArgsError> {
    let mut args = args.into_iter();
    let mut listen = None;
    let mut access_key_id = None;
    let mut config = Config::new("", "");
    while let Some(arg) = args.next() {
        if arg == "--help" || arg == "-h" {
            return Err(ArgsError::Help);
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (arg, None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| invalid(format!("{flag} needs a value")))
        };
        match flag.as_str() {
            "--listen" => listen = Some(value()?),
            "--access-key-id" => access_key_id = Some(value()?),
            "--access-key-secret" => config.access_key_secret = Some(value()?),
            "--sms-signature" => {
                config.sms_signatures.insert(value()?);
            }
            "--template" => {
                let spec = value()?;
                let (id, params) = spec.split_once('=').unwrap_or((&spec, ""));
                if id.is_empty() {
                    return Err(invalid(format!(
                        "--template {spec}: the template id is empty"
                    )));
                }
                let params = params
                    .split(',')
                    .filter(|param| !param.is_empty())
                    .map(str::to_owned)
                    .collect();
                config.templates.insert(id.to_owned(), params);
            }
            "--rate-limit" => {
                let limit = value()?;
                config.rate_limit =
                    limit
                        .parse()
                        .ok()
                        .filter(|limit| *limit > 0)
                        .ok_or_else(|| {
                            invalid(format!("--rate-limit {limit}: expected a positive integer"))
                        })?;
            }
            "--body-limit" => {
                let limit = value()?;
                config.body_limit =
                    limit
                        .parse()
                        .ok()
                        .filter(|limit| *limit > 0)
                        .ok_or_else(|| {
                            invalid(format!("--body-limit {limit}: expected a positive integer"))
                        })?;
            }
            other => return Err(invalid(format!("unknown argument {other}"))),
        }
    }
    config.listen = listen.ok_or_else(|| invalid("--listen is required"))?;
    config.access_key_id = access_key_id
        .filter(|id| !id.is_empty())
        .ok_or_else(|| invalid("--access-key-id is required"))?;
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Config, ArgsError> {
        parse_args(args.iter().map(|arg| (*arg).to_owned()))
    }

    #[test]
    fn every_flag() {
        let config = parse(&[
            "--listen",
            "127.0.0.1:8080",
            "--access-key-id",
            "id",
            "--access-key-secret",
            "secret",
            "--sms-signature",
            "Acme",
            "--sms-signature=Globex",
            "--template",
            "pub_otp=code,ttl",
            "--template",
            "welcome=",
            "--rate-limit",
            "5",
            "--body-limit",
            "1024",
        ])
        .unwrap();
        let expected = Config::new("127.0.0.1:8080", "id")
            .secret("secret")
            .sms_signature("Acme")
            .sms_signature("Globex")
            .template("pub_otp", &["code", "ttl"])
            .template("welcome", &[])
            .rate_limit(5)
            .body_limit(1024);
        assert_eq!(config, expected);
    }

    #[test]
    fn mistakes_are_named() {
        let message = |args: &[&str]| match parse(args) {
            Err(ArgsError::Invalid(message)) => message,
            other => panic!("expected a mistake, got {other:?}"),
        };
        assert_eq!(message(&["--access-key-id", "id"]), "--listen is required");
        assert_eq!(message(&["--listen", "x"]), "--access-key-id is required");
        assert_eq!(message(&["--listen"]), "--listen needs a value");
        assert_eq!(message(&["--port", "1"]), "unknown argument --port");
        assert_eq!(
            message(&["--rate-limit", "0"]),
            "--rate-limit 0: expected a positive integer"
        );
        assert_eq!(parse(&["--help"]), Err(ArgsError::Help));
    }
}
