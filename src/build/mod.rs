//! `rpod build`: turning a Dockerfile and a context into an image.
//!
//! `dockerfile` is the pure front end (text in, typed stages out, no I/O), so the builder that
//! reads the context and runs steps can be tested apart from it and the parser can be fuzzed.

pub mod dockerfile;
