//! Extract: an HTML page → [`Document`]: title, metadata and the article body,
//! with the site chrome (nav, breadcrumbs, widgets, related links, footers) dropped.
//!
//! Passes: [`scoring`] picks the node(s) holding the main text, [`meta`] reads the
//! metadata, [`blocks`] turns the content into blocks, [`chrome`] drops what is left
//! of the site around and inside it.

mod blocks;
mod chrome;
mod dates;
mod disclosure;
mod dom;
mod guard;
mod meta;
mod scoring;
mod text;

use scraper::Html;

use crate::model::Block;
use crate::{Document, Error, Result};

/// Extract the article of `html`; `url` resolves relative image and link addresses.
pub fn extract(html: &str, url: Option<&url::Url>) -> Result<Document> {
    let page = Html::parse_document(&guard::limit_nesting(html));
    let analysis = scoring::Analysis::of(&page);
    let content = analysis.main_content(&page);
    let meta = meta::extract(&page, url, &content);
    if content.is_empty() {
        return Err(Error::NoArticle);
    }
    let mut converted = blocks::Converter::new(url, &analysis).convert(&content);
    if let Some(table) = disclosure::find(&page, &content, &analysis, url) {
        converted.insert(0, table);
    }
    let blocks: Vec<Block> = chrome::clean(converted, &meta)
        .into_iter()
        .map(|c| c.block)
        .collect();
    if !has_text(&blocks) {
        return Err(Error::NoArticle);
    }
    Ok(Document {
        meta,
        blocks,
        images: Vec::new(),
    })
}

/// At least one line of real text (not just an image or a stray word).
fn has_text(blocks: &[Block]) -> bool {
    blocks.iter().any(|block| {
        block
            .text_lines()
            .iter()
            .any(|line| line.chars().filter(|c| !c.is_whitespace()).count() >= 10)
    })
}

#[cfg(test)]
mod tests;
