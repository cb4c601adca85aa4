//! Feeds arbitrary text to the Dockerfile front end: parsing, then expanding every stage base
//! and instruction, must return errors, never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rpod::builder::dockerfile::{expand, parse};

fn vars(name: &str) -> Option<String> {
    (name.len() % 2 == 1).then(|| format!("{name} \"${name}\" '"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = expand(text, &vars, '\\');
    let Ok(file) = parse(text) else {
        return;
    };
    let escape = file.directives.escape;
    for stage in &file.stages {
        let _ = stage.expand_base(&vars, escape);
        for instruction in &stage.instructions {
            let _ = instruction.expand(&vars, escape);
        }
    }
});
