//! Extract: an HTML page → [`Document`]: title, metadata and the article body,
//! with the site chrome (nav, breadcrumbs, widgets, related links, footers) dropped.
//!
//! Passes: [`scoring`] picks the node(s) holding the main text, [`meta`] reads the
//! metadata, [`blocks`] turns the content into blocks, [`chrome`] drops what is left
//! of the site around and inside it. When the scorer finds nothing or a scrap,
//! [`fallback`] tries Readability's algorithm, then the densest run of the body's
//! blocks; [`variants`] lets chrome labels match in traditional characters.

mod blocks;
mod chrome;
mod dates;
mod disclosure;
mod dom;
mod fallback;
mod guard;
mod meta;
mod scoring;
mod text;
mod variants;

use scraper::Html;

use crate::model::{Block, Extractor};
use crate::{Document, Error, Result};

/// Extract the article of `html`; `url` resolves relative image and link addresses.
pub fn extract(html: &str, url: Option<&url::Url>) -> Result<Document> {
    let html = guard::limit_nesting(html);
    let page = Html::parse_document(&html);
    let analysis = scoring::Analysis::of(&page);
    let content = analysis.main_content(&page);
    let mut meta = meta::extract(&page, url, &content);
    let mut found = Vec::new();
    if !content.is_empty() {
        found = blocks::Converter::new(url, &analysis).convert(&content);
        if let Some(table) = disclosure::find(&page, &content, &analysis, url) {
            found.insert(0, table);
        }
        found = chrome::clean(found, &meta);
    }
    // The scorer found nothing, or a scrap of the running text the page holds:
    // Readability's article, else the densest run of the body's blocks, when it
    // holds clearly more.
    let scored = fallback::prose(&found, SCRAP);
    let scorer_found = has_text(&found);
    if !scorer_found || (scored < SCRAP && scored < FALLBACK_SHARE * analysis.prose() as f64) {
        let read = chrome::clean(fallback::readability(&html, url), &meta);
        let (method, other) = if has_text(&read) {
            (Extractor::Readability, read)
        } else {
            let dense = chrome::clean(fallback::densest(&page, &analysis, url), &meta);
            (Extractor::Density, dense)
        };
        if has_text(&other)
            && (!scorer_found || fallback::prose(&other, 3.0 * SCRAP) > 3.0 * scored)
        {
            found = other;
            meta.extracted_by = method;
        }
    }
    if !has_text(&found) {
        return Err(Error::NoArticle(analysis.why_no_article(&page)));
    }
    let blocks: Vec<Block> = found.into_iter().map(|c| c.block).collect();
    Ok(Document {
        meta,
        blocks,
        images: Vec::new(),
    })
}

/// Fewer characters of running text than this may be a caption or a teaser that
/// the scorer took for the article.
const SCRAP: f64 = 100.0;

/// Below this share of the page's running text, the scorer's result is checked
/// against the fallback's.
const FALLBACK_SHARE: f64 = 0.2;

/// At least one line of real text (not just an image or a stray word), or a data
/// table (a 名单 of short rows is an article too).
fn has_text(blocks: &[blocks::Converted]) -> bool {
    let visible = |line: &String| line.chars().filter(|c| !c.is_whitespace()).count();
    blocks.iter().any(|converted| {
        let lines = converted.block.text_lines();
        match converted.block {
            Block::Table { ref rows } if rows.len() >= 2 && converted.link_ratio < 0.5 => {
                lines.iter().map(visible).sum::<usize>() >= 10
            }
            _ => lines.iter().any(|line| visible(line) >= 10),
        }
    })
}

#[cfg(test)]
mod tests;
