//! Widows and orphans, mended as a typesetter does. GB/T 9704 fills every page with 22
//! lines, so a paragraph's lone first line at the foot of a page (an orphan) or lone
//! last line at its head (a widow) is best not mended by moving lines, which leaves the
//! page a line short. Instead one paragraph on that page is made a line shorter or
//! longer by setting its pause and closing marks (，。、；：…) a little tighter or
//! looser, so lines of plain hanzi keep their 28 characters.
//!
//! With `--lone-lines never` the template has typst keep every paragraph's first two
//! and last two lines together; the same remedy then fills the pages that leaves short.
//!
//! The template marks where each paragraph starts and ends (`<zhprint-start>`,
//! `<zhprint-end>`, with the paragraph's key) and where its grid is (`<zhprint-grid>`);
//! the change per paragraph goes back in as data (`/fit.json`). A template without the
//! grid metadata is laid out once, as it is.

use std::collections::{BTreeMap, HashMap};

use typst::foundations::{Content, Dict, Label, Selector, Value};
use typst::introspection::MetadataElem;
use typst::layout::{Frame, FrameItem, Point};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use crate::model::{Block, Document, Inline};

/// Layouts of the whole document tried after the first, at most: with `mend`, and with
/// `never`, whose short pages show more than a lone line does. Each costs about half a
/// first render (typst evaluates the template and lays out every page again; only
/// unchanged paragraphs' line breaking comes from its cache), so only changes a probe
/// has shown to work are tried. On the corpus, 3 → 6 → 10 tries: `mend` leaves 50 →
/// 46 → 43 lone lines; `never` 73 → 60 → 45 short pages, for 40% more time at 10.
pub const MEND_TRIES: usize = 3;
pub const NEVER_TRIES: usize = 10;
/// Layouts tried for one page break before it is left as it is.
const TRIES_PER_BREAK: usize = 2;
/// How far a mark's advance may shrink or grow, in points (of a 16 pt mark whose glyph
/// fills about its left half): tighter would touch the next character; looser reads
/// as a gap.
const MAX_TIGHTEN: f64 = 7.0;
const MAX_LOOSEN: f64 = 5.0;
/// The marks whose advance changes, as in the template's `pause-marks`.
const PAUSE_MARKS: &str = "，。、；：？！）》”’〕】」』";
/// Digits and Latin letters change by this share of the marks' change.
const LATIN_SHARE: f64 = 0.2;

/// The change of a paragraph's pause marks' advance in points (its digits' and Latin
/// letters' by [`LATIN_SHARE`] of it), by paragraph key: `/fit.json`.
pub type Fit = BTreeMap<String, f64>;

/// What [`mend`] asks to be laid out: the document with a [`Fit`], or a probe (a small
/// document of candidate paragraphs) with its own.
pub enum Layouts<'a> {
    Whole(&'a Fit),
    Probe(&'a Document, &'a Fit),
}

/// The layout `first` of `doc`, or a better one with fewer faults at page breaks (lone
/// lines, pages left short), after at most `max_tries` later layouts of the whole.
/// `compile` lays out what it is asked.
pub fn mend(
    doc: &Document,
    first: PagedDocument,
    max_tries: usize,
    mut compile: impl FnMut(Layouts) -> Option<PagedDocument>,
) -> PagedDocument {
    let Some(mut layout) = Layout::read(&first) else {
        return first;
    };
    let counts = counts(doc);
    let (mut best, mut fit, mut tries) = (first, Fit::new(), 0);
    let mut from_page = 1;
    'breaks: while let Some(page) = layout.first_fault(from_page) {
        from_page = page + 1;
        let before = layout.faults_through(page);
        let remedies = layout.remedies(page, &counts);
        // A probe first: each candidate paragraph alone, changed, tells whether it
        // really takes a line more or less; only those cost a layout of the whole.
        let (probe, probe_fit, keys) = probe_document(doc, &remedies);
        if probe.blocks.is_empty() {
            continue;
        }
        let Some(probed) =
            compile(Layouts::Probe(&probe, &probe_fit)).and_then(|p| Layout::read(&p))
        else {
            continue;
        };
        let works: Vec<&(String, f64)> = remedies
            .iter()
            .zip(&keys)
            .filter(|((key, change), probe_key)| {
                let want = match layout.lines_of(key) {
                    Some(n) if *change < 0.0 => n.checked_sub(1),
                    Some(n) => n.checked_add(1),
                    None => None,
                };
                let now = probe_key.as_deref().and_then(|k| probed.lines_of(k));
                want.is_some() && now == want
            })
            .map(|(remedy, _)| remedy)
            .take(TRIES_PER_BREAK)
            .collect();
        for (key, change) in works {
            if tries == max_tries {
                break 'breaks;
            }
            tries += 1;
            let mut trial = fit.clone();
            trial.insert(key.clone(), *change);
            let Some(paged) = compile(Layouts::Whole(&trial)) else {
                continue;
            };
            let Some(next) = Layout::read(&paged) else {
                continue;
            };
            if next.faults_through(page) < before {
                (best, fit, layout) = (paged, trial, next);
                break;
            }
        }
    }
    best
}

/// A document of the paragraphs the remedies change, each in its own context (a list
/// item in a list, a quoted paragraph in its quotes), the remedies keyed for it, and
/// each remedy's key in it.
fn probe_document(
    doc: &Document,
    remedies: &[(String, f64)],
) -> (Document, Fit, Vec<Option<String>>) {
    let (mut blocks, mut fit, mut keys) = (Vec::new(), Fit::new(), Vec::new());
    for (key, change) in remedies {
        keys.push(isolate(&doc.blocks, key).map(|(block, inner)| {
            let probe_key = format!("{}{inner}", blocks.len());
            blocks.push(block);
            fit.insert(probe_key.clone(), *change);
            probe_key
        }));
    }
    let probe = Document {
        blocks,
        ..Document::default()
    };
    (probe, fit, keys)
}

/// The block at `key` ("3", "5/0", "7.2") alone, wrapped in the quotes and list around
/// it, and its key's tail within that block ("", "/0", ".0").
fn isolate(blocks: &[Block], key: &str) -> Option<(Block, String)> {
    let (head, rest) = match key.find(['/', '.']) {
        Some(at) => key.split_at(at),
        None => (key, ""),
    };
    let block = blocks.get(head.parse::<usize>().ok()?)?;
    match (block, rest.chars().next()) {
        (Block::Paragraph { .. }, None) => Some((block.clone(), String::new())),
        (Block::Quote { blocks }, Some('/')) => {
            let (inner, tail) = isolate(blocks, &rest[1..])?;
            Some((
                Block::Quote {
                    blocks: vec![inner],
                },
                format!("/0{tail}"),
            ))
        }
        (Block::List { ordered, items }, Some('.')) => {
            let item = items.get(rest[1..].parse::<usize>().ok()?)?;
            let list = Block::List {
                ordered: *ordered,
                items: vec![item.clone()],
            };
            Some((list, ".0".into()))
        }
        _ => None,
    }
}

/// The template's grid, in points from the top of the page.
#[derive(Debug, Clone, Copy)]
struct Grid {
    top: f64,
    pitch: f64,
    lines: usize,
    /// The right edge of the type area and the first-line indent.
    right: f64,
    indent: f64,
}

impl Grid {
    /// The grid line (from 0) of a marker at `y`: markers sit on their line's baseline.
    fn line(&self, y: f64) -> usize {
        ((y - self.top) / self.pitch).floor().max(0.0) as usize
    }
}

/// Where a marker is: page (from 1), and its point, on its line's baseline.
#[derive(Debug, Clone, Copy)]
struct Spot {
    page: usize,
    x: f64,
    y: f64,
}

/// One paragraph's extent.
#[derive(Debug, Clone)]
struct Span {
    key: String,
    start: Spot,
    end: Spot,
}

#[derive(Debug)]
struct Layout {
    grid: Grid,
    spans: Vec<Span>,
    /// Per page (from page 1), the grid lines it fills: one past its lowest line.
    used: Vec<usize>,
    /// Per page, whether it starts with text (not a picture or a table).
    text_first: Vec<bool>,
    /// Per page, the faults at its break ([`Layout::faults`]).
    faults: Vec<usize>,
}

impl Layout {
    /// The grid and every marked paragraph, in document order; `None` when the template
    /// does not mark them.
    fn read(paged: &PagedDocument) -> Option<Self> {
        let grid_meta = marked(paged, "zhprint-grid").into_iter().next()?;
        let Value::Dict(dict) = &grid_meta.0 else {
            return None;
        };
        let grid = Grid {
            top: number(dict, "top")?,
            pitch: number(dict, "pitch")?,
            lines: number(dict, "lines")? as usize,
            right: number(dict, "right")?,
            indent: number(dict, "indent")?,
        };
        if grid.pitch <= 0.0 || grid.lines == 0 {
            return None;
        }
        let ends: HashMap<String, Spot> = marked(paged, "zhprint-end")
            .into_iter()
            .filter_map(|(value, spot)| Some((key_of(&value)?, spot)))
            .collect();
        let spans = marked(paged, "zhprint-start")
            .into_iter()
            .filter_map(|(value, start)| {
                let key = key_of(&value)?;
                let end = *ends.get(&key)?;
                Some(Span { key, start, end })
            })
            .collect();
        let (used, text_first) = paged
            .pages()
            .iter()
            .map(|page| {
                let mut extent = Extent::default();
                extent.add(&page.frame, Point::zero(), &grid);
                (extent.used, extent.top.is_some_and(|(_, text)| text))
            })
            .unzip();
        let mut layout = Self {
            grid,
            spans,
            used,
            text_first,
            faults: Vec::new(),
        };
        layout.faults = layout.faults();
        Some(layout)
    }

    /// The lines page `page` (from 1) fills.
    fn used(&self, page: usize) -> usize {
        page.checked_sub(1)
            .and_then(|i| self.used.get(i))
            .copied()
            .unwrap_or(0)
    }

    /// What is wrong at each page's break (from page 1): a paragraph's lone first line
    /// at the page's foot, its lone last line at the next page's head, and the page
    /// left short by lines kept together (typst's widow and orphan prevention, or a
    /// heading kept with its next line) where the next page starts with text.
    fn faults(&self) -> Vec<usize> {
        let g = &self.grid;
        let mut faults: Vec<usize> = (1..=self.used.len())
            .map(|page| {
                let next_starts_with_text = self.text_first.get(page).copied().unwrap_or(false);
                usize::from(next_starts_with_text && self.used(page) < g.lines)
            })
            .collect();
        let mut add = |page: usize| {
            if let Some(n) = page.checked_sub(1).and_then(|i| faults.get_mut(i)) {
                *n += 1;
            }
        };
        for span in &self.spans {
            let (start, end) = (span.start, span.end);
            if self.starts_alone(span) {
                add(start.page);
            }
            if start.page < end.page && g.line(end.y) == 0 {
                add(end.page - 1);
            }
        }
        faults
    }

    /// Whether the paragraph's first line is alone at its page's foot (an orphan).
    fn starts_alone(&self, span: &Span) -> bool {
        span.start.page < span.end.page
            && self.grid.line(span.start.y).saturating_add(1) >= self.used(span.start.page)
    }

    fn faults_through(&self, page: usize) -> usize {
        self.faults.iter().take(page).sum()
    }

    /// The first page from `from` whose break has a fault.
    fn first_fault(&self, from: usize) -> Option<usize> {
        let skip = from.saturating_sub(1);
        let at = self.faults.iter().skip(skip).position(|&n| n > 0)?;
        Some(skip + at + 1)
    }

    /// The changes that could move the break after `page` by one line: a paragraph
    /// with lines on that page taking one line more or less.
    fn remedies(&self, page: usize, counts: &HashMap<String, Counts>) -> Vec<(String, f64)> {
        let g = &self.grid;
        let mut found: Vec<(String, f64)> = Vec::new();
        for span in &self.spans {
            let on_page = span.start.page <= page && span.end.page >= page;
            // An orphan's own paragraph keeps its one line on the page whatever it does.
            let orphan = span.start.page == page && self.starts_alone(span);
            if !on_page || orphan {
                continue;
            }
            let Some(counts) = counts.get(&span.key) else {
                continue;
            };
            // Points gained or lost per point of change of the marks.
            let give = counts.marks as f64 + LATIN_SHARE * counts.latin as f64;
            if give == 0.0 {
                continue;
            }
            let lines = self.line_count(span);
            // The last line's left edge: a list item's lines hang under its first; a
            // paragraph's first line is indented.
            let left = span.start.x
                - if span.key.contains('.') {
                    0.0
                } else {
                    g.indent
                };
            let room = (g.right - span.end.x).max(0.0);
            let filled = (span.end.x - left).max(0.0);
            // The change that would just do it, were the marks the only give: the
            // breaker also spends some on the lines' justification, so tries use three
            // times that to tighten and twice to loosen (up to the limits). Those
            // factors mended the most lone lines of the shared corpus for the same
            // number of layouts (54 of 94 left against 70 at 1.25 times).
            let just = |needed: f64| needed / give;
            if lines >= 2 && just(filled) <= MAX_TIGHTEN {
                let change = (3.0 * just(filled)).min(MAX_TIGHTEN);
                found.push((span.key.clone(), -round_tenth(change)));
            }
            let overflow = room + g.indent / 4.0;
            if just(overflow) <= MAX_LOOSEN {
                let change = (2.0 * just(overflow)).min(MAX_LOOSEN);
                found.push((span.key.clone(), round_tenth(change)));
            }
        }
        // Loosening first: on the corpus it moved the break more often (44% of tries
        // against 31%).
        found.sort_by(|a, b| {
            (a.1 < 0.0)
                .cmp(&(b.1 < 0.0))
                .then(a.1.abs().total_cmp(&b.1.abs()))
                .then(a.0.cmp(&b.0))
        });
        found
    }

    /// The number of lines of the paragraph with `key`.
    fn lines_of(&self, key: &str) -> Option<usize> {
        let span = self.spans.iter().find(|s| s.key == key)?;
        Some(self.line_count(span))
    }

    fn line_count(&self, span: &Span) -> usize {
        let g = &self.grid;
        let index = |y| g.line(y);
        if span.start.page == span.end.page {
            return index(span.end.y)
                .saturating_sub(index(span.start.y))
                .saturating_add(1);
        }
        // Saturating: a template of a user's could place its marks anywhere.
        let first = self
            .used(span.start.page)
            .saturating_sub(index(span.start.y));
        let between: usize = (span.start.page + 1..span.end.page)
            .map(|p| self.used(p))
            .sum();
        let last = index(span.end.y).saturating_add(1);
        first.saturating_add(between).saturating_add(last)
    }
}

/// What a page puts on the grid: one past the lowest line that anything takes (text by
/// its baseline, pictures and table rules by their bottom), and its topmost item's top
/// and whether it is text. The footer, below the grid, does not count.
#[derive(Default)]
struct Extent {
    used: usize,
    top: Option<(f64, bool)>,
}

impl Extent {
    fn add(&mut self, frame: &Frame, at: Point, grid: &Grid) {
        let bottom = grid.top + grid.pitch * grid.lines as f64;
        for (pos, item) in frame.items() {
            let here = at + *pos;
            let (top, low, text) = match item {
                FrameItem::Group(group) => {
                    let shift = Point::new(group.transform.tx, group.transform.ty);
                    self.add(&group.frame, here + shift, grid);
                    continue;
                }
                // A text run's position is its baseline; its top is about an em above.
                FrameItem::Text(run) => (here.y - run.size, here.y, true),
                // A hair above the bottom: a box of whole lines ends on the next line's top.
                FrameItem::Image(_, size, _) => (here.y, here.y + size.y, false),
                FrameItem::Shape(shape, _) => {
                    let bbox = shape.bbox(false);
                    (here.y + bbox.min.y, here.y + bbox.max.y, false)
                }
                FrameItem::Link(..) | FrameItem::Tag(_) => continue,
            };
            let low = low.to_pt() - if text { 0.0 } else { 0.01 };
            if low <= grid.top || low >= bottom {
                continue;
            }
            self.used = self.used.max(grid.line(low).saturating_add(1));
            let top = top.to_pt();
            if self.top.is_none_or(|(y, _)| top < y) {
                self.top = Some((top, text));
            }
        }
    }
}

fn round_tenth(x: f64) -> f64 {
    (x * 10.0).ceil() / 10.0
}

/// The metadata values under `label` with their spots, in document order.
fn marked(paged: &PagedDocument, label: &str) -> Vec<(Value, Spot)> {
    let intro = paged.introspector();
    let Some(label) = Label::new(PicoStr::intern(label)) else {
        return Vec::new();
    };
    intro
        .elements()
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|content: &Content| {
            let value = content.to_packed::<MetadataElem>()?.value.clone();
            let pos = intro.position(content.location()?)?;
            let spot = Spot {
                page: pos.page.get(),
                x: pos.point.x.to_pt(),
                y: pos.point.y.to_pt(),
            };
            Some((value, spot))
        })
        .collect()
}

fn number(dict: &Dict, field: &str) -> Option<f64> {
    match dict.get(field).ok()? {
        Value::Float(f) => Some(*f),
        Value::Int(i) => Some(*i as f64),
        _ => None,
    }
}

fn key_of(value: &Value) -> Option<String> {
    match value {
        Value::Str(s) => Some(s.to_string()),
        _ => None,
    }
}

/// The pause and closing marks and the digits and Latin letters of a paragraph: what
/// can change its length.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    marks: usize,
    latin: usize,
}

/// The [`Counts`] of every paragraph and list item, by the template's keys: "3", "5/0"
/// (block 0 of quote 5), "7.2" (item 2 of list 7).
fn counts(doc: &Document) -> HashMap<String, Counts> {
    fn walk(blocks: &[Block], path: &str, out: &mut HashMap<String, Counts>) {
        for (i, block) in blocks.iter().enumerate() {
            let key = format!("{path}{i}");
            match block {
                Block::Paragraph { content } => {
                    out.insert(key, count(content, Counts::default()));
                }
                Block::List { items, .. } => {
                    for (j, item) in items.iter().enumerate() {
                        out.insert(format!("{key}.{j}"), count(item, Counts::default()));
                    }
                }
                Block::Quote { blocks } => walk(blocks, &format!("{key}/"), out),
                _ => {}
            }
        }
    }
    fn count(items: &[Inline], mut sum: Counts) -> Counts {
        for item in items {
            match item {
                Inline::Text { text } => {
                    for c in text.chars() {
                        if PAUSE_MARKS.contains(c) {
                            sum.marks += 1;
                        } else if c.is_ascii_alphanumeric() || c == '%' {
                            sum.latin += 1;
                        }
                    }
                }
                Inline::Strong { content }
                | Inline::Emphasis { content }
                | Inline::Link { content, .. } => sum = count(content, sum),
                Inline::LineBreak => {}
            }
        }
        sum
    }
    let mut out = HashMap::new();
    walk(&doc.blocks, "", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_the_templates_keys() {
        let para = |text: &str| Block::Paragraph {
            content: vec![Inline::text(text)],
        };
        let doc = Document {
            blocks: vec![
                para("一，二。"),
                Block::Heading {
                    level: 1,
                    content: vec![Inline::text("标题，")],
                },
                Block::Quote {
                    blocks: vec![para("x"), para("2021年，")],
                },
                Block::List {
                    ordered: false,
                    items: vec![
                        vec![Inline::Strong {
                            content: vec![Inline::text("甲、乙")],
                        }],
                        vec![Inline::text("GB 9704；")],
                    ],
                },
            ],
            ..Document::default()
        };
        let counts = counts(&doc);
        let got = |key: &str| counts.get(key).map(|c| (c.marks, c.latin));
        assert_eq!(got("0"), Some((2, 0)));
        assert_eq!(got("1"), None, "headings are not mended");
        assert_eq!(got("2/0"), Some((0, 1)));
        assert_eq!(got("2/1"), Some((1, 4)));
        assert_eq!(got("3.0"), Some((1, 0)));
        assert_eq!(got("3.1"), Some((1, 6)));
        assert_eq!(counts.len(), 5);
    }
}
