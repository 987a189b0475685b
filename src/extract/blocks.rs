//! Blocks: the chosen content node(s) → [`Block`]s, in reading order.
//!
//! Text flows into a paragraph until a block-level element ends it; `<br><br>` also
//! ends one, and single `<br>`s either split long lines into paragraphs (old sites
//! separate paragraphs that way) or stay as [`Inline::LineBreak`] (addresses,
//! signatures). Headings, lists, data tables, images, quotes and preformatted text
//! become their own blocks; layout tables and containers are walked through. Widgets
//! inside the content (share bars, link lists, chrome-hinted boxes) are skipped.

use scraper::Node;

use super::dom::{self, NodeRef};
use super::scoring::Analysis;
use super::text::{InlineBuilder, Run, Style};
use crate::model::{plain_text, Block, Inline, TableCell, TableRow};

/// Deeper than this, structure is ignored and only text is kept (no stack overflow
/// on pathological nesting).
const MAX_DEPTH: usize = 200;

/// A converted block and the share of its text inside links.
pub struct Converted {
    pub block: Block,
    pub link_ratio: f64,
    /// A heading made from an `<h1>`…`<h6>` (its level is relative to the others).
    pub from_h: bool,
}

pub struct Converter<'a> {
    url: Option<&'a url::Url>,
    analysis: &'a Analysis,
    /// The content root(s): never skipped as chrome themselves.
    roots: Vec<NodeRef<'a>>,
    out: Vec<Converted>,
    runs: Vec<Run>,
    /// Skip small boxes that class/id hints call chrome (off for the fallback, which
    /// must not lose an article to a hint).
    trust_hints: bool,
}

impl<'a> Converter<'a> {
    pub fn new(url: Option<&'a url::Url>, analysis: &'a Analysis) -> Self {
        Converter {
            url,
            analysis,
            roots: Vec::new(),
            out: Vec::new(),
            runs: Vec::new(),
            trust_hints: true,
        }
    }

    /// A converter that judges boxes by their text alone, not by class and id hints.
    pub fn ignoring_hints(self) -> Self {
        Converter {
            trust_hints: false,
            ..self
        }
    }

    /// Convert the content nodes into blocks.
    pub fn convert(mut self, roots: &[NodeRef<'a>]) -> Vec<Converted> {
        self.roots = roots.to_vec();
        for &root in roots {
            self.flow(root, &Style::default(), 0);
            self.flush();
        }
        relative_heading_levels(&mut self.out);
        self.out
    }

    fn child(&self) -> Self {
        Converter {
            url: self.url,
            analysis: self.analysis,
            roots: self.roots.clone(),
            out: Vec::new(),
            runs: Vec::new(),
            trust_hints: self.trust_hints,
        }
    }

    fn flow(&mut self, node: NodeRef<'a>, style: &Style, depth: usize) {
        match node.value() {
            Node::Text(text) => self.runs.push(Run::text(text, style)),
            Node::Element(el) => {
                let name = el.name();
                if dom::is_skipped(name) || dom::is_hidden(node) {
                    return;
                }
                if depth > MAX_DEPTH {
                    self.flat_text(node, style);
                    return;
                }
                if !self.roots.contains(&node) && self.is_widget(node, name) {
                    self.flush();
                    return;
                }
                self.element(node, name, style, depth);
            }
            _ => {}
        }
    }

    fn children(&mut self, node: NodeRef<'a>, style: &Style, depth: usize) {
        for child in node.children() {
            self.flow(child, style, depth + 1);
        }
    }

    fn element(&mut self, node: NodeRef<'a>, name: &str, style: &Style, depth: usize) {
        if let Some(level) = dom::heading_level(name) {
            self.flush();
            let (content, link_ratio) = self.inline_of(node, depth);
            if !plain_text(&content).trim().is_empty() {
                self.out.push(Converted {
                    block: Block::Heading { level, content },
                    link_ratio,
                    from_h: true,
                });
            }
            return;
        }
        match name {
            "br" => self.runs.push(Run::line_break()),
            "img" => {
                if let Some(block) = self.image(node, None) {
                    self.flush();
                    self.push(block, 0.0);
                }
            }
            "ul" | "ol" | "menu" | "dl" => {
                self.flush();
                self.list(node, name == "ol", depth);
            }
            "table" => {
                self.flush();
                if is_data_table(node) {
                    self.table(node, depth);
                } else {
                    self.children(node, style, depth);
                    self.flush();
                }
            }
            "blockquote" => {
                self.flush();
                let mut inner = self.child();
                inner.children(node, &Style::default(), depth);
                inner.flush();
                let blocks: Vec<Block> = inner.out.into_iter().map(|c| c.block).collect();
                if !blocks.is_empty() {
                    self.push(Block::Quote { blocks }, 0.0);
                }
            }
            "figure" => {
                self.flush();
                self.figure(node, depth);
            }
            "pre" => {
                self.flush();
                let text = flat(node);
                let mut runs = Vec::new();
                for (i, line) in text.lines().enumerate() {
                    if i > 0 {
                        runs.push(Run::line_break());
                    }
                    runs.push(Run::literal(line, style));
                }
                self.runs = runs;
                self.flush_literal();
            }
            "hr" => self.flush(),
            _ if dom::is_block(name) => {
                self.flush();
                self.children(node, style, depth);
                self.flush();
            }
            _ => {
                let style = style.inside(node, name, self.url);
                self.children(node, &style, depth);
            }
        }
    }

    /// Inline content of one element (a heading, a cell, a list item): blocks inside
    /// it are joined with line breaks.
    fn inline_of(&self, node: NodeRef<'a>, depth: usize) -> (Vec<Inline>, f64) {
        let mut inner = self.child();
        inner.children(node, &Style::default(), depth);
        inner.flush();
        let mut content = Vec::new();
        let (mut chars, mut links) = (0.0, 0.0);
        for converted in inner.out {
            let text_len = block_chars(&converted.block) as f64;
            chars += text_len;
            links += text_len * converted.link_ratio;
            let inlines = match converted.block {
                Block::Heading { content, .. } | Block::Paragraph { content } => content,
                Block::List { items, .. } => items.into_iter().flatten().collect(),
                other => other.text_lines().into_iter().map(Inline::text).collect(),
            };
            if inlines.is_empty() {
                continue;
            }
            if !content.is_empty() {
                content.push(Inline::LineBreak);
            }
            content.extend(inlines);
        }
        let ratio = if chars > 0.0 { links / chars } else { 0.0 };
        (content, ratio)
    }

    fn list(&mut self, node: NodeRef<'a>, ordered: bool, depth: usize) {
        let mut items = Vec::new();
        let (mut chars, mut links) = (0.0, 0.0);
        for item in node.children() {
            match dom::name(item) {
                Some("li" | "dt" | "dd") => {
                    if dom::is_hidden(item) {
                        continue;
                    }
                    let (content, ratio) = self.inline_of(item, depth + 1);
                    let len = plain_text(&content)
                        .chars()
                        .filter(|c| dom::counts(*c))
                        .count();
                    if len > 0 {
                        chars += len as f64;
                        links += len as f64 * ratio;
                        items.push(content);
                    }
                }
                Some(name) if matches!(name, "ul" | "ol") => {
                    self.list(item, name == "ol", depth + 1)
                }
                Some(_) => {
                    // Stray content directly inside a list: keep it as an item.
                    let (content, _) = self.inline_of(item, depth + 1);
                    if !plain_text(&content).trim().is_empty() {
                        items.push(content);
                    }
                }
                None => {}
            }
        }
        if items.is_empty() {
            return;
        }
        let ratio = if chars > 0.0 { links / chars } else { 0.0 };
        self.push(Block::List { ordered, items }, ratio);
    }

    fn table(&mut self, node: NodeRef<'a>, depth: usize) {
        let mut rows = Vec::new();
        for (tr, in_head) in table_rows(node) {
            let mut cells = Vec::new();
            let mut all_th = true;
            for cell in tr.children() {
                let Some(name @ ("td" | "th")) = dom::name(cell) else {
                    continue;
                };
                all_th &= name == "th";
                let (content, _) = self.inline_of(cell, depth + 2);
                cells.push(TableCell {
                    content,
                    colspan: span(cell, "colspan"),
                    rowspan: span(cell, "rowspan"),
                });
            }
            if cells
                .iter()
                .all(|c| plain_text(&c.content).trim().is_empty())
            {
                continue;
            }
            rows.push(TableRow {
                header: in_head || all_th,
                cells,
            });
        }
        if !rows.is_empty() {
            let ratio = self.analysis.get(node).link_density();
            self.push(Block::Table { rows }, ratio);
        }
    }

    fn figure(&mut self, node: NodeRef<'a>, depth: usize) {
        let caption = node
            .descendants()
            .find(|n| dom::name(*n) == Some("figcaption"))
            .map(|n| super::text::collapse(&flat(n)))
            .filter(|c| !c.is_empty());
        let mut image = false;
        for child in node.descendants() {
            if dom::name(child) == Some("img") {
                let cap = if image { None } else { caption.clone() };
                if let Some(block) = self.image(child, cap) {
                    self.push(block, 0.0);
                    image = true;
                }
            }
        }
        let media = || {
            node.descendants().any(|n| {
                matches!(
                    dom::name(n),
                    Some("iframe" | "video" | "audio" | "object" | "embed")
                )
            })
        };
        if !image && !media() {
            // A figure without an image (a pull quote, a chart in markup): its text.
            // A video's figure goes whole: paper cannot play it, so its caption
            // would describe nothing.
            self.children(node, &Style::default(), depth);
            self.flush();
        }
    }

    fn image(&self, node: NodeRef<'a>, caption: Option<String>) -> Option<Block> {
        let Node::Element(el) = node.value() else {
            return None;
        };
        // Lazy-loading pages (WeChat and others) keep the real address in data-src
        // and a placeholder `data:` URI in src; a `data:` URI alone is the image
        // itself (pages saved with images inlined).
        let srcs = || {
            ["data-src", "data-original", "src"]
                .iter()
                .filter_map(|attr| el.attr(attr))
                .map(str::trim)
        };
        let src = srcs()
            .find(|src| !src.is_empty() && !src.starts_with("data:"))
            .or_else(|| srcs().find(|src| src.starts_with("data:image/")))?;
        let tiny = ["width", "height"].iter().any(|attr| {
            el.attr(attr)
                .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
                .is_some_and(|v| v < 40)
        });
        if tiny || is_button(node) {
            return None; // spacers, icons, tracking pixels, buttons
        }
        let src = match self.url {
            Some(base) => base
                .join(src)
                .map_or_else(|_| src.to_owned(), |u| u.to_string()),
            None => src.to_owned(),
        };
        let mut alt = super::text::collapse(dom::attr(el, "alt").unwrap_or(""));
        if is_file_name(&alt) {
            alt.clear(); // `IMG_3886.jpg` describes nothing
        }
        Some(Block::Image {
            src,
            alt,
            caption,
            image: None,
        })
    }

    /// Text of a subtree, unstructured: for nesting too deep to walk.
    fn flat_text(&mut self, node: NodeRef<'a>, style: &Style) {
        self.runs.push(Run::text(&flat(node), style));
    }

    fn push(&mut self, block: Block, link_ratio: f64) {
        self.out.push(Converted {
            block,
            link_ratio,
            from_h: false,
        });
    }

    /// End the paragraph in progress.
    fn flush(&mut self) {
        let runs = std::mem::take(&mut self.runs);
        for paragraph in super::text::paragraphs(runs) {
            let builder = InlineBuilder::build(&paragraph);
            if builder.content.is_empty() {
                continue;
            }
            let block = if builder.is_bold_heading() {
                Block::Heading {
                    level: 1,
                    content: builder.content,
                }
            } else {
                Block::Paragraph {
                    content: builder.content,
                }
            };
            self.out.push(Converted {
                block,
                link_ratio: builder.link_ratio,
                from_h: false,
            });
        }
    }

    /// End a preformatted paragraph: every line break kept.
    fn flush_literal(&mut self) {
        let runs = std::mem::take(&mut self.runs);
        let builder = InlineBuilder::build(&runs);
        if !builder.content.is_empty() {
            self.push(
                Block::Paragraph {
                    content: builder.content,
                },
                builder.link_ratio,
            );
        }
    }

    /// Boxes inside the content that are not part of it: chrome-hinted boxes that are
    /// small or mostly links, and link lists.
    fn is_widget(&self, node: NodeRef<'a>, name: &str) -> bool {
        if !dom::is_block(name) {
            return false;
        }
        let stats = self.analysis.get(node);
        let density = stats.link_density();
        if self.trust_hints && stats.hint < 0 && (density > 0.3 || stats.chars < 200) {
            return true;
        }
        // A small form inside the text: a comment or login box (its labels are
        // text; its fields are not).
        if name == "form" && stats.chars < 300 {
            return true;
        }
        // A block that is nearly all links: menus, tag clouds, "related" lists.
        !matches!(name, "p" | "td" | "th" | "li") && stats.chars > 0 && density > 0.7
    }
}

/// An image that runs a script when clicked: a share, mail or print button.
fn is_button(img: NodeRef<'_>) -> bool {
    let runs_script = |node: NodeRef<'_>| match node.value() {
        Node::Element(el) => {
            dom::attr(el, "onclick").is_some()
                || dom::attr(el, "href").is_some_and(dom::is_script_href)
        }
        _ => false,
    };
    runs_script(img)
        || img
            .ancestors()
            .take(3)
            .any(|a| dom::name(a) == Some("a") && runs_script(a))
}

/// An image file name used as alt text.
fn is_file_name(alt: &str) -> bool {
    let lower = alt.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp"]
        .iter()
        .any(|ext| lower.ends_with(ext))
        && !alt.contains(char::is_whitespace)
}

/// Every `<tr>` of a table (not of tables nested in it), with whether it is in `<thead>`.
fn table_rows(table: NodeRef<'_>) -> Vec<(NodeRef<'_>, bool)> {
    let mut rows = Vec::new();
    for child in table.children() {
        match dom::name(child) {
            Some("tr") => rows.push((child, false)),
            Some(section @ ("thead" | "tbody" | "tfoot")) => {
                for tr in child.children().filter(|n| dom::name(*n) == Some("tr")) {
                    rows.push((tr, section == "thead"));
                }
            }
            _ => {}
        }
    }
    rows
}

/// Rows and the most cells in a row.
pub fn table_shape(table: NodeRef<'_>) -> (usize, usize) {
    let rows = table_rows(table);
    let cols = rows
        .iter()
        .map(|(tr, _)| {
            tr.children()
                .filter(|n| matches!(dom::name(*n), Some("td" | "th")))
                .count()
        })
        .max()
        .unwrap_or(0);
    (rows.len(), cols)
}

/// A table of data (rows × columns of short cells), as opposed to page layout.
pub fn is_data_table(table: NodeRef<'_>) -> bool {
    let rows = table_rows(table);
    let mut max_cols = 0;
    for (tr, _) in &rows {
        let cells: Vec<_> = tr
            .children()
            .filter(|n| matches!(dom::name(*n), Some("td" | "th")))
            .collect();
        max_cols = max_cols.max(cells.len());
        for cell in cells {
            let nested = cell.descendants().skip(1).any(|n| {
                matches!(
                    dom::name(n),
                    Some("table" | "p" | "div" | "ul" | "ol" | "h1" | "h2" | "h3" | "img")
                )
            });
            if nested && has_text_over(cell, 300) {
                return false;
            }
            if cell
                .descendants()
                .skip(1)
                .any(|n| dom::name(n) == Some("table"))
            {
                return false;
            }
        }
    }
    !rows.is_empty() && max_cols >= 2
}

/// Whether the text under `node` is longer than `limit` characters; stops counting
/// there (a cell holding a deep chain of tables must not be copied per level).
fn has_text_over(node: NodeRef<'_>, limit: usize) -> bool {
    let mut count = 0;
    for text in node.descendants().filter_map(|n| n.value().as_text()) {
        count += text.chars().filter(|c| dom::counts(*c)).count();
        if count > limit {
            return true;
        }
    }
    false
}

fn span(cell: NodeRef<'_>, attr: &str) -> u32 {
    match cell.value() {
        Node::Element(el) => el
            .attr(attr)
            .and_then(|v| v.trim().parse::<u32>().ok())
            .map_or(1, |v| v.clamp(1, 1000)),
        _ => 1,
    }
}

/// Visible text of a subtree, iteratively; block ends become newlines.
pub fn flat(node: NodeRef<'_>) -> String {
    flat_until(node, usize::MAX, usize::MAX)
}

/// [`flat`], stopping once the text holds `lines` complete lines with visible
/// characters or more than `chars` visible characters: its first lines, or enough
/// to know a text is too long, without flattening a whole article.
pub fn flat_until(node: NodeRef<'_>, lines: usize, chars: usize) -> String {
    let mut out = String::new();
    let mut count = LineCount::default();
    dom::walk(node, |n, step| {
        if step == dom::Step::Open && (count.lines >= lines || count.chars > chars) {
            return false;
        }
        match n.value() {
            Node::Text(text) => {
                if step == dom::Step::Open {
                    out.push_str(text);
                    count.add(text);
                }
                false
            }
            Node::Element(el) => {
                let name = el.name();
                if step == dom::Step::Open {
                    if dom::is_skipped(name) || dom::is_hidden(n) {
                        return false;
                    }
                    if name == "br" {
                        out.push('\n');
                        count.add("\n");
                    }
                } else if dom::is_block(name) && !out.ends_with('\n') {
                    out.push('\n');
                    count.add("\n");
                }
                true
            }
            _ => true,
        }
    });
    out
}

/// Complete lines with a visible character, and visible characters, of a text as it grows.
#[derive(Default)]
struct LineCount {
    lines: usize,
    chars: usize,
    line_has_text: bool,
}

impl LineCount {
    fn add(&mut self, text: &str) {
        for c in text.chars() {
            if c == '\n' {
                self.lines += usize::from(self.line_has_text);
                self.line_has_text = false;
            } else if !c.is_whitespace() {
                self.chars += 1;
                self.line_has_text = true;
            }
        }
    }
}

fn block_chars(block: &Block) -> usize {
    block
        .text_lines()
        .iter()
        .map(|l| l.chars().filter(|c| dom::counts(*c)).count())
        .sum()
}

/// `<h1>`…`<h6>` levels made relative: the highest one in the content becomes 1.
fn relative_heading_levels(blocks: &mut [Converted]) {
    let top = blocks
        .iter()
        .filter(|c| c.from_h)
        .filter_map(|c| match c.block {
            Block::Heading { level, .. } => Some(level),
            _ => None,
        })
        .min();
    if let Some(top) = top {
        for converted in blocks.iter_mut().filter(|c| c.from_h) {
            if let Block::Heading { level, .. } = &mut converted.block {
                *level = (*level + 1 - top).clamp(1, 6);
            }
        }
    }
}
