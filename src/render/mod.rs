//! Render: [`crate::Document`] → print editions. Renderers see only the document model.

#[cfg(feature = "editions")]
mod date;
#[cfg(feature = "editions")]
pub mod docx;
#[cfg(feature = "editions")]
pub mod pdf;
pub mod txt;

/// A rendered file and what the renderer noticed on the way (e.g. missing glyphs).
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub warnings: Vec<String>,
}
