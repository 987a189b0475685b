//! Fallback: the page's densest stretch of running text, found without the scorer.
//!
//! The scorer ([`super::scoring`]) looks for one container of running text and
//! trusts class and id hints, so a page whose article sits in a box hinted as chrome,
//! or in no container at all (a heading over a data table), can give it nothing or
//! a fragment. This method is independent of both: the whole body is converted to
//! blocks with hints ignored, every block weighs its text (running text and data
//! tables for, links and short lines against), and the run of blocks with the
//! greatest weight is the article, as text-density extractors find it.

use scraper::Html;

use super::blocks::{Converted, Converter};
use super::dom;
use super::scoring::Analysis;
use crate::model::Block;

/// The densest run of blocks of the page's body; empty when nothing weighs for.
pub fn densest<'a>(
    page: &'a Html,
    analysis: &'a Analysis,
    url: Option<&'a url::Url>,
) -> Vec<Converted> {
    let root = page.root_element();
    let body = root
        .children()
        .find(|n| matches!(dom::name(*n), Some("body")))
        .unwrap_or(*root);
    let blocks = Converter::new(url, analysis)
        .ignoring_hints()
        .convert(&[body]);
    let weights: Vec<f64> = blocks.iter().map(weight).collect();
    let Some((start, end)) = heaviest_run(&weights) else {
        return Vec::new();
    };
    // The headings right above the run are its title and first heading.
    let start = (0..start)
        .rev()
        .take_while(|&i| matches!(blocks[i].block, Block::Heading { .. }) && weights[i] >= 0.0)
        .last()
        .unwrap_or(start);
    blocks.into_iter().skip(start).take(end - start).collect()
}

/// Characters of running text in `blocks`: what a result is judged by.
pub fn prose(blocks: &[Converted]) -> f64 {
    blocks.iter().map(weight).filter(|w| *w > 0.0).sum()
}

/// What a block says for being article text: its characters outside links when it
/// is running text (a sentence) or a data table, against it as many as its link text
/// when it is mostly links, and a little against it when it is a short line
/// (a label, a button, a menu word); headings and images are neutral.
fn weight(converted: &Converted) -> f64 {
    let lines = converted.block.text_lines();
    let (mut chars, mut punct) = (0usize, 0usize);
    for c in lines.iter().flat_map(|line| line.chars()) {
        if dom::counts(c) {
            chars += 1;
            punct += usize::from(dom::is_cjk_punct(c) || matches!(c, ',' | '.'));
        }
    }
    let linked = converted.link_ratio;
    if linked > 0.5 {
        return -(chars as f64 * linked).max(SHORT_LINE_WEIGHT);
    }
    let text = chars as f64 * (1.0 - linked);
    match converted.block {
        Block::Heading { .. } | Block::Image { .. } => 0.0,
        Block::Table { ref rows } if rows.len() >= 2 => text,
        _ if chars >= MIN_SENTENCE_CHARS && punct > 0 => text,
        // A long line without punctuation (a list of names, a slogan): some text.
        _ if chars >= 2 * MIN_SENTENCE_CHARS => text / 4.0,
        _ => -SHORT_LINE_WEIGHT,
    }
}

/// A block this long with punctuation in it reads as a sentence.
const MIN_SENTENCE_CHARS: usize = 15;

/// What a short line or a lone link counts against the run it stands in.
const SHORT_LINE_WEIGHT: f64 = 5.0;

/// The run `[start, end)` with the greatest positive sum (Kadane's algorithm; the
/// first of equal runs), or `None` when no weight is positive.
fn heaviest_run(weights: &[f64]) -> Option<(usize, usize)> {
    let mut best: Option<(f64, usize, usize)> = None;
    let (mut sum, mut start) = (0.0, 0);
    for (i, &w) in weights.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += w;
        if sum > 0.0 && best.is_none_or(|(b, ..)| sum > b) {
            best = Some((sum, start, i + 1));
        }
    }
    best.map(|(_, start, end)| (start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_heaviest_run_spans_the_text_not_the_menus_around_it() {
        assert_eq!(heaviest_run(&[-5.0, 40.0, -5.0, 60.0, -80.0, 30.0]), Some((1, 4)));
        assert_eq!(heaviest_run(&[-5.0, -1.0]), None);
        assert_eq!(heaviest_run(&[]), None);
    }
}
