//! Inline text: runs of styled text and `<br>`s → paragraphs of [`Inline`]s, with HTML
//! whitespace collapsed the way a browser shows it.

use scraper::Node;

use super::dom::{self, NodeRef};
use crate::model::Inline;

/// Inline styling in effect at a point of the tree.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Style {
    pub strong: bool,
    pub em: bool,
    pub link: Option<String>,
}

impl Style {
    /// The style inside inline element `name`.
    pub fn inside(&self, node: NodeRef<'_>, name: &str, base: Option<&url::Url>) -> Style {
        let mut style = self.clone();
        match name {
            "strong" | "b" => style.strong = true,
            "em" | "i" | "cite" => style.em = true,
            "a" => {
                if let Node::Element(el) = node.value() {
                    style.link = dom::attr(el, "href").and_then(|href| link_target(href, base));
                }
            }
            _ => {}
        }
        style
    }
}

/// An absolute link target, or `None` for script links and in-page anchors.
fn link_target(href: &str, base: Option<&url::Url>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') || dom::is_script_href(href) {
        return None;
    }
    Some(match base {
        Some(base) => base
            .join(href)
            .map_or_else(|_| href.to_owned(), |u| u.to_string()),
        None => href.to_owned(),
    })
}

/// A piece of inline content: text with a style, or a `<br>`.
#[derive(Debug, Clone)]
pub struct Run {
    pub text: String,
    pub style: Style,
    pub br: bool,
}

impl Run {
    pub fn text(text: &str, style: &Style) -> Run {
        Run {
            text: text.to_owned(),
            style: style.clone(),
            br: false,
        }
    }

    pub fn literal(text: &str, style: &Style) -> Run {
        Run::text(text, style)
    }

    pub fn line_break() -> Run {
        Run {
            text: String::new(),
            style: Style::default(),
            br: true,
        }
    }

    fn is_blank(&self) -> bool {
        !self.br && self.text.chars().all(char::is_whitespace)
    }

    fn chars(&self) -> usize {
        self.text.chars().filter(|c| dom::counts(*c)).count()
    }
}

/// Split the runs of one block into paragraphs: on `<br><br>` always, and on single
/// `<br>`s when the lines between them are long (paragraphs, not address lines).
pub fn paragraphs(runs: Vec<Run>) -> Vec<Vec<Run>> {
    let mut chunks: Vec<Vec<Run>> = vec![Vec::new()];
    let mut pending_brs: Vec<Run> = Vec::new();
    for run in runs {
        if run.br {
            pending_brs.push(run);
            continue;
        }
        if run.is_blank() && !pending_brs.is_empty() {
            continue; // whitespace between <br>s
        }
        if pending_brs.len() > 1 {
            chunks.push(Vec::new());
        }
        if let Some(chunk) = chunks.last_mut() {
            // A single <br> stays in the chunk; several start a new one.
            if pending_brs.len() == 1 {
                chunk.append(&mut pending_brs);
            }
            chunk.push(run);
        }
        pending_brs.clear();
    }
    let mut out = Vec::new();
    for chunk in chunks {
        if chunk.iter().all(|r| r.br || r.is_blank()) {
            continue;
        }
        let lines = split_lines(chunk);
        let lens: Vec<usize> = lines
            .iter()
            .map(|l| l.iter().map(Run::chars).sum())
            .collect();
        let max = lens.iter().copied().max().unwrap_or(0);
        let nonempty: Vec<usize> = lens.iter().copied().filter(|&l| l > 0).collect();
        let avg = nonempty.iter().sum::<usize>() / nonempty.len().max(1);
        if lines.len() > 1 && (max > 80 || avg > 40) {
            out.extend(
                lines
                    .into_iter()
                    .filter(|l| l.iter().any(|r| !r.is_blank())),
            );
        } else {
            let mut joined = Vec::new();
            for (i, line) in lines.into_iter().enumerate() {
                if i > 0 {
                    joined.push(Run::line_break());
                }
                joined.extend(line);
            }
            out.push(joined);
        }
    }
    out
}

fn split_lines(chunk: Vec<Run>) -> Vec<Vec<Run>> {
    let mut lines = vec![Vec::new()];
    for run in chunk {
        if run.br {
            lines.push(Vec::new());
        } else if let Some(line) = lines.last_mut() {
            line.push(run);
        }
    }
    // Breaks at the edges of a block mean nothing.
    lines.retain(|l| l.iter().any(|r| !r.is_blank()));
    lines
}

/// Builds the inline content of one paragraph from its runs.
pub struct InlineBuilder {
    pub content: Vec<Inline>,
    pub link_ratio: f64,
    chars: usize,
    strong_chars: usize,
    last_char: Option<char>,
}

impl InlineBuilder {
    pub fn build(runs: &[Run]) -> InlineBuilder {
        let mut b = InlineBuilder {
            content: Vec::new(),
            link_ratio: 0.0,
            chars: 0,
            strong_chars: 0,
            last_char: None,
        };
        let mut link_chars = 0;
        // Collapsed whitespace waiting for the next visible character: (seen, had newline).
        let mut pending: Option<bool> = None;
        let mut current: Option<(Style, String)> = None;
        for run in runs {
            if run.br {
                if let Some((style, text)) = current.take() {
                    b.push_text(style, text);
                }
                if !b.content.is_empty() {
                    b.content.push(Inline::LineBreak);
                }
                b.last_char = None;
                pending = None;
                continue;
            }
            for c in run.text.chars() {
                if c.is_whitespace() {
                    let newline = c == '\n' || c == '\r';
                    pending = Some(pending.unwrap_or(false) || newline);
                    continue;
                }
                let (style, text) =
                    current.get_or_insert_with(|| (run.style.clone(), String::new()));
                if *style != run.style {
                    let done = std::mem::replace(style, run.style.clone());
                    let done_text = std::mem::take(text);
                    b.push_text(done, done_text);
                }
                if let (Some(newline), Some(prev)) = (pending.take(), b.last_char) {
                    // A line break between two Chinese characters is no space (CSS Text 3).
                    if !(newline && is_wide(prev) && is_wide(c)) {
                        if let Some((_, text)) = current.as_mut() {
                            text.push(' ');
                        }
                    }
                }
                if let Some((_, text)) = current.as_mut() {
                    text.push(c);
                }
                b.last_char = Some(c);
                b.chars += 1;
                if run.style.strong {
                    b.strong_chars += 1;
                }
                if run.style.link.is_some() {
                    link_chars += 1;
                }
            }
        }
        if let Some((style, text)) = current.take() {
            b.push_text(style, text);
        }
        while matches!(b.content.last(), Some(Inline::LineBreak)) {
            b.content.pop();
        }
        if b.chars > 0 {
            b.link_ratio = link_chars as f64 / b.chars as f64;
        }
        b
    }

    fn push_text(&mut self, style: Style, text: String) {
        if text.is_empty() {
            return;
        }
        let mut inline = Inline::Text { text };
        if style.em {
            inline = Inline::Emphasis {
                content: vec![inline],
            };
        }
        if style.strong {
            inline = Inline::Strong {
                content: vec![inline],
            };
        }
        if let Some(url) = style.link {
            inline = Inline::Link {
                url,
                content: vec![inline],
            };
        }
        self.content.push(inline);
    }

    /// A short line that is bold throughout: a heading on sites that mark them so.
    pub fn is_bold_heading(&self) -> bool {
        self.chars >= 2
            && self.chars <= 50
            && self.strong_chars == self.chars
            && !matches!(
                self.last_char,
                Some('。' | '，' | '；' | '：' | ':' | ',' | ';')
            )
            && !self.content.iter().any(|i| matches!(i, Inline::LineBreak))
    }
}

/// East Asian wide characters (CJK ideographs, kana, full-width punctuation).
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3040..=0xA4CF | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// Collapse HTML whitespace of plain text: one space per run, none at the edges, none
/// for a line break between two Chinese characters.
/// (The rule of [`InlineBuilder::build`] for one unstyled run, without building inlines:
/// metadata reads every line of a page through this.)
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last: Option<char> = None;
    // Collapsed whitespace waiting for the next visible character: had a newline.
    let mut pending: Option<bool> = None;
    for c in text.chars() {
        if c.is_whitespace() {
            pending = Some(pending.unwrap_or(false) || c == '\n' || c == '\r');
            continue;
        }
        if let (Some(newline), Some(prev)) = (pending.take(), last) {
            if !(newline && is_wide(prev) && is_wide(c)) {
                out.push(' ');
            }
        }
        out.push(c);
        last = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_agrees_with_the_inline_builder() {
        for text in [
            "  a \n\t b  ",
            "法治\n政府 \r\n 建设",
            "法治 \n 2021年",
            "\u{3000}\u{3000}正文\u{a0}x",
            "",
            " \n ",
            "a\nb",
        ] {
            let built = InlineBuilder::build(&[Run::text(text, &Style::default())]);
            assert_eq!(
                collapse(text),
                crate::model::plain_text(&built.content),
                "{text:?}"
            );
        }
    }

    #[test]
    fn whitespace_collapses_like_a_browser() {
        assert_eq!(collapse("  a \n\t b  "), "a b");
        assert_eq!(collapse("法治\n政府"), "法治政府");
        assert_eq!(collapse("法治 政府"), "法治 政府");
        assert_eq!(collapse("\u{3000}\u{3000}正文"), "正文");
    }

    #[test]
    fn double_br_splits_single_br_of_short_lines_stays() {
        let s = Style::default();
        let runs = vec![
            Run::text("太原市司法局", &s),
            Run::line_break(),
            Run::text("2022年3月7日", &s),
            Run::line_break(),
            Run::line_break(),
            Run::text("下一段", &s),
        ];
        let paras = paragraphs(runs);
        assert_eq!(paras.len(), 2);
        let first = InlineBuilder::build(&paras[0]).content;
        assert_eq!(
            crate::model::plain_text(&first),
            "太原市司法局\n2022年3月7日"
        );
    }

    #[test]
    fn single_br_between_long_lines_splits() {
        let s = Style::default();
        let long = "这是一个很长的段落，".repeat(10);
        let runs = vec![
            Run::text(&long, &s),
            Run::line_break(),
            Run::text(&long, &s),
        ];
        assert_eq!(paragraphs(runs).len(), 2);
    }
}
