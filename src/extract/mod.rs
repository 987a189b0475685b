//! Extract: an HTML page → [`Document`]: title, metadata and the article body,
//! with the site chrome (nav, breadcrumbs, widgets, related links, footers) dropped.

use crate::{Document, Result};

/// Extract the article of `html`; `url` resolves relative image and link addresses.
pub fn extract(html: &str, url: Option<&url::Url>) -> Result<Document> {
    let _ = (html, url);
    todo!("extract::extract")
}
