//! `--label KEY=VALUE` (or `KEY`, an empty value), as build, volume create and secret create
//! take it.

use crate::error::Error;

/// Every `--label`, in order, into the collection the command keeps them in.
pub fn parse<C: FromIterator<(String, String)>>(flags: &[String]) -> Result<C, Error> {
    flags
        .iter()
        .map(|l| match l.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
            None if !l.is_empty() => Ok((l.clone(), String::new())),
            _ => Err(Error::Usage(format!(
                "invalid label {l:?}: expected KEY=VALUE"
            ))),
        })
        .collect()
}
