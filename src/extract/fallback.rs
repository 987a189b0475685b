//! Fallbacks: the article found by methods independent of the scorer.
//!
//! The scorer ([`super::scoring`]) looks for one container of running text and
//! trusts class and id hints, so a page whose article sits in a box hinted as chrome,
//! or in no container at all (a heading over a data table), can give it nothing or
//! a scrap. Two other methods then look:
//! - [`readability`]: Readability.js's algorithm (dom_smoothie, its Rust port), which
//!   retries without its class and id rules when they leave too little; its article
//!   is converted to blocks by our converter, so it keeps the same structure.
//! - [`densest`]: the whole body converted to blocks with hints ignored, every block
//!   weighing its text (running text and data tables for, links and short lines
//!   against), and the run of blocks with the greatest weight kept, as text-density
//!   extractors do. It finds what Readability does not: a heading over a data table.

use scraper::Html;

use super::blocks::{Converted, Converter};
use super::dom;
use super::scoring::Analysis;
use crate::model::Block;

/// The article as Readability finds it, converted to blocks; empty when it finds none.
pub fn readability(html: &str, url: Option<&url::Url>) -> Vec<Converted> {
    let article = dom_smoothie::Readability::new(html, url.map(url::Url::as_str), None)
        .and_then(|mut readability| readability.parse());
    let Ok(article) = article else {
        return Vec::new();
    };
    let fragment = Html::parse_fragment(&article.content);
    let analysis = Analysis::of(&fragment);
    Converter::new(url, &analysis)
        .ignoring_hints()
        .convert(&[*fragment.root_element()])
}

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

/// Characters of running text in `blocks` (what a result is judged by), counted up
/// to `enough`: a long article needs no more than a look at its first blocks.
pub fn prose(blocks: &[Converted], enough: f64) -> f64 {
    let mut sum = 0.0;
    for block in blocks {
        sum += weight(block).max(0.0);
        if sum >= enough {
            break;
        }
    }
    sum
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

    fn texts(blocks: &[Converted]) -> Vec<String> {
        blocks.iter().flat_map(|c| c.block.text_lines()).collect()
    }

    #[test]
    fn the_densest_run_is_the_text_between_the_menus() {
        let html = r#"<html><body>
<div class="nav"><a href="/">首页</a> <a href="/a">政务公开</a> <a href="/b">新闻中心</a> <a href="/c">办事服务</a></div>
<div id="printArea"><h1>关于做好冬季供暖工作的通知</h1>
<p>各区县人民政府，市直各有关单位：为切实做好今冬明春供暖工作，保障群众温暖过冬，现将有关事项通知如下。</p>
<p>一是提前做好供暖设施检修，确保按时供暖；二是加强燃料储备，做到储足备足。</p></div>
<ul><li><a href="/1">市政府召开常务会议</a></li><li><a href="/2">我市举行推进会</a></li><li><a href="/3">市领导调研重点项目</a></li></ul>
<p>版权所有 某某市人民政府</p></body></html>"#;
        let page = Html::parse_document(html);
        let analysis = Analysis::of(&page);
        let found = texts(&densest(&page, &analysis, None));
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0], "关于做好冬季供暖工作的通知");
        assert!(found[2].starts_with("一是提前做好"));
    }

    #[test]
    fn a_data_table_weighs_for_the_run() {
        let rows: String = (1..=50)
            .map(|i| format!("<tr><td>{i}</td><td>考生{i:03}</td></tr>"))
            .collect();
        let html = format!(
            "<html><body><p><a href=/>首页</a></p><h2>拟录用人员名单</h2><table>{rows}</table></body></html>"
        );
        let page = Html::parse_document(&html);
        let analysis = Analysis::of(&page);
        let found = densest(&page, &analysis, None);
        assert!(matches!(found[0].block, Block::Heading { .. }));
        assert!(matches!(&found[1].block, Block::Table { rows } if rows.len() == 50));
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn readabilitys_article_keeps_its_structure() {
        let html = r#"<html><body><div class="nav"><a href="/">首页</a></div><article>
<h2>一、主要做法</h2><p>各区县人民政府，市直各有关单位：为切实做好今冬明春供暖工作，保障群众温暖过冬，现将有关事项通知如下。</p>
<ul><li>提前做好供暖设施检修，确保按时供暖。</li><li>加强燃料储备，做到储足备足，畅通投诉渠道。</li></ul>
<p>各单位要高度重视，压实责任，确保各项措施落到实处，切实保障群众温暖过冬，对工作不力的严肃问责。</p></article></body></html>"#;
        let found = readability(html, None);
        assert!(found
            .iter()
            .any(|c| matches!(c.block, Block::Heading { .. })));
        assert!(found
            .iter()
            .any(|c| matches!(&c.block, Block::List { items, .. } if items.len() == 2)));
        assert!(!texts(&found).iter().any(|line| line.contains("首页")));
    }

    #[test]
    fn the_heaviest_run_spans_the_text_not_the_menus_around_it() {
        assert_eq!(
            heaviest_run(&[-5.0, 40.0, -5.0, 60.0, -80.0, 30.0]),
            Some((1, 4))
        );
        assert_eq!(heaviest_run(&[-5.0, -1.0]), None);
        assert_eq!(heaviest_run(&[]), None);
    }
}
