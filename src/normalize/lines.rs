//! Text files, line by line: which parts of a line normalization may edit.
//!
//! In a plain text file every line is a paragraph, and a TAB separates fields
//! (a table row as `zhprint extract` prints it), so each field is normalized on
//! its own. In Markdown, code fences are left alone, and a line's block markers
//! (`#`, `>`, `-`, `1.`, indentation), table pipes and trailing hard-break spaces
//! are kept; the text between them is normalized.

use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use super::compile;

/// How a text file's lines are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    Plain,
    Markdown,
}

impl TextKind {
    /// Markdown for `.md` and `.markdown` files, plain text otherwise.
    pub fn of(path: &Path) -> Self {
        let markdown = path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| {
                ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown")
            });
        if markdown {
            TextKind::Markdown
        } else {
            TextKind::Plain
        }
    }
}

/// Walks the lines of one file, remembering whether a code fence is open.
#[derive(Debug)]
pub struct LineReader {
    kind: TextKind,
    fence: Option<String>,
}

impl LineReader {
    pub fn new(kind: TextKind) -> Self {
        LineReader { kind, fence: None }
    }

    /// The byte ranges of `line` that normalization edits, in order.
    pub fn editable(&mut self, line: &str) -> Vec<Range<usize>> {
        match self.kind {
            TextKind::Plain => fields(line, 0..line.len()),
            TextKind::Markdown => self.markdown(line),
        }
    }

    fn markdown(&mut self, line: &str) -> Vec<Range<usize>> {
        static BLOCK_MARKERS: LazyLock<Regex> = LazyLock::new(|| {
            compile(r"^[ \t]*(?:(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|[0-9]{1,9}[.)][ \t]+)[ \t]*)*")
        });
        let trimmed = line.trim_start();
        let fence_mark: String = trimmed
            .chars()
            .take_while(|&c| c == '`' || c == '~')
            .collect();
        let opens_fence = fence_mark.len() >= 3
            && fence_mark
                .chars()
                .all(|c| c == fence_mark.chars().next().unwrap_or('`'));
        match &self.fence {
            Some(open) => {
                if opens_fence && fence_mark.starts_with(open.as_str()) {
                    self.fence = None;
                }
                return Vec::new();
            }
            None if opens_fence => {
                self.fence = Some(fence_mark);
                return Vec::new();
            }
            None => {}
        }
        let start = BLOCK_MARKERS.find(line).map_or(0, |m| m.end());
        let end = start + line[start..].trim_end().len();
        if line[start..end].starts_with('|') {
            return table_cells(line, start..end);
        }
        fields(line, start..end)
    }
}

/// `range` of `line` split at TABs.
fn fields(line: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    for (i, c) in line[range.clone()].char_indices() {
        if c == '\t' {
            out.push(start..range.start + i);
            start = range.start + i + 1;
        }
    }
    out.push(start..range.end);
    out
}

/// The cells of a Markdown table row, without the pipes and the spaces around them.
fn table_cells(line: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut cell_start = range.start;
    let mut escaped = false;
    for (i, c) in line[range.clone()].char_indices() {
        let at = range.start + i;
        if c == '|' && !escaped {
            let cell = &line[cell_start..at];
            let lead = cell.len() - cell.trim_start().len();
            let inner = cell.trim();
            if !inner.is_empty() {
                out.push(cell_start + lead..cell_start + lead + inner.len());
            }
            cell_start = at + 1;
        }
        escaped = c == '\\' && !escaped;
    }
    let cell = &line[cell_start..range.end];
    let inner = cell.trim();
    if !inner.is_empty() {
        let lead = cell.len() - cell.trim_start().len();
        out.push(cell_start + lead..cell_start + lead + inner.len());
    }
    out
}

/// `line` with each of `editable` replaced by `edit` of it.
pub fn rebuild(
    line: &str,
    editable: &[Range<usize>],
    mut edit: impl FnMut(&str) -> String,
) -> String {
    let mut out = String::with_capacity(line.len());
    let mut at = 0;
    for range in editable {
        out.push_str(&line[at..range.start]);
        out.push_str(&edit(&line[range.clone()]));
        at = range.end;
    }
    out.push_str(&line[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(kind: TextKind, lines: &[&str]) -> Vec<Vec<String>> {
        let mut reader = LineReader::new(kind);
        lines
            .iter()
            .map(|line| {
                reader
                    .editable(line)
                    .into_iter()
                    .map(|r| line[r].to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn plain_lines_split_at_tabs() {
        assert_eq!(
            parts(TextKind::Plain, &["  工作, 组织", "指标\t数值 ,单位"]),
            [vec!["  工作, 组织"], vec!["指标", "数值 ,单位"]]
        );
    }

    #[test]
    fn markdown_keeps_its_syntax() {
        let lines = [
            "## 一、总体要求",
            "> 引文,如下",
            "- 列表项(一)  ",
            "1. 加强立法",
            "```rust",
            "let a = (1, 2);",
            "```",
            "| 指标 | 数值,单位 |",
            "|---|---|",
            "正文,段落",
        ];
        assert_eq!(
            parts(TextKind::Markdown, &lines),
            [
                vec!["一、总体要求"],
                vec!["引文,如下"],
                vec!["列表项(一)"],
                vec!["加强立法"],
                vec![],
                vec![],
                vec![],
                vec!["指标", "数值,单位"],
                vec!["---", "---"],
                vec!["正文,段落"],
            ]
        );
    }

    #[test]
    fn rebuild_keeps_what_is_not_edited() {
        let line = "- 列表项(一)  ";
        let editable = LineReader::new(TextKind::Markdown).editable(line);
        assert_eq!(
            rebuild(line, &editable, |t| t.replace('(', "（")),
            "- 列表项（一)  "
        );
    }

    #[test]
    fn kind_from_extension() {
        assert_eq!(TextKind::of(Path::new("a/报告.MD")), TextKind::Markdown);
        assert_eq!(TextKind::of(Path::new("a/报告.txt")), TextKind::Plain);
    }
}
