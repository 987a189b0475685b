//! Normalize: [`Document`] → [`Document`], following the typography spec
//! (`typography.md`, sections A–G): punctuation, numbers, spaces, heading markers.

use crate::Document;

/// Normalize every text of the document: title, metadata, headings, paragraphs,
/// list items, table cells and captions (never URLs).
pub fn normalize(doc: Document) -> Document {
    doc
}

/// Normalize one paragraph of text.
pub fn normalize_text(text: &str) -> String {
    text.to_string()
}
