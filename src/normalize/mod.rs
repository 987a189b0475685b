//! Normalize: [`Document`] → [`Document`], following the typography spec
//! (`typography.md`, sections A–G). In: the text as extraction found it, with
//! web residue (NBSP, zero-width characters, half-width `, ( :` in Chinese
//! sentences, `3. 6小时`, `2021-2025年`, …). Out: the same words, characters,
//! letters and digits in the same order (spec F0), with the punctuation, numbers
//! and spaces of a printed Chinese report, and heading levels read from the
//! Chinese numbering (`一、`, `（一）`, `1.`, `（1）`).
//!
//! The rules run in the spec's order, each a function named by its spec id:
//! A (cleanup) → F (protected spans are masked) → B/C/E (marks) → A5/D1/A6
//! (spaces, after the marks are full-width) → G2 (heading markers).

mod chars;
mod cleanup;
mod document;
mod marks;
mod numbers;
mod protect;
mod punct;
mod runs;
mod spacing;
mod structure;

use std::borrow::Cow;

use regex::Regex;

use crate::Document;

use chars::is_han;
use protect::{protect, Masked};

/// One rule of the spec: text in, text out (borrowed back when nothing changed).
type Rule = for<'a> fn(&'a str) -> Cow<'a, str>;

/// Spec A, on the raw paragraph. A8 (with NFC) after A7, so that a folded
/// letter composes with a combining mark that follows it; A3 trims last, once
/// all whitespace is a space token.
const CLEANUP: [(&str, Rule); 6] = [
    ("A1", cleanup::a1_drop_invisible),
    ("A7", cleanup::a7_fold_width),
    ("A8", cleanup::a8_unify_ideographs),
    ("A2", cleanup::a2_space_tokens),
    ("A4", cleanup::a4_collapse_spaces),
    ("A3", cleanup::a3_trim),
];

/// Spec B/C/E, then the space rules, then G2, on masked text (spec F) of a
/// paragraph that holds Han. B7 takes its brackets before B5 does; B5 decides
/// brackets before the other marks see them; E runs first so that quotes are
/// curly when B looks at its neighbours.
const RULES: [(&str, Rule); 19] = [
    ("B7", punct::b7_document_number),
    ("E2", marks::e2_corner_quotes),
    ("E3", marks::e3_title_marks),
    ("E1", marks::e1_straight_quotes),
    ("B5", punct::b5_brackets),
    ("B1", punct::b1_comma_semicolon),
    ("B3", punct::b3_colon),
    ("B4", punct::b4_question_exclamation),
    ("B2", punct::b2_full_stop),
    ("B6", punct::b6_interpunct),
    ("E7", marks::e7_ellipsis),
    ("E8", marks::e8_dash),
    ("C1", numbers::c1_broken_decimal),
    ("C3", numbers::c3_unit_space),
    ("C4", numbers::c4_ranges),
    ("C5", numbers::c5_date_padding),
    ("A5,D1,A6", spacing::a5_d1_a6_spaces),
    ("G2", structure::g2_markers),
    ("A3", cleanup::a3_trim),
];

/// Compiles one of this module's constant patterns; each is exercised by the unit tests.
fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|err| panic!("invalid built-in pattern {pattern}: {err}"))
}

fn apply<'a>(rules: &[(&str, Rule)], text: Cow<'a, str>) -> Cow<'a, str> {
    rules.iter().fold(text, |current, (_id, rule)| {
        let changed = match rule(&current) {
            Cow::Owned(new) => Some(new),
            Cow::Borrowed(_) => None,
        };
        match changed {
            Some(new) => Cow::Owned(new),
            None => current,
        }
    })
}

/// Normalize every text of the document: title, metadata, headings, paragraphs,
/// list items, table cells and captions (never URLs).
pub fn normalize(doc: Document) -> Document {
    document::normalize_document(doc)
}

/// Normalize one paragraph of text. Never adds a line break; a paragraph that
/// holds nothing but whitespace and invisible characters becomes "".
pub fn normalize_text(text: &str) -> String {
    let cleaned = apply(&CLEANUP, Cow::Borrowed(text));
    // Spec B: "A paragraph with no Han character at all is left alone".
    if !cleaned.chars().any(is_han) {
        return cleaned.into_owned();
    }
    let masked = protect(&cleaned);
    // A mark's context can be a mark that a later rule converts ("a:;" needs B3
    // before B1 sees "："), so the rules run again until nothing changes. Every
    // rule only moves text towards its normal form, so one extra pass is the
    // usual cost; the cap guards against a pathological input. The result is a
    // fixed point: normalizing it again changes nothing (tested).
    const MAX_PASSES: usize = 4;
    let mut ruled = masked.text.clone();
    for _ in 0..MAX_PASSES {
        let next = apply(&RULES, Cow::Borrowed(ruled.as_str())).into_owned();
        if next == ruled {
            break;
        }
        ruled = next;
    }
    Masked::restore(&ruled, masked.spans())
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
