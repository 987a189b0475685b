//! Check: what normalization would change in a page or a text file, reported
//! one line per change, compiler style, for CI (`zhprint check`).
//!
//! Text files (`.txt`, `.md`) are read line by line, as `zhprint normalize`
//! reads them. A page is extracted first; its line numbers are those of
//! `zhprint extract --raw --title` (the title, then one line per block line), since the
//! extracted text, not the HTML source, is what normalization sees.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::model::Block;
use crate::normalize::{rebuild, rule_fixes, LineReader, Normalizer, Sequence, TextKind, Traced};
use crate::source::{collect_files, is_url};
use crate::{extract, source, Document, Error, Result};

/// Whether a diagnostic is a change normalization would make, or a warning about
/// something it must leave as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Change,
    Warning,
}

/// One finding, at a 1-based line and character column of the input's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

impl Diagnostic {
    /// `path:line:col: RULE message (before → after)`, invisible characters shown as `<U+XXXX>`.
    pub fn to_line(&self) -> String {
        let place = format!("{}:{}:{}: {}", self.path, self.line, self.column, self.rule);
        match (&self.before, &self.after) {
            (Some(before), Some(after)) => format!(
                "{place} {} ({} → {})",
                self.message,
                visible(before),
                visible(after)
            ),
            _ => format!("{place} warning: {}", self.message),
        }
    }
}

/// `text` with whitespace other than the ASCII space, and invisible characters,
/// written as `<U+XXXX>` so that a message shows what changed.
fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let invisible = (c.is_whitespace() && c != ' ')
            || c.is_control()
            || matches!(c, '\u{AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}');
        if invisible {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Extensions read as text files rather than pages.
const TEXT_EXTENSIONS: [&str; 4] = ["txt", "text", "md", "markdown"];

fn is_text_file(input: &str) -> bool {
    !is_url(input)
        && Path::new(input)
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|ext| TEXT_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// Inputs with directories expanded into their pages and text files, sorted.
pub fn expand(inputs: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for input in inputs {
        if !is_url(input) && Path::new(input).is_dir() {
            let mut found: Vec<PathBuf> = Vec::new();
            let extensions = ["html", "htm"].iter().chain(TEXT_EXTENSIONS.iter());
            collect_files(
                Path::new(input),
                &extensions.copied().collect::<Vec<_>>(),
                &mut found,
            );
            found.sort();
            out.extend(found.iter().map(|p| p.to_string_lossy().into_owned()));
        } else {
            out.push(input.clone());
        }
    }
    out
}

/// Everything normalization would change in one input, and its warnings, in
/// order of line and column.
pub fn check(input: &str, normalizer: &Normalizer) -> Result<Vec<Diagnostic>> {
    Ok(if is_text_file(input) {
        let text = read_utf8(Path::new(input))?;
        check_text(input, &text, TextKind::of(Path::new(input)), normalizer)
    } else {
        let page = source::load(input)?;
        let doc = extract::extract(&page.text, page.url.as_ref())?;
        check_document(input, &doc, normalizer)
    })
}

/// A text file's contents; invalid UTF-8 is an error naming the byte offset.
pub fn read_utf8(path: &Path) -> Result<String> {
    let bytes = fs::read(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })
}

/// The lines of a text, without their line ends (LF or CRLF); a final line end
/// does not start another line.
pub fn text_lines(text: &str) -> impl Iterator<Item = &str> {
    let body = text.strip_suffix('\n').unwrap_or(text);
    body.split('\n')
        .take(if text.is_empty() { 0 } else { usize::MAX })
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
}

/// `zhprint normalize` on a whole text: output line N is input line N normalized.
pub fn normalize_lines(text: &str, kind: TextKind, normalizer: &Normalizer) -> Vec<String> {
    let mut reader = LineReader::new(kind);
    text_lines(text)
        .map(|line| {
            let editable = reader.editable(line);
            rebuild(line, &editable, |part| normalizer.text(part))
        })
        .collect()
}

/// Collects the diagnostics of one input.
struct Report<'a> {
    path: &'a str,
    normalizer: &'a Normalizer,
    found: Vec<Diagnostic>,
}

impl Report<'_> {
    /// The diagnostics in order of position; those at one position in rule order.
    fn finish(mut self) -> Vec<Diagnostic> {
        self.found.sort_by_key(|d| (d.line, d.column));
        self.found
    }

    /// Traces the part of `line` (1-based) that starts at character `column0`.
    fn part(&mut self, line: usize, column0: usize, text: &str) -> Traced {
        let traced = self.normalizer.traced(text);
        for change in &traced.changes {
            self.found.push(Diagnostic {
                path: self.path.to_string(),
                line,
                column: column0 + change.column + 1,
                rule: change.rule,
                severity: Severity::Change,
                message: rule_fixes(change.rule).to_string(),
                before: Some(change.before.clone()),
                after: Some(change.after.clone()),
            });
        }
        for warning in &traced.warnings {
            self.warn(
                line,
                column0 + warning.column + 1,
                warning.rule,
                &warning.message,
            );
        }
        traced
    }

    fn warn(&mut self, line: usize, column: usize, rule: &'static str, message: &str) {
        self.found.push(Diagnostic {
            path: self.path.to_string(),
            line,
            column,
            rule,
            severity: Severity::Warning,
            message: message.to_string(),
            before: None,
            after: None,
        });
    }

    /// Traces each of `parts` (byte ranges) of `line`; returns the normalized
    /// text when the line is one part (a paragraph, not a row of fields).
    fn line(
        &mut self,
        number: usize,
        line: &str,
        parts: &[std::ops::Range<usize>],
    ) -> Option<String> {
        let mut whole = None;
        for range in parts {
            let column0 = line[..range.start].chars().count();
            let traced = self.part(number, column0, &line[range.clone()]);
            if parts.len() == 1 {
                whole = Some(traced.text);
            }
        }
        whole
    }

    /// G4 on the normalized text of a paragraph or heading.
    fn sequence(&mut self, sequence: &mut Sequence, number: usize, normalized: &str) {
        if let Some(warning) = sequence.next(normalized) {
            self.warn(number, 1, warning.rule, &warning.message);
        }
    }
}

fn check_text(path: &str, text: &str, kind: TextKind, normalizer: &Normalizer) -> Vec<Diagnostic> {
    let mut report = Report {
        path,
        normalizer,
        found: Vec::new(),
    };
    let mut reader = LineReader::new(kind);
    let mut sequence = Sequence::default();
    for (index, line) in text_lines(text).enumerate() {
        let parts = reader.editable(line);
        if let Some(normalized) = report.line(index + 1, line, &parts) {
            report.sequence(&mut sequence, index + 1, &normalized);
        }
    }
    report.finish()
}

/// The lines of a document as `zhprint extract --title` prints them, with whether each
/// is a paragraph or heading (whose numbering G4 checks).
fn document_lines(doc: &Document) -> Vec<(String, bool)> {
    let mut lines = Vec::new();
    if !doc.meta.title.trim().is_empty() {
        lines.push((doc.meta.title.clone(), false));
    }
    for block in &doc.blocks {
        let numbered = matches!(block, Block::Heading { .. } | Block::Paragraph { .. });
        for line in block.text_lines() {
            if !line.trim().is_empty() {
                lines.push((line, numbered));
            }
        }
    }
    lines
}

fn check_document(path: &str, doc: &Document, normalizer: &Normalizer) -> Vec<Diagnostic> {
    let mut report = Report {
        path,
        normalizer,
        found: Vec::new(),
    };
    let mut sequence = Sequence::default();
    for (index, (line, numbered)) in document_lines(doc).into_iter().enumerate() {
        // A table row's cells are separated by TABs and a paragraph's lines by
        // line breaks: each is normalized on its own, as in the document.
        let mut parts = Vec::new();
        let mut start = 0;
        for (i, c) in line.char_indices() {
            if c == '\t' || c == '\n' {
                parts.push(start..i);
                start = i + 1;
            }
        }
        parts.push(start..line.len());
        let shown = line.replace('\n', " ");
        if let Some(normalized) = report.line(index + 1, &shown, &parts) {
            if numbered {
                report.sequence(&mut sequence, index + 1, &normalized);
            }
        }
    }
    report.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(found: &[Diagnostic]) -> Vec<String> {
        found.iter().map(Diagnostic::to_line).collect()
    }

    #[test]
    fn text_changes_are_reported_by_line_and_column() {
        let text = "一、总体要求\n    2021年,太原市\u{A0}坚持\n（三）措施\n";
        let found = check_text("r.txt", text, TextKind::Plain, &Normalizer::default());
        assert_eq!(
            lines(&found),
            [
                "r.txt:2:1: A3 space at the paragraph's edge trimmed (    2 → 2)",
                "r.txt:2:10: B1 half-width comma or semicolon in Chinese text (, → ，)",
                "r.txt:2:14: A2 odd whitespace made a plain space (市<U+00A0>坚 → 市 坚)",
                "r.txt:2:14: A6 space between Han characters (市 坚 → 市坚)",
                "r.txt:3:1: G4 warning: heading number （三） opens its level (expected 1)",
            ]
        );
    }

    #[test]
    fn normalized_text_checks_clean() {
        let text = "一、总体要求\n    2021年,太原市坚持(一)\n指标\t数值 ,单位\n";
        let normalized = normalize_lines(text, TextKind::Plain, &Normalizer::default()).join("\n");
        let found = check_text(
            "n.txt",
            &normalized,
            TextKind::Plain,
            &Normalizer::default(),
        );
        assert!(
            found.iter().all(|d| d.severity == Severity::Warning),
            "{:?}",
            lines(&found)
        );
    }

    #[test]
    fn markdown_syntax_is_not_reported() {
        let text = "## 一、总体要求\n\n```\nlet a = (1, 2);\n```\n- 工作,组织\n";
        let found = check_text("r.md", text, TextKind::Markdown, &Normalizer::default());
        assert_eq!(
            lines(&found),
            ["r.md:6:5: B1 half-width comma or semicolon in Chinese text (, → ，)"]
        );
    }

    #[test]
    fn text_lines_keep_the_line_count() {
        assert_eq!(text_lines("").count(), 0);
        assert_eq!(text_lines("a\r\nb\n").collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(text_lines("a\n\n").collect::<Vec<_>>(), ["a", ""]);
    }
}
