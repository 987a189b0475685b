//! Plain-text edition: [`Document`] → UTF-8 text laid out for 80 columns.
//!
//! Laid out here rather than by html2text (see [`render`] for why): lines break
//! between any two Han characters, never before `，。）”` and friends or after
//! `（“《`, never inside a Latin word or number, measured with East Asian widths.
//!
//! Layout, following print: title and the source/date line centred; headings on
//! their own line with a blank line above; body paragraphs indented by two
//! ideographic spaces (U+3000, the "左空二字" of GB/T 9704 and the convention of
//! Chinese plain text), wrapped lines flush left, no blank line between
//! paragraphs; lists, quotes and tables set off by blank lines; tables drawn with
//! ASCII rules (box-drawing characters are East Asian Ambiguous and misalign
//! in Chinese terminals).

use unicode_width::UnicodeWidthChar;

use crate::model::{Block, Inline, TableRow};
use crate::Document;

/// Columns per line. Han characters count two.
pub const WIDTH: usize = 80;

const INDENT: &str = "\u{3000}\u{3000}";

/// Render `doc` as plain text.
///
/// html2text 0.17.4 (the user's first choice) was tried on an escaped HTML
/// rendition of a document like the seed report, at 80 columns, and not used:
/// - it drops the two U+3000 of a paragraph indent and collapses the U+3000
///   between fields (it treats them as collapsible whitespace);
/// - it prefixes headings with `#`/`##`, list items with `*` and quotes with `>`,
///   even with `plain_no_decorate()`; `plain()` also wraps emphasis in `*…*` and
///   turns links into `[text][1]` footnotes;
/// - it breaks only at whitespace: a space inside a Chinese paragraph
///   (`3.6 小时`) ends the line there, leaving it half empty, and a run of Han text
///   is cut at exactly 80 columns with no rule against `，` or `。` starting a line;
/// - it draws tables with box-drawing characters, which are East Asian Ambiguous
///   and misalign in Chinese terminals and fonts.
pub fn render(doc: &Document) -> String {
    let mut out = Layout::default();
    if !doc.meta.title.trim().is_empty() {
        out.centred(&doc.meta.title);
    }
    let meta = meta_line(doc);
    if !meta.is_empty() {
        out.centred(&meta);
    }
    if !out.lines.is_empty() {
        out.blank();
    }
    for block in &doc.blocks {
        out.block(block, "");
    }
    while out.lines.last().is_some_and(String::is_empty) {
        out.lines.pop();
    }
    let mut text = out.lines.join("\n");
    text.push('\n');
    text
}

fn meta_line(doc: &Document) -> String {
    let mut parts = Vec::new();
    if let Some(s) = doc.meta.source.as_deref().filter(|s| !s.trim().is_empty()) {
        parts.push(format!("来源：{}", s.trim()));
    }
    if let Some(d) = doc.meta.date.as_deref().filter(|s| !s.trim().is_empty()) {
        parts.push(format!("发布日期：{}", chinese_date(d.trim())));
    }
    parts.join("\u{3000}\u{3000}")
}

/// `2022-03-07` → `2022年3月7日`; anything else as is.
fn chinese_date(d: &str) -> String {
    let parts: Vec<&str> = d.split('-').collect();
    match parts.as_slice() {
        [y, m, day]
            if [y, m, day]
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) =>
        {
            let n = |s: &str| s.trim_start_matches('0').to_string();
            format!("{y}年{}月{}日", n(m), n(day))
        }
        _ => d.to_string(),
    }
}

#[derive(Default)]
struct Layout {
    lines: Vec<String>,
}

impl Layout {
    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    fn centred(&mut self, text: &str) {
        for line in wrap(&clean(text), WIDTH, "", "") {
            let pad = WIDTH.saturating_sub(width(&line)) / 2;
            self.lines.push(format!("{}{line}", " ".repeat(pad)));
        }
    }

    /// `prefix` indents every line of the block (quotes).
    fn block(&mut self, block: &Block, prefix: &str) {
        let room = WIDTH.saturating_sub(width(prefix)).max(20);
        match block {
            Block::Heading { content, .. } => {
                self.blank();
                self.text(&inline_text(content), prefix, prefix);
            }
            Block::Paragraph { content } => {
                let first = format!("{prefix}{INDENT}");
                self.text(&inline_text(content), &first, prefix);
            }
            Block::List { ordered, items } => {
                self.blank();
                let mut n = 0;
                for item in items {
                    let text = inline_text(item);
                    if text.trim().is_empty() {
                        continue;
                    }
                    n += 1;
                    let marker = if *ordered {
                        format!("{n}. ")
                    } else {
                        "• ".to_string()
                    };
                    let hang = format!("{prefix}{}", " ".repeat(width(&marker)));
                    self.text(&text, &format!("{prefix}{marker}"), &hang);
                }
                self.blank();
            }
            Block::Table { rows } => {
                self.blank();
                for line in table(rows, room) {
                    self.lines.push(format!("{prefix}{line}"));
                }
                self.blank();
            }
            Block::Image { alt, caption, .. } => {
                let text = caption.as_deref().unwrap_or(alt).trim();
                if !text.is_empty() {
                    self.centred(&format!("［图］{text}"));
                }
            }
            Block::Quote { blocks } => {
                self.blank();
                let inner = format!("{prefix}{INDENT}");
                for b in blocks {
                    self.block(b, &inner);
                }
                self.blank();
            }
        }
    }

    /// Wraps `text` (which may hold `\n` line breaks) with `first` before its first
    /// line and `rest` before the others.
    fn text(&mut self, text: &str, first: &str, rest: &str) {
        if text.trim().is_empty() {
            return;
        }
        for (i, piece) in text.split('\n').enumerate() {
            let lead = if i == 0 { first } else { rest };
            self.lines.extend(wrap(piece.trim(), WIDTH, lead, rest));
        }
    }
}

/// Inline content as text: links as `text（URL）` unless the text is the URL.
fn inline_text(content: &[Inline]) -> String {
    let mut out = String::new();
    for inline in content {
        match inline {
            Inline::Text { text } => out.push_str(&clean(text)),
            Inline::Strong { content } | Inline::Emphasis { content } => {
                out.push_str(&inline_text(content))
            }
            Inline::Link { url, content } => {
                let text = inline_text(content);
                let url = clean(url);
                out.push_str(&text);
                if !url.is_empty() && text.trim() != url.trim() && !url.starts_with("javascript:") {
                    out.push_str(&format!("（{}）", url.trim()));
                }
            }
            Inline::LineBreak => out.push('\n'),
        }
    }
    out
}

/// Control characters out, tabs and carriage returns as spaces.
fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\r' => Some(' '),
            '\n' => Some('\n'),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Display width with East Asian Ambiguous characters (`“”…—·`) counted as two,
/// as Chinese fonts draw them: a line may end a little short, never too long.
fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    c.width_cjk().unwrap_or(0)
}

/// Must not start a line (spec §H3, GB法 basic set).
fn no_start(c: char) -> bool {
    "、，。；：？！”’）》〉】〕］｝」』〗—～·/／%‰℃°,.;:?!)]}".contains(c)
}

/// Must not end a line.
fn no_end(c: char) -> bool {
    "“‘（《〈【〔［｛「『〖/／¥$£№([{".contains(c)
}

/// Breakable units: one wide character, a run of narrow non-space characters (a
/// Latin word or a number), or a space; then glued so that no unit starts with a
/// no-start mark, ends with a no-end mark, or splits `——`/`……`.
fn units(text: &str) -> Vec<String> {
    let mut raw: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{3000}' {
            if !word.is_empty() {
                raw.push(std::mem::take(&mut word));
            }
            if raw.last().is_some_and(|u| u != " ") {
                raw.push(" ".into());
            }
        } else if char_width(c) >= 2 {
            if !word.is_empty() {
                raw.push(std::mem::take(&mut word));
            }
            raw.push(c.to_string());
        } else {
            word.push(c);
        }
    }
    if !word.is_empty() {
        raw.push(word);
    }
    let mut glued: Vec<String> = Vec::new();
    let mut carry = false; // the previous unit ends with a no-end mark
    for unit in raw {
        let first = unit.chars().next().unwrap_or(' ');
        let attach = match glued.last() {
            Some(prev) if prev != " " && unit != " " => {
                let last = prev.chars().last().unwrap_or(' ');
                carry || no_start(first) || (last == first && matches!(first, '—' | '…'))
            }
            _ => false,
        };
        carry = unit.chars().last().is_some_and(no_end);
        match glued.last_mut() {
            Some(prev) if attach => prev.push_str(&unit),
            _ => glued.push(unit),
        }
    }
    glued
}

/// Greedy fill to `limit` columns, `first` and `rest` as line prefixes (counted).
fn wrap(text: &str, limit: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_string();
    let mut used = width(first);
    let mut fresh = true; // nothing but the prefix on this line yet
    for unit in units(text) {
        let w = width(&unit);
        if unit == " " {
            if !fresh && used < limit {
                line.push(' ');
                used += 1;
            }
            continue;
        }
        if !fresh && used + w > limit {
            lines.push(line.trim_end().to_string());
            line = rest.to_string();
            used = width(rest);
            fresh = true;
        }
        // A unit wider than a whole line (a long URL) is cut where it must be.
        if used + w > limit {
            for c in unit.chars() {
                let cw = char_width(c);
                if !fresh && used + cw > limit {
                    lines.push(std::mem::take(&mut line));
                    line = rest.to_string();
                    used = width(rest);
                }
                line.push(c);
                used += cw;
                fresh = false;
            }
            continue;
        }
        line.push_str(&unit);
        used += w;
        fresh = false;
    }
    if !fresh {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// A table in ASCII rules, columns sized to content and fitted into `room`.
fn table(rows: &[TableRow], room: usize) -> Vec<String> {
    let grid = layout_grid(rows);
    let cols = grid
        .iter()
        .map(|r| r.iter().map(|c| c.col + c.span).max().unwrap_or(0))
        .max()
        .unwrap_or(0);
    if cols == 0 {
        return Vec::new();
    }
    // Natural widths from single-column cells, then shrink the widest columns
    // until the table (with `| ` … ` |` rules) fits.
    let mut widths = vec![2usize; cols];
    for cell in grid.iter().flatten().filter(|c| c.span == 1) {
        let w = cell.text.split('\n').map(width).max().unwrap_or(0);
        widths[cell.col] = widths[cell.col].max(w.min(room));
    }
    let total = |ws: &[usize]| ws.iter().sum::<usize>() + 3 * ws.len() + 1;
    while total(&widths) > room {
        let Some((i, &max)) = widths.iter().enumerate().max_by_key(|(_, w)| **w) else {
            break;
        };
        if max <= 4 {
            break;
        }
        widths[i] = max - 1;
    }
    let rule = {
        let mut s = String::from("+");
        for w in &widths {
            s.push_str(&"-".repeat(w + 2));
            s.push('+');
        }
        s
    };
    let mut out = vec![rule.clone()];
    for (r, row_cells) in grid.iter().enumerate() {
        // Wrap every cell to its spanned width; a row is as tall as its tallest cell.
        let mut wrapped: Vec<(usize, usize, Vec<String>)> = Vec::new();
        let mut c = 0;
        let mut cells = row_cells.iter().peekable();
        while c < cols {
            let (span, text) = match cells.next_if(|cell| cell.col == c) {
                Some(cell) => (cell.span, cell.text.clone()),
                None => (1, String::new()),
            };
            let w = widths[c..c + span].iter().sum::<usize>() + 3 * (span - 1);
            let mut lines = Vec::new();
            for piece in text.split('\n') {
                lines.extend(wrap(piece.trim(), w, "", ""));
            }
            wrapped.push((c, w, lines));
            c += span;
        }
        let height = wrapped
            .iter()
            .map(|(_, _, l)| l.len())
            .max()
            .unwrap_or(0)
            .max(1);
        for i in 0..height {
            let mut line = String::from("|");
            for (_, w, lines) in &wrapped {
                let text = lines.get(i).map(String::as_str).unwrap_or("");
                line.push(' ');
                line.push_str(text);
                line.push_str(&" ".repeat(w.saturating_sub(width(text)) + 1));
                line.push('|');
            }
            out.push(line);
        }
        let header_ends = rows.get(r).is_some_and(|row| row.header)
            && !rows.get(r + 1).is_some_and(|row| row.header);
        out.push(if header_ends {
            rule.replace('-', "=")
        } else {
            rule.clone()
        });
    }
    out
}

/// One laid-out table cell: its first grid column, span and text (empty for the
/// rows a rowspan continues into).
struct GridCell {
    col: usize,
    span: usize,
    text: String,
}

/// Places cells on the column grid, skipping positions taken by rowspans above.
fn layout_grid(rows: &[TableRow]) -> Vec<Vec<GridCell>> {
    const MAX_SPAN: usize = 63;
    let n = rows.len();
    let mut taken: Vec<Vec<bool>> = vec![Vec::new(); n];
    let mut out: Vec<Vec<GridCell>> = (0..n).map(|_| Vec::new()).collect();
    for (r, row) in rows.iter().enumerate() {
        let mut col = 0;
        for cell in &row.cells {
            while taken[r].get(col).copied().unwrap_or(false) {
                col += 1;
            }
            let want = (cell.colspan.max(1) as usize).min(MAX_SPAN);
            // Shrink a span that runs into a cell from above.
            let mut span = 0;
            while span < want && !taken[r].get(col + span).copied().unwrap_or(false) {
                span += 1;
            }
            let down = (cell.rowspan.max(1) as usize).min(n - r);
            for line in taken.iter_mut().skip(r).take(down) {
                if line.len() < col + span {
                    line.resize(col + span, false);
                }
                line[col..col + span].iter_mut().for_each(|t| *t = true);
            }
            out[r].push(GridCell {
                col,
                span,
                text: inline_text(&cell.content),
            });
            for later in out.iter_mut().skip(r + 1).take(down - 1) {
                later.push(GridCell {
                    col,
                    span,
                    text: String::new(),
                });
            }
            col += span;
        }
    }
    for row in &mut out {
        row.sort_by_key(|c| c.col);
        // Overlapping spans from malformed pages: keep the first cell at a column.
        row.dedup_by_key(|c| c.col);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meta, TableCell};

    fn t(s: &str) -> Inline {
        Inline::text(s)
    }

    fn para(s: &str) -> Block {
        Block::Paragraph {
            content: vec![t(s)],
        }
    }

    const LONG: &str = "2021年，太原市坚持以习近平新时代中国特色社会主义思想为指导，认真学习贯彻习近平法治思想和中央全面依法治国工作会议精神，平均用时3.6小时，占比99.77%，“放管服”改革不断深化（见附表），推进“一网通办”……全面完成年度目标任务。Latin words such as administrative-reconsideration stay whole.";

    #[test]
    fn lines_fit_and_obey_kinsoku() {
        let doc = Document {
            images: Vec::new(),
            meta: Meta::default(),
            blocks: vec![para(LONG), para(&LONG.repeat(3))],
        };
        let text = render(&doc);
        for line in text.lines() {
            assert!(width(line) <= WIDTH, "too wide: {line}");
            let first = line.chars().next().unwrap_or(' ');
            let last = line.chars().last().unwrap_or(' ');
            assert!(!no_start(first), "line starts with {first}: {line}");
            assert!(!no_end(last), "line ends with {last}: {line}");
        }
        // The text survives wrapping: joined lines give the paragraphs back.
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert!(squeeze(&text).contains(&squeeze(LONG)));
        assert!(text.contains("administrative-reconsideration"));
        assert!(!text.contains("…\n…") && !text.contains("—\n—"));
        assert!(text.starts_with("\u{3000}\u{3000}2021年"));
    }

    #[test]
    fn layout_of_a_whole_document() {
        let cell = |s: &str, colspan, rowspan| TableCell {
            content: vec![t(s)],
            colspan,
            rowspan,
        };
        let doc = Document {
            images: Vec::new(),
            meta: Meta {
                title: "太原市2021年法治政府建设年度报告".into(),
                date: Some("2022-03-07".into()),
                source: Some("太原市司法局".into()),
                ..Meta::default()
            },
            blocks: vec![
                Block::Heading {
                    level: 1,
                    content: vec![t("一、主要举措")],
                },
                para("正文。"),
                Block::Paragraph {
                    content: vec![
                        t("地址"),
                        Inline::LineBreak,
                        Inline::Link {
                            url: "https://example.org/".into(),
                            content: vec![t("网站")],
                        },
                    ],
                },
                Block::List {
                    ordered: true,
                    items: vec![vec![t("甲")], vec![t("乙")]],
                },
                Block::Table {
                    rows: vec![
                        TableRow {
                            header: true,
                            cells: vec![cell("项目", 1, 2), cell("数量", 2, 1)],
                        },
                        TableRow {
                            header: false,
                            cells: vec![cell("2021", 1, 1), cell("2022", 1, 1)],
                        },
                    ],
                },
                Block::Quote {
                    blocks: vec![para("引文")],
                },
                Block::Image {
                    src: "x.png".into(),
                    alt: "".into(),
                    caption: Some("图1".into()),
                    image: None,
                },
            ],
        };
        let text = render(&doc);
        let lines: Vec<&str> = text.lines().collect();
        let centred = |l: &str| l.starts_with("  ") && !l.starts_with('\u{3000}');
        assert!(centred(lines[0]) && lines[0].trim() == "太原市2021年法治政府建设年度报告");
        assert_eq!(
            lines[1].trim(),
            "来源：太原市司法局\u{3000}\u{3000}发布日期：2022年3月7日"
        );
        assert_eq!(lines[2], "");
        assert_eq!(lines[3], "一、主要举措");
        assert_eq!(lines[4], "\u{3000}\u{3000}正文。");
        assert_eq!(lines[5], "\u{3000}\u{3000}地址");
        assert_eq!(lines[6], "网站（https://example.org/）");
        assert!(text.contains("\n1. 甲\n2. 乙\n"));
        assert!(text.contains("| 项目 | 数量        |"), "{text}");
        assert!(text.contains("|      | 2021 | 2022 |"), "{text}");
        assert!(text.contains("+======+"), "header rule");
        assert!(text.contains("\n\u{3000}\u{3000}\u{3000}\u{3000}引文\n"));
        assert!(text.contains("［图］图1"));
        assert!(text.ends_with("［图］图1\n"));
        for bad in ["#", "*", "> "] {
            assert!(!text.contains(bad), "decoration {bad}");
        }
    }

    #[test]
    fn odd_input() {
        assert_eq!(render(&Document::default()), "\n");
        let cell = |colspan, rowspan| TableCell {
            content: vec![t("很长的单元格内容".repeat(20).as_str())],
            colspan,
            rowspan,
        };
        let doc = Document {
            images: Vec::new(),
            meta: Meta {
                title: "\u{0}".into(),
                date: Some("2022-3".into()),
                ..Meta::default()
            },
            blocks: vec![
                para(&"x".repeat(300)),
                Block::Table {
                    rows: vec![TableRow {
                        header: false,
                        cells: (0..40).map(|_| cell(0, 0)).collect(),
                    }],
                },
                Block::Table {
                    rows: vec![
                        TableRow {
                            header: true,
                            cells: vec![cell(u32::MAX, u32::MAX), cell(2, 2)],
                        },
                        TableRow {
                            header: false,
                            cells: vec![],
                        },
                    ],
                },
                Block::Quote {
                    blocks: vec![Block::Quote {
                        blocks: vec![Block::Quote {
                            blocks: vec![para("深")],
                        }],
                    }],
                },
            ],
        };
        let text = render(&doc);
        assert!(text.contains("发布日期：2022-3"));
        assert!(text
            .lines()
            .filter(|l| l.starts_with('x'))
            .all(|l| width(l) <= WIDTH));
    }
}
