//! Feeds arbitrary text to image reference parsing: every input is parsed or refused, never a
//! panic; and a reference that parses prints as a name that parses back to itself, since
//! image records store that printed form and later commands look it up again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rpod::config::RegistriesConfig;
use rpod::image::reference::{Parsed, Reference};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(parsed) = Parsed::parse(text) {
        for candidate in parsed.candidates(&RegistriesConfig::default()) {
            let _ = candidate.tagged_name();
        }
    }
    for parse in [Reference::parse_docker, Reference::parse_local] {
        if let Ok(reference) = parse(text) {
            let printed = reference.to_string();
            let again = Reference::parse_docker(&printed)
                .unwrap_or_else(|e| panic!("{text:?} printed as {printed:?}, which fails: {e}"));
            assert_eq!(again, reference, "{text:?} printed as {printed:?}");
        }
    }
});
