//! Candidates and scoring: a parsed page → the node(s) holding the main text.
//!
//! In the spirit of Readability, tuned for Chinese pages: every block with running
//! text scores by its length and its punctuation (Chinese `，。、；` above all), and
//! hands that score to its container and, fading, to the containers above. A
//! candidate's score is then cut by its link density and moved by class/id hints
//! (`content`, `TRS_Editor`, `zoom` … up; `nav`, `footer`, `share` … down).

use rustc_hash::FxHashMap as HashMap;
use scraper::{Html, Node};

use super::dom::{self, NodeRef, Step};
use crate::error::NoArticle;

/// Text counted under one element.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Non-whitespace characters of visible text.
    pub chars: usize,
    /// Of which inside links.
    pub link_chars: usize,
    /// Chinese sentence punctuation and ASCII commas.
    pub punct: usize,
    /// Characters whose nearest block ancestor is this element ("own" text).
    pub own_chars: usize,
    pub own_link_chars: usize,
    pub own_punct: usize,
    /// Nearest ancestor (or self) is hinted as chrome.
    pub unlikely: bool,
    /// The element's own class/id hint ([`dom::hint`]), read once here.
    pub hint: i32,
}

impl Stats {
    pub fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f64 / self.chars as f64
        }
    }
}

/// Per-element text statistics of a whole page, keyed by [`dom::key`].
pub struct Analysis {
    stats: HashMap<usize, Stats>,
}

impl Analysis {
    pub fn of(html: &Html) -> Self {
        let mut stats: HashMap<usize, Stats> = HashMap::default();
        stats.reserve(html.tree.values().len() / 2);
        // Open elements: (key, is_block, in_link, unlikely).
        let mut stack: Vec<(usize, bool, bool, bool)> = Vec::new();
        dom::walk(html.tree.root(), |node, step| match node.value() {
            Node::Element(el) => {
                let name = el.name();
                match step {
                    Step::Open => {
                        if dom::is_skipped(name) || dom::is_hidden(node) {
                            return false;
                        }
                        // An `<a>` without href is no link: broken markup (`<a>` never closed) makes
                        // the parser re-open it around everything that follows.
                        let is_link = name == "a" && dom::attr(el, "href").is_some();
                        let in_link = is_link || stack.last().is_some_and(|s| s.2);
                        let hint = dom::hint(node);
                        let unlikely = match hint {
                            -1 => !matches!(name, "body" | "html"),
                            1 => false,
                            _ => stack.last().is_some_and(|s| s.3),
                        };
                        let key = dom::key(node);
                        stack.push((key, dom::is_block(name), in_link, unlikely));
                        stats.insert(
                            key,
                            Stats {
                                unlikely,
                                hint,
                                ..Stats::default()
                            },
                        );
                        true
                    }
                    Step::Close => {
                        let key = dom::key(node);
                        if stack.last().map(|s| s.0) != Some(key) {
                            return false; // skipped element: never pushed
                        }
                        stack.pop();
                        let own = stats.get(&key).copied().unwrap_or_default();
                        if let Some(&(parent, ..)) = stack.last() {
                            let p = stats.entry(parent).or_default();
                            p.chars += own.chars;
                            p.link_chars += own.link_chars;
                            p.punct += own.punct;
                        }
                        false
                    }
                }
            }
            Node::Text(text) if step == Step::Open => {
                let (chars, punct) = count(text);
                if chars == 0 {
                    return false;
                }
                let in_link = stack.last().is_some_and(|s| s.2);
                if let Some(&(top, ..)) = stack.last() {
                    let s = stats.entry(top).or_default();
                    s.chars += chars;
                    s.punct += punct;
                    if in_link {
                        s.link_chars += chars;
                    }
                }
                if let Some(&(block, ..)) = stack.iter().rev().find(|s| s.1) {
                    let s = stats.entry(block).or_default();
                    s.own_chars += chars;
                    s.own_punct += punct;
                    if in_link {
                        s.own_link_chars += chars;
                    }
                }
                false
            }
            _ => true,
        });
        Analysis { stats }
    }

    /// Characters of running text on the whole page, hints or not: blocks of some
    /// length with punctuation, mostly outside links.
    pub fn prose(&self) -> usize {
        self.stats
            .values()
            .filter(|s| s.own_chars >= 15 && s.own_punct > 0 && s.own_link_chars * 2 <= s.own_chars)
            .map(|s| s.own_chars - s.own_link_chars)
            .sum()
    }

    /// Why a page where no method found an article has none.
    pub fn why_no_article(&self, html: &Html) -> NoArticle {
        let page = self.get(*html.root_element());
        if page.chars < 10 {
            NoArticle::NoText
        } else if page.link_density() > 0.5 {
            NoArticle::OnlyLinks
        } else {
            NoArticle::NoRunningText
        }
    }

    pub fn get(&self, node: NodeRef<'_>) -> Stats {
        self.stats.get(&dom::key(node)).copied().unwrap_or_default()
    }

    /// The node(s) holding the main text, in document order; empty when nothing on
    /// the page reads like running text.
    pub fn main_content<'a>(&self, html: &'a Html) -> Vec<NodeRef<'a>> {
        let scores = self.score(html);
        let Some((top, top_score)) = best(&scores) else {
            return Vec::new();
        };
        let (top, top_score) = first_of_kind(top, top_score, &scores, self);
        let top = climb(top, top_score, &scores);
        let top_score = scores.get(&dom::key(top)).map_or(top_score, |s| s.1);
        let top = self.lift(top);
        self.with_siblings(top, top_score, &scores)
    }

    /// Candidate scores: key → (node, score after link density and hints).
    fn score<'a>(&self, html: &'a Html) -> HashMap<usize, (NodeRef<'a>, f64)> {
        let mut raw: HashMap<usize, (NodeRef<'a>, f64)> = HashMap::default();
        for node in html.tree.root().descendants() {
            let Some(name) = dom::name(node) else {
                continue;
            };
            let Some(stats) = self.stats.get(&dom::key(node)) else {
                continue; // skipped or hidden
            };
            let own_text = stats.own_chars.saturating_sub(stats.own_link_chars);
            if !dom::is_block(name) || stats.unlikely || own_text < MIN_UNIT_CHARS {
                continue;
            }
            if stats.own_link_chars * 2 > stats.own_chars {
                continue;
            }
            let unit = 1.0 + stats.own_punct as f64 + (own_text as f64 / 100.0).min(3.0);
            // A container with its own text (a `<div>` or `<td>` of br-separated
            // lines) is a candidate itself; `<p>`, `<li>` and the like are not.
            let mut weights: Vec<(NodeRef<'a>, f64)> = Vec::with_capacity(5);
            if is_container(name) {
                weights.push((node, 1.0));
            }
            for (level, ancestor) in node.ancestors().take(4).enumerate() {
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f64 * 3.0,
                };
                weights.push((ancestor, 1.0 / divider));
            }
            for (candidate, weight) in weights {
                if !matches!(candidate.value(), Node::Element(_)) {
                    continue;
                }
                raw.entry(dom::key(candidate)).or_insert((candidate, 0.0)).1 += unit * weight;
            }
        }
        raw.into_iter()
            .map(|(key, (node, score))| {
                let stats = self.stats.get(&key).copied().unwrap_or_default();
                let name = dom::name(node).unwrap_or("");
                let bonus = tag_weight(name) + 25.0 * stats.hint as f64;
                let score = (score + bonus) * (1.0 - stats.link_density());
                (key, (node, score))
            })
            .collect()
    }

    /// The outermost wrapper of `node` that holds no other text (a `<td>` in its
    /// `<tr>`, `<tbody>` and `<table>`): the level where its siblings are.
    fn lift<'a>(&self, node: NodeRef<'a>) -> NodeRef<'a> {
        let chars = self.get(node).chars;
        let mut top = node;
        for ancestor in node.ancestors() {
            if matches!(dom::name(ancestor), Some("body" | "html" | "text") | None) {
                break;
            }
            if self.get(ancestor).chars > chars + chars / 20 + 10 {
                break;
            }
            top = ancestor;
        }
        top
    }

    /// The best candidate plus the siblings that carry text of the same kind.
    fn with_siblings<'a>(
        &self,
        top: NodeRef<'a>,
        top_score: f64,
        scores: &HashMap<usize, (NodeRef<'a>, f64)>,
    ) -> Vec<NodeRef<'a>> {
        let Some(parent) = top.parent() else {
            return vec![top];
        };
        if matches!(parent.value(), Node::Document) {
            return vec![top];
        }
        let threshold = (top_score * 0.2).max(10.0);
        let top_class = dom::class_id(top);
        let mut picked = Vec::new();
        for sibling in parent.children() {
            if sibling == top {
                picked.push(sibling);
                continue;
            }
            let Some(name) = dom::name(sibling) else {
                continue;
            };
            let stats = self.get(sibling);
            if stats.unlikely || stats.chars == 0 {
                continue;
            }
            let mut bonus = 0.0;
            if !top_class.is_empty() && dom::class_id(sibling) == top_class {
                bonus = top_score * 0.2;
            }
            let score = scores.get(&dom::key(sibling)).map_or(0.0, |s| s.1) + bonus;
            let density = stats.link_density();
            let keep = if score >= threshold {
                density < 0.5
            } else if let Some(table) = data_table_in(sibling) {
                // A table of figures after the text belongs to it (its cells are too
                // short to score as running text).
                density < 0.3 && stats.chars >= 30 && super::blocks::table_shape(table).0 >= 3
            } else if name == "p" {
                let text = stats.chars;
                (text > 80 && density < 0.25) || (density == 0.0 && stats.punct > 0 && text > 20)
            } else {
                false
            };
            if keep {
                picked.push(sibling);
            }
        }
        picked
    }
}

/// `node` if it is a data table, or the data table that holds all its text.
fn data_table_in(node: NodeRef<'_>) -> Option<NodeRef<'_>> {
    let mut current = node;
    loop {
        if dom::name(current) == Some("table") {
            return super::blocks::is_data_table(current).then_some(current);
        }
        let mut elements = current.children().filter(|c| {
            matches!(c.value(), Node::Element(_))
                || c.value().as_text().is_some_and(|t| !t.trim().is_empty())
        });
        let only = elements.next()?;
        if elements.next().is_some() || !matches!(only.value(), Node::Element(_)) {
            return None;
        }
        current = only;
    }
}

/// Shorter blocks (labels, buttons, menu items) are not running text.
const MIN_UNIT_CHARS: usize = 10;

fn is_container(name: &str) -> bool {
    matches!(
        name,
        "div" | "td" | "section" | "article" | "main" | "body" | "text" | "center" | "dd" | "form"
    )
}

fn tag_weight(name: &str) -> f64 {
    match name {
        "div" | "article" | "section" | "main" => 5.0,
        "td" | "pre" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// The highest-scoring candidate; ties go to the deeper node, then to the earlier
/// one (keys follow the tree's creation order), so the choice is deterministic.
fn best<'a>(scores: &HashMap<usize, (NodeRef<'a>, f64)>) -> Option<(NodeRef<'a>, f64)> {
    let mut best: Option<(NodeRef<'a>, f64, usize, usize)> = None;
    for (&key, &(node, score)) in scores {
        let depth = node.ancestors().count();
        let better = match best {
            None => true,
            Some((_, s, d, k)) => {
                score > s || (score == s && (depth > d || (depth == d && key < k)))
            }
        };
        if better {
            best = Some((node, score, depth, key));
        }
    }
    best.map(|(node, score, ..)| (node, score))
}

/// On pages listing several posts in boxes of one kind (blog archives, forum threads)
/// the article is the first of them, not the longest. `top` may be such a box or lie
/// inside one.
fn first_of_kind<'a>(
    top: NodeRef<'a>,
    top_score: f64,
    scores: &HashMap<usize, (NodeRef<'a>, f64)>,
    analysis: &Analysis,
) -> (NodeRef<'a>, f64) {
    for (level, node) in std::iter::once(top).chain(top.ancestors()).enumerate() {
        if matches!(dom::name(node), Some("body" | "html" | "text") | None) {
            break;
        }
        let class = match node.value() {
            Node::Element(el) => dom::attr(el, "class").map(str::trim).unwrap_or(""),
            _ => "",
        };
        if class.is_empty() {
            continue;
        }
        let same_kind = |other: NodeRef<'_>| match other.value() {
            Node::Element(el) => {
                dom::name(other) == dom::name(node)
                    && dom::attr(el, "class").map(str::trim) == Some(class)
            }
            _ => false,
        };
        // Keys follow creation order, which is document order for parsed pages.
        let mut kin: Vec<(usize, NodeRef<'a>, f64)> = scores
            .iter()
            .filter(|(_, (other, score))| same_kind(*other) && *score >= 10.0)
            .map(|(&key, &(other, score))| (key, other, score))
            .collect();
        kin.sort_by_key(|k| k.0);
        let listing = kin.len() >= 3;
        if kin.len() < 2 || (level > 0 && !listing) {
            continue;
        }
        // Three or more boxes of one kind are a listing: its first entry is the
        // article even when a later one is longer.
        let share = if listing { 0.1 } else { 0.25 };
        let first = kin.into_iter().find(|(_, other, score)| {
            let stats = analysis.get(*other);
            *score >= top_score * share && stats.chars >= 100 && stats.punct >= 5
        });
        return match first {
            Some((_, other, score)) if other != node => (other, score),
            _ => (top, top_score),
        };
    }
    (top, top_score)
}

/// Move up to an ancestor that scores higher than the path below it (the article
/// was split over several containers), as Readability does.
fn climb<'a>(
    top: NodeRef<'a>,
    top_score: f64,
    scores: &HashMap<usize, (NodeRef<'a>, f64)>,
) -> NodeRef<'a> {
    let threshold = top_score / 3.0;
    let mut last = top_score;
    for ancestor in top.ancestors() {
        if matches!(dom::name(ancestor), Some("body" | "html") | None) {
            break;
        }
        let Some(&(_, score)) = scores.get(&dom::key(ancestor)) else {
            continue;
        };
        if score < threshold {
            break;
        }
        if score > last {
            return ancestor;
        }
        last = score;
    }
    top
}

/// Non-whitespace characters and punctuation of a text node.
fn count(text: &str) -> (usize, usize) {
    let mut chars = 0;
    let mut punct = 0;
    for c in text.chars() {
        if dom::counts(c) {
            chars += 1;
            if dom::is_cjk_punct(c) || c == ',' {
                punct += 1;
            }
        }
    }
    (chars, punct)
}
