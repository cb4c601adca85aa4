//! Flag groups shared by several commands.

pub mod create;
pub mod resources;
pub mod select;
