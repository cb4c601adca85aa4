//! Whole-file tests of the front end: every instruction and form, errors with their lines,
//! expansion of parsed instructions, and robustness against arbitrary input.

mod errors;
mod expansion;
mod forms;
mod robustness;
