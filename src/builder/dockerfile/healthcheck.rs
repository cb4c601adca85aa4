//! HEALTHCHECK: `NONE`, or `[--interval=D] [--timeout=D] [--start-period=D]
//! [--start-interval=D] [--retries=N] CMD command`, durations in Go's syntax (`30s`, `1m30s`).

use std::time::Duration;

use super::ast::Healthcheck;
use super::error::ParseErrorKind;
use super::flags::{Flags, Kind};
use super::instructions::{Request, command_form};

const FLAGS: &[(&str, Kind)] = &[
    ("interval", Kind::Text),
    ("timeout", Kind::Text),
    ("start-period", Kind::Text),
    ("start-interval", Kind::Text),
    ("retries", Kind::Text),
];

pub(crate) fn healthcheck(req: &Request<'_>) -> Result<Healthcheck, ParseErrorKind> {
    let rest = req.rest;
    if rest.is_empty() {
        return Err(ParseErrorKind::AtLeastOneArgument("HEALTHCHECK"));
    }
    let (kind, command) = match rest.find(char::is_whitespace) {
        Some(at) => (&rest[..at], rest[at..].trim_start()),
        None => (rest, ""),
    };
    let kind = kind.to_uppercase();
    if kind == "NONE" {
        if !command.is_empty() || !req.flags.is_empty() {
            return Err(ParseErrorKind::HealthcheckNoneArguments);
        }
        return Ok(Healthcheck::Disable);
    }
    let flags = Flags::parse("HEALTHCHECK", &req.flags, FLAGS)?;
    if kind != "CMD" {
        return Err(ParseErrorKind::HealthcheckType(kind));
    }
    let command = match command_form("HEALTHCHECK", command) {
        Ok(super::CommandForm::Exec(args)) if args.is_empty() => None,
        Ok(command) => Some(command),
        Err(ParseErrorKind::AtLeastOneArgument(_)) => None,
        Err(other) => return Err(other),
    };
    let retries = flags
        .text("retries")
        .map(|value| {
            value
                .parse::<i32>()
                .ok()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or(ParseErrorKind::Retries(value))
        })
        .transpose()?;
    Ok(Healthcheck::Check {
        command: command.ok_or(ParseErrorKind::HealthcheckMissingCommand)?,
        interval: interval(&flags, "interval")?,
        timeout: interval(&flags, "timeout")?,
        start_period: interval(&flags, "start-period")?,
        start_interval: interval(&flags, "start-interval")?,
        retries,
    })
}

/// A duration flag: absent or zero is `None` (docker's "use the default"); anything else
/// must be at least a millisecond.
fn interval(flags: &Flags, flag: &'static str) -> Result<Option<Duration>, ParseErrorKind> {
    let Some(value) = flags.text(flag) else {
        return Ok(None);
    };
    match go_duration_nanos(&value) {
        None => Err(ParseErrorKind::Duration { flag, value }),
        Some(0) => Ok(None),
        Some(nanos) if nanos < 1_000_000 => Err(ParseErrorKind::DurationTooShort { flag, value }),
        Some(nanos) => Ok(Some(Duration::from_nanos(nanos as u64))),
    }
}

/// Go's `time.ParseDuration`: an optional sign, then numbers (with optional fraction) each
/// followed by a unit `ns`, `us` (`µs`), `ms`, `s`, `m` or `h`; `0` alone needs no unit.
/// Nanoseconds, or None when malformed or beyond Go's ~292 years.
fn go_duration_nanos(text: &str) -> Option<i128> {
    let (negative, mut rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if rest == "0" {
        return Some(0);
    }
    if rest.is_empty() {
        return None;
    }
    let digits_end = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let mut total: i128 = 0;
    while !rest.is_empty() {
        let (whole, after) = rest.split_at(digits_end(rest));
        let (fraction, after) = match after.strip_prefix('.') {
            Some(after) => after.split_at(digits_end(after)),
            None => ("", after),
        };
        if whole.is_empty() && fraction.is_empty() {
            return None;
        }
        let unit_end = after
            .find(|c: char| c == '.' || c.is_ascii_digit())
            .unwrap_or(after.len());
        let (unit, after) = after.split_at(unit_end);
        let scale: i128 = match unit {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => return None,
        };
        let whole: i128 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        // Digits past nanosecond precision of an hour change nothing.
        let fraction = &fraction[..fraction.len().min(18)];
        let fraction_value: i128 = if fraction.is_empty() {
            0
        } else {
            fraction.parse().ok()?
        };
        let fraction_nanos = fraction_value * scale / 10i128.pow(fraction.len() as u32);
        total = total
            .checked_add(whole.checked_mul(scale)?)?
            .checked_add(fraction_nanos)?;
        if total > i128::from(i64::MAX) {
            return None;
        }
        rest = after;
    }
    Some(if negative { -total } else { total })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_durations() {
        assert_eq!(go_duration_nanos("0"), Some(0));
        assert_eq!(go_duration_nanos("30s"), Some(30_000_000_000));
        assert_eq!(go_duration_nanos("1m30s"), Some(90_000_000_000));
        assert_eq!(go_duration_nanos("1.5h"), Some(5_400_000_000_000));
        assert_eq!(go_duration_nanos(".5s"), Some(500_000_000));
        assert_eq!(go_duration_nanos("1.s"), Some(1_000_000_000));
        assert_eq!(go_duration_nanos("300ms"), Some(300_000_000));
        assert_eq!(go_duration_nanos("2\u{b5}s"), Some(2_000));
        assert_eq!(go_duration_nanos("-1s"), Some(-1_000_000_000));
        assert_eq!(go_duration_nanos("1"), None);
        assert_eq!(go_duration_nanos("s"), None);
        assert_eq!(go_duration_nanos("."), None);
        assert_eq!(go_duration_nanos("1d"), None);
        assert_eq!(go_duration_nanos(""), None);
        assert_eq!(go_duration_nanos("3000000h"), None);
        assert_eq!(
            go_duration_nanos("99999999999999999999999999999999999999999h"),
            None
        );
    }
}
