//! Sizes and durations as docker prints them (its go-units rules), and the times `--since`
//! and `--until` accept.

use std::time::Duration;

use super::FormatError;

const UNITS: [&str; 9] = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];

/// `4.26MB`: decimal units, three significant digits, as `docker images` shows sizes.
pub fn human_size(bytes: u64) -> String {
    let mut size = bytes as f64;
    let mut unit = 0;
    while size >= 1000.0 && unit + 1 < UNITS.len() {
        size /= 1000.0;
        unit += 1;
    }
    format!("{}{}", significant(size, 3), UNITS[unit])
}

const BINARY_UNITS: [&str; 9] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];

/// `1.5MiB`: binary units, as `docker stats` shows memory (go-units' BytesSize).
pub fn binary_size(bytes: u64) -> String {
    let mut size = bytes as f64;
    let mut unit = 0;
    while size >= 1024.0 && unit + 1 < BINARY_UNITS.len() {
        size /= 1024.0;
        unit += 1;
    }
    format!("{}{}", significant(size, 4), BINARY_UNITS[unit])
}

/// Go's `%.3g`: at most `digits` significant digits, no trailing zeros.
fn significant(v: f64, digits: i32) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let exp = v.abs().log10().floor() as i32;
    let rounded = {
        let scale = 10f64.powi(digits - 1 - exp);
        (v * scale).round() / scale
    };
    // Rounding may carry into a new digit (999.7 → 1000): Go then switches to exponent form.
    let exp = rounded.abs().log10().floor() as i32;
    if exp >= digits {
        let mantissa = rounded / 10f64.powi(exp);
        let m = format!("{mantissa:.*}", (digits - 1).max(0) as usize);
        let m = m.trim_end_matches('0').trim_end_matches('.');
        return format!("{m}e+{exp:02}");
    }
    let decimals = (digits - 1 - exp).max(0) as usize;
    let s = format!("{rounded:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// `2 hours ago` for an RFC 3339 time; `N/A` for none or one that does not parse.
pub fn ago(time: Option<&str>) -> String {
    time.and_then(|t| t.parse::<jiff::Timestamp>().ok())
        .map_or("N/A".to_string(), |t| {
            let age = jiff::Timestamp::now().duration_since(t).unsigned_abs();
            format!("{} ago", human_duration(age))
        })
}

/// `2 hours`, `About a minute`, … as docker's STATUS and CREATED columns say.
pub fn human_duration(d: Duration) -> String {
    let seconds = d.as_secs();
    let minutes = seconds / 60;
    let hours = (d.as_secs_f64() / 3600.0 + 0.5) as u64;
    if seconds < 1 {
        "Less than a second".into()
    } else if seconds == 1 {
        "1 second".into()
    } else if seconds < 60 {
        format!("{seconds} seconds")
    } else if minutes == 1 {
        "About a minute".into()
    } else if minutes < 60 {
        format!("{minutes} minutes")
    } else if hours == 1 {
        "About an hour".into()
    } else if hours < 48 {
        format!("{hours} hours")
    } else if hours < 24 * 7 * 2 {
        format!("{} days", hours / 24)
    } else if hours < 24 * 30 * 2 {
        format!("{} weeks", hours / 24 / 7)
    } else if hours < 24 * 365 * 2 {
        format!("{} months", hours / 24 / 30)
    } else {
        format!("{} years", seconds / 3600 / 24 / 365)
    }
}

/// A Go duration: `1h30m`, `90s`, `2h45m10.5s`, `500ms`.
pub fn parse_go_duration(s: &str) -> Option<Duration> {
    let mut total = 0f64;
    let mut rest = s;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let num_end = rest.find(|c: char| !c.is_ascii_digit() && c != '.')?;
        if num_end == 0 {
            return None;
        }
        let value: f64 = rest[..num_end].parse().ok()?;
        rest = &rest[num_end..];
        let unit_end = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let factor = match &rest[..unit_end] {
            "ns" => 1e-9,
            "us" | "µs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return None,
        };
        total += value * factor;
        rest = &rest[unit_end..];
    }
    Some(Duration::from_secs_f64(total))
}

/// What `--since`/`--until` accept: RFC 3339, a date or date-time (UTC), unix seconds, or a
/// Go duration meaning that long before `now`.
pub fn parse_time(s: &str, now: jiff::Timestamp) -> Result<jiff::Timestamp, FormatError> {
    let bad = || FormatError::Time(s.to_string());
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Ok(t);
    }
    if let Ok(dt) = s.parse::<jiff::civil::DateTime>() {
        return dt
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map(|z| z.timestamp())
            .map_err(|_| bad());
    }
    if let Ok(d) = s.parse::<jiff::civil::Date>() {
        return d
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map(|z| z.timestamp())
            .map_err(|_| bad());
    }
    if let Some((secs, frac)) = s.split_once('.').or(Some((s, "")))
        && !secs.is_empty()
        && secs.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
    {
        let secs: i64 = secs.parse().map_err(|_| bad())?;
        let nanos: i32 = format!("{frac:0<9}")[..9].parse().map_err(|_| bad())?;
        return jiff::Timestamp::new(secs, nanos).map_err(|_| bad());
    }
    let d = parse_go_duration(s).ok_or_else(bad)?;
    let span = jiff::SignedDuration::try_from(d).map_err(|_| bad())?;
    now.checked_sub(span).map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_like_docker() {
        assert_eq!(human_size(0), "0B");
        assert_eq!(human_size(100), "100B");
        assert_eq!(human_size(1234), "1.23kB");
        assert_eq!(human_size(4_261_000), "4.26MB");
        assert_eq!(human_size(1_996_800), "2MB");
        assert_eq!(human_size(999_999), "1e+03kB");
        assert_eq!(human_size(5_000_000_000), "5GB");
    }

    #[test]
    fn durations_like_docker() {
        let s = Duration::from_secs;
        assert_eq!(
            human_duration(Duration::from_millis(300)),
            "Less than a second"
        );
        assert_eq!(human_duration(s(1)), "1 second");
        assert_eq!(human_duration(s(45)), "45 seconds");
        assert_eq!(human_duration(s(90)), "About a minute");
        assert_eq!(human_duration(s(600)), "10 minutes");
        assert_eq!(human_duration(s(3600)), "About an hour");
        assert_eq!(human_duration(s(5 * 3600)), "5 hours");
        assert_eq!(human_duration(s(3 * 86400)), "3 days");
        assert_eq!(human_duration(s(20 * 86400)), "2 weeks");
        assert_eq!(human_duration(s(90 * 86400)), "3 months");
        assert_eq!(human_duration(s(800 * 86400)), "2 years");
    }

    #[test]
    fn times_in_every_form() {
        let now: jiff::Timestamp = "2026-01-02T03:04:05Z".parse().unwrap();
        let p = |s| parse_time(s, now).unwrap().to_string();
        assert_eq!(p("2025-12-31T00:00:00Z"), "2025-12-31T00:00:00Z");
        assert_eq!(p("2025-12-31T01:00:00.5+01:00"), "2025-12-31T00:00:00.5Z");
        assert_eq!(p("2025-12-31"), "2025-12-31T00:00:00Z");
        assert_eq!(p("2025-12-31T10:00:00"), "2025-12-31T10:00:00Z");
        assert_eq!(p("1700000000"), "2023-11-14T22:13:20Z");
        assert_eq!(p("1h30m"), "2026-01-02T01:34:05Z");
        assert_eq!(p("90s"), "2026-01-02T03:02:35Z");
        assert!(parse_time("yesterday", now).is_err());
        assert!(parse_time("10x", now).is_err());
    }
}
