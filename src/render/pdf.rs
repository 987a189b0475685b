//! PDF edition through typst used as a library; the layout lives in the template.

use super::Rendered;
use crate::{Document, Result};

/// Render `doc` as a GB/T 9704-style PDF.
pub fn render(doc: &Document) -> Result<Rendered> {
    let _ = doc;
    todo!("render::pdf")
}
