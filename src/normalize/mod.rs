//! Normalize: [`Document`] → [`Document`], following the typography spec
//! (`typography.md`, sections A–G). In: the text as extraction found it, with
//! web residue (NBSP, zero-width characters, half-width `, ( :` in Chinese
//! sentences, `3. 6小时`, `2021-2025年`, …). Out: the same words, characters,
//! letters and digits in the same order (spec F0), with the punctuation, numbers
//! and spaces of a printed Chinese report, and heading levels read from the
//! Chinese numbering (`一、`, `（一）`, `1.`, `（1）`).
//!
//! The rules run in the spec's order, each a function named by its spec id
//! (`engine`): A (cleanup) → F (protected spans are masked) → B/C/E (marks) →
//! A5/D1/A6 (spaces, after the marks are full-width) → G2 (heading markers).
//! Any rule can be switched off by id ([`Normalizer::without`]) for a house
//! style, and [`Normalizer::traced`] records what each rule changed, for `zhprint check`.

mod brackets;
mod chars;
mod cleanup;
mod document;
mod engine;
pub mod explain;
mod lines;
mod lint;
mod marks;
mod numbers;
mod protect;
mod punct;
mod runs;
mod spacing;
mod structure;
mod trace;

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::Document;

pub use engine::{rule_fixes, rule_ids, Normalizer, UnknownRule};
pub use lines::{rebuild, LineReader, TextKind};
pub use lint::Sequence;
pub use structure::g1_standalone_heading;
pub use trace::{Change, Warning};

/// Compiles one of this module's constant patterns; each is exercised by the unit tests.
fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|err| panic!("invalid built-in pattern {pattern}: {err}"))
}

/// Every rule on: the spec as written.
static ALL_RULES: LazyLock<Normalizer> = LazyLock::new(Normalizer::default);

/// Normalize every text of the document with every rule: title, metadata,
/// headings, paragraphs, list items, table cells and captions (never URLs).
pub fn normalize(doc: Document) -> Document {
    ALL_RULES.document(doc)
}

/// Normalize one paragraph of text with every rule. Never adds a line break; a
/// paragraph that holds nothing but whitespace and invisible characters becomes "".
pub fn normalize_text(text: &str) -> String {
    ALL_RULES.text(text)
}

/// A paragraph normalized, with the record of what changed and what to look at.
#[derive(Debug, Clone)]
pub struct Traced {
    pub text: String,
    pub changes: Vec<Change>,
    pub warnings: Vec<Warning>,
}

impl Normalizer {
    /// One paragraph, normalized.
    pub fn text(&self, text: &str) -> String {
        let mut out = self.run(text, &mut ());
        // Each run folds at least one symbol; the cap is a guard.
        for _ in 0..4 {
            if !self.unsettled(&out) {
                break;
            }
            out = self.run(&out, &mut ());
        }
        out
    }

    /// One paragraph, normalized, with every change (columns of `text`) and warning.
    pub fn traced(&self, text: &str) -> Traced {
        let mut tracker = trace::Tracker::new(text);
        let mut normalized = self.run(text, &mut tracker);
        let (mut changes, mut warnings) = (tracker.changes, tracker.warnings);
        for _ in 0..4 {
            if !self.unsettled(&normalized) {
                break;
            }
            // Rare (see `unsettled`): the later pass's columns are of the text the
            // first pass made.
            let mut again = trace::Tracker::new(&normalized);
            normalized = self.run(&normalized, &mut again);
            changes.extend(again.changes);
            warnings = again.warnings;
        }
        Traced {
            text: normalized,
            changes,
            warnings,
        }
    }

    /// Whether a paragraph `run` made would still change: A7 looks at a full-width
    /// symbol's neighbours in the raw text, before protected spans are masked, so when
    /// a later rule removes the space between such a symbol and a protected span
    /// ("COVID-19 ／年" → "COVID-19／年"), only another run folds it (found by the
    /// property tests). A byte scan: nothing to fold is the usual answer.
    fn unsettled(&self, text: &str) -> bool {
        !self.disabled().any(|id| id == "A7")
            && matches!(cleanup::a7_fold_width(text), std::borrow::Cow::Owned(ref new) if new != text)
    }

    /// Every text of the document, normalized (see [`normalize`]).
    pub fn document(&self, doc: Document) -> Document {
        document::normalize_document(doc, self, &HashMap::new())
    }

    /// The changes normalization makes to a document as extracted, traced as `zhprint
    /// check` traces them: every line of text (the title, a block's lines, a table
    /// row's cells) on its own.
    pub fn changes(&self, doc: &Document) -> Changes {
        let mut changes = Changes::default();
        let blocks = doc.blocks.iter().flat_map(|b| b.text_lines());
        for line in std::iter::once(doc.meta.title.clone()).chain(blocks) {
            for part in line.split(['\t', '\n']) {
                if part.trim().is_empty() {
                    continue;
                }
                let traced = self.traced(part);
                changes.count += traced.changes.len();
                changes.known.insert(part.to_owned(), traced.text);
            }
        }
        changes
    }

    /// Every text of the document, normalized, as [`Normalizer::document`] does; the
    /// texts `changes` has already traced are not normalized again.
    pub fn document_traced(&self, doc: Document, changes: &Changes) -> Document {
        document::normalize_document(doc, self, &changes.known)
    }
}

/// What [`Normalizer::changes`] found: how many changes, and each text it normalized.
#[derive(Debug, Default)]
pub struct Changes {
    pub count: usize,
    known: HashMap<String, String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_defects_are_fixed() {
        let cases = [
            ("    2021年,太原市坚持", "2021年，太原市坚持"),
            (
                "新办企业登记业务实现“3. 6小时办结”。",
                "新办企业登记业务实现“3.6小时办结”。",
            ),
            (
                "调解成功 22081件,调解成功率99.1%。",
                "调解成功22081件，调解成功率99.1%。",
            ),
            (
                "文章字体:【 】 发布日期: 2022-03-07 来源:太原市司法局",
                "文章字体：【】发布日期：2022-03-07来源：太原市司法局",
            ),
            ("实施纲要(2021-2025年)》", "实施纲要（2021—2025年）》"),
            (
                "授予“诚信太原 放心消费”示范单位",
                "授予“诚信太原\u{3000}放心消费”示范单位",
            ),
            ("\u{A0}", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize_text(input), expected, "input: {input}");
        }
    }

    #[test]
    fn seed_correct_text_is_kept() {
        for text in [
            "“我来帮忙办”“7×24小时自助办+周末不打烊”等政务服务模式",
            "全面推进“互联网+监管”工作",
            "版权所有：法治时代杂志京ICP备12049208号-6",
            "严格落实“13710”工作制度，开通“2200122”热线",
            "一是加强党对法治政府建设的全面领导。",
        ] {
            assert_eq!(normalize_text(text), text);
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "",
            " ",
            "\u{FDD0}",
            "(",
            ")",
            "中(",
            "中)",
            "1. ",
            "一.",
            "㈠",
            "“",
            "..中",
            "-中-",
            "中 \u{FDD0} 文",
        ] {
            let _ = normalize_text(text);
        }
        assert_eq!(normalize_text("中 \u{FDD0} 文"), "中\u{FDD0}文");
    }
}
