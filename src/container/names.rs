//! Random container names, `adjective_noun`, as docker gives them.

const ADJECTIVES: [&str; 32] = [
    "agile", "bold", "brave", "bright", "calm", "clever", "cool", "crisp", "eager", "fast",
    "fierce", "gentle", "happy", "keen", "kind", "lively", "lucid", "merry", "nimble", "noble",
    "proud", "quick", "quiet", "rapid", "serene", "sharp", "steady", "swift", "tidy", "vivid",
    "witty", "zealous",
];

const NOUNS: [&str; 32] = [
    "albatross",
    "badger",
    "beacon",
    "comet",
    "cormorant",
    "delta",
    "falcon",
    "fjord",
    "gazelle",
    "glacier",
    "heron",
    "ibex",
    "kestrel",
    "lagoon",
    "lynx",
    "meadow",
    "nebula",
    "otter",
    "pelican",
    "quasar",
    "raven",
    "sequoia",
    "sparrow",
    "summit",
    "tern",
    "tundra",
    "valley",
    "walrus",
    "willow",
    "yak",
    "zephyr",
    "orca",
];

/// A name not in `taken`.
pub fn generate(taken: &dyn Fn(&str) -> bool) -> String {
    loop {
        let mut r = [0u8; 3];
        getrandom::fill(&mut r).expect("the kernel's random source is unavailable");
        let base = format!(
            "{}_{}",
            ADJECTIVES[r[0] as usize % 32],
            NOUNS[r[1] as usize % 32]
        );
        if !taken(&base) {
            return base;
        }
        let numbered = format!("{base}{}", r[2] % 100);
        if !taken(&numbered) {
            return numbered;
        }
    }
}
