//! Plain-text edition.

use crate::Document;

/// Render `doc` as plain text.
pub fn render(doc: &Document) -> String {
    doc.to_text_lines().join("\n")
}
