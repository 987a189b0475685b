//! zhprint: Chinese reports published as web pages, turned into clean print editions.
//!
//! The pipeline runs one way, like pandoc's reader → AST → writer:
//! [`source`] (bytes → text) → [`extract`] (HTML → [`Document`]) →
//! [`normalize`] (`Document` → `Document`) → [`render`] (`Document` → PDF, DOCX, TXT).
//! [`convert`] drives the pipeline for one input and for batches, [`batch`] adds
//! reports, incremental runs and sharding; [`check`]
//! reports what normalization would change, for CI; [`config`] reads `zhprint.toml`.

#[cfg(feature = "editions")]
pub mod batch;
pub mod check;
mod civil;
pub mod config;
#[cfg(feature = "editions")]
pub mod convert;
pub mod error;
pub mod extract;
pub mod model;
pub mod normalize;
pub mod render;
pub mod source;

pub use error::{Error, Result};
pub use model::Document;
