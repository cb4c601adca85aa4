//! Values that hold several words (`Environment=A=1 "B=two words"`, `Exec=`), split as systemd
//! splits them, and booleans as systemd spells them.

/// The words of a value, with systemd's (shell-like) quoting.
pub fn split(value: &str) -> Result<Vec<String>, &'static str> {
    shlex::split(value).ok_or("unbalanced quotes")
}

pub fn boolean(value: &str) -> Result<bool, &'static str> {
    match value.to_ascii_lowercase().as_str() {
        "1" | "yes" | "y" | "true" | "t" | "on" => Ok(true),
        "0" | "no" | "n" | "false" | "f" | "off" => Ok(false),
        _ => Err("expected a boolean (true or false)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_booleans() {
        assert_eq!(
            split(r#"A=1 "B=two words" C='x y'"#).unwrap(),
            ["A=1", "B=two words", "C=x y"]
        );
        assert!(split("\"open").is_err());
        assert_eq!(boolean("Yes"), Ok(true));
        assert_eq!(boolean("off"), Ok(false));
        assert!(boolean("maybe").is_err());
    }
}
