//! DOCX edition through docx-rs, in the GB/T 9704 style.

use super::Rendered;
use crate::{Document, Result};

/// Render `doc` as a Word document.
pub fn render(doc: &Document) -> Result<Rendered> {
    let _ = doc;
    todo!("render::docx")
}
