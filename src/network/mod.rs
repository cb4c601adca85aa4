//! Container networking (layer 1): published ports, the container's
//! /etc/{hosts,resolv.conf,hostname}, and `lo`.
#![allow(unsafe_code)]

pub mod etc_files;
pub mod loopback;
pub mod ports;

pub use ports::{PortError, PortMapping, PortSpec, Protocol};

/// Every error of this module, for the error aggregator.
#[derive(Debug, thiserror::Error)]
pub enum NetworkError {
    #[error(transparent)]
    Port(#[from] PortError),
    #[error(transparent)]
    EtcFiles(#[from] etc_files::EtcError),
    #[error(transparent)]
    Loopback(#[from] loopback::LoopbackError),
}

impl NetworkError {
    pub fn hint(&self) -> Option<String> {
        match self {
            NetworkError::Port(e) => e.hint(),
            NetworkError::EtcFiles(_) | NetworkError::Loopback(_) => None,
        }
    }
}
