//! Flag groups shared by several commands.

pub mod create;
pub mod etc_files;
pub mod health;
pub mod labels;
pub mod more;
pub mod resources;
pub mod select;
