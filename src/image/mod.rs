//! Images: references, registries, the content-addressed store, and moving images between
//! them (pull, push, save, load, import).

pub mod archive;
pub mod artifact;
pub mod artifact_remote;
pub mod auth;
pub mod blob_stream;
pub mod changes;
pub mod check;
pub mod commit;
pub mod download;
pub mod fs_tar;
pub mod id_file;
pub mod import;
pub mod inspect;
pub mod layer_owners;
pub mod layer_tar;
pub mod layers;
pub mod list_remote;
pub mod lists;
pub mod manifest;
pub mod progress;
pub mod pull;
pub mod push;
pub mod reference;
pub mod registry;
pub mod remove;
pub mod search;
pub mod shared;
pub mod squash;
pub mod squash_file;
pub mod store;
pub mod tag;
pub mod tar_reader;
pub mod tarsplit;
pub mod token;
pub mod unpack;
