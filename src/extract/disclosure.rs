//! Disclosure tables: the 索引号 / 发文机关 / 成文日期 / 发文字号 box of government
//! information-disclosure pages → a [`Block::Table`]. It is part of the document, but
//! it usually sits outside the main-text container, so the scorer never picks it.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use rustc_hash::FxHashMap as HashMap;
use scraper::Html;

use super::blocks::{flat, Converted, Converter};
use super::dom::{self, NodeRef};
use super::scoring::Analysis;
use super::text::collapse;
use crate::model::{Block, Inline, TableCell, TableRow};

const LABELS: &[&str] = &[
    "索引号",
    "发文机关",
    "发布机构",
    "成文日期",
    "发文字号",
    "文号",
    "主题分类",
    "主题词",
    "信息分类",
    "公开方式",
    "公开范围",
    "有效性",
    "组配分类",
];

/// All labels in one pass over a text (overlapping: 文号 is inside 发文字号).
static LABEL_SEARCH: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(LABELS).unwrap_or_else(|e| unreachable!("static labels: {e}"))
});

/// Boxes bigger than this are page sections that merely contain the labels.
const MAX_CHARS: usize = 800;

/// The disclosure table of the page, unless it is inside `content` already.
pub fn find<'a>(
    html: &'a Html,
    content: &[NodeRef<'a>],
    analysis: &'a Analysis,
    url: Option<&'a url::Url>,
) -> Option<Converted> {
    // Start from the text that names a label, so the cost stays linear on any page.
    let mut boxes: HashMap<usize, (NodeRef<'a>, u32)> = HashMap::default();
    for text_node in html.tree.root().descendants() {
        let Some(text) = text_node.value().as_text() else {
            continue;
        };
        // Scripts and styles are most of some pages' text, and never a label; the
        // shortest label (文号) is 6 bytes, longer than the whitespace between tags.
        if text.len() < 6
            || text_node
                .parent()
                .and_then(dom::name)
                .is_some_and(|name| matches!(name, "script" | "style"))
        {
            continue;
        }
        let labels = LABEL_SEARCH
            .find_overlapping_iter(&**text)
            .fold(0u32, |bits, m| bits | 1 << m.pattern().as_u32());
        if labels == 0 {
            continue;
        }
        for ancestor in text_node.ancestors().take(8) {
            if matches!(dom::name(ancestor), Some("table" | "ul" | "dl" | "div")) {
                boxes.entry(dom::key(ancestor)).or_insert((ancestor, 0)).1 |= labels;
            }
        }
    }
    let mut best: Option<(NodeRef<'a>, usize, usize)> = None;
    for (&key, &(node, labels)) in &boxes {
        let chars = analysis.get(node).chars;
        if labels.count_ones() < 3 || chars == 0 || chars > MAX_CHARS {
            continue;
        }
        if best.is_none_or(|(_, c, k)| (chars, key) < (c, k)) {
            best = Some((node, chars, key));
        }
    }
    let (node, ..) = best?;
    let inside = |n: NodeRef<'a>| {
        content
            .iter()
            .any(|&c| c == n || n.ancestors().any(|a| a == c))
    };
    if inside(node) || content.iter().any(|&c| c.ancestors().any(|a| a == node)) {
        return None;
    }
    if dom::name(node) == Some("table") {
        let converted = Converter::new(url, analysis).convert(&[node]);
        if let Some(table) = converted
            .into_iter()
            .find(|c| matches!(c.block, Block::Table { .. }))
        {
            return Some(table);
        }
    }
    label_table(node)
}

/// `label：value` lines of a list or box as a two-column table.
fn label_table(node: NodeRef<'_>) -> Option<Converted> {
    let mut rows = Vec::new();
    for line in flat(node).lines().map(collapse) {
        let Some((label, value)) = line.split_once(['：', ':']) else {
            continue;
        };
        let cell = |text: &str| TableCell {
            content: vec![Inline::text(text.trim())],
            colspan: 1,
            rowspan: 1,
        };
        rows.push(TableRow {
            header: false,
            cells: vec![cell(label), cell(value)],
        });
    }
    (rows.len() >= 2).then_some(Converted {
        block: Block::Table { rows },
        link_ratio: 0.0,
        from_h: false,
    })
}
