//! Flag groups shared by several commands.

pub mod create;
