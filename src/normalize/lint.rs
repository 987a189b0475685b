//! What the spec says to report rather than fix: an odd count of straight
//! quotes (E1), unbalanced marks (E6), `1. 5G` at a paragraph's start (C1, G3),
//! and heading numbers out of sequence (G4). Guessing a fix would risk changing
//! quoted legal text, so these are warnings only.

use std::sync::LazyLock;

use regex::Regex;

use super::compile;
use super::structure::g1_marker_level;
use super::trace::Warning;

/// Warnings for one normalized paragraph, in masked form (protected spans are
/// placeholders, so quotes inside URLs or English sentences do not count).
/// Columns are character indices of `masked`.
pub fn paragraph(masked: &str) -> Vec<Warning> {
    let chars: Vec<char> = masked.chars().collect();
    let mut warnings = Vec::new();
    straight_quotes(&chars, &mut warnings);
    unbalanced_marks(&chars, &mut warnings);
    list_marker_before_number(masked, &mut warnings);
    warnings
}

/// E1: straight quotes that were left because their count is odd.
fn straight_quotes(chars: &[char], warnings: &mut Vec<Warning>) {
    let is_apostrophe = |i: usize| {
        i > 0
            && chars[i - 1].is_ascii_alphabetic()
            && chars.get(i + 1).is_some_and(char::is_ascii_alphabetic)
    };
    for straight in ['"', '\''] {
        let positions: Vec<usize> = (0..chars.len())
            .filter(|&i| chars[i] == straight && !(straight == '\'' && is_apostrophe(i)))
            .collect();
        if let Some(&first) = positions.first() {
            warnings.push(Warning {
                rule: "E1",
                column: first,
                message: format!(
                    "{} straight {straight} in this paragraph: an odd count cannot be paired, so they are left as they are",
                    positions.len()
                ),
            });
        }
    }
}

/// E6: an opening mark never closed, or a closing mark with nothing open.
fn unbalanced_marks(chars: &[char], warnings: &mut Vec<Warning>) {
    for (open, close) in [
        ('“', '”'),
        ('‘', '’'),
        ('《', '》'),
        ('〈', '〉'),
        ('（', '）'),
    ] {
        let mut opened: Vec<usize> = Vec::new();
        let mut stray_close = None;
        for (i, &c) in chars.iter().enumerate() {
            if c == open {
                opened.push(i);
            } else if c == close {
                // ’ between letters is an apostrophe ("Xi’an"), not a quote.
                let apostrophe = close == '’'
                    && i > 0
                    && chars[i - 1].is_alphabetic()
                    && chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
                if !apostrophe && opened.pop().is_none() && stray_close.is_none() {
                    stray_close = Some(i);
                }
            }
        }
        if let Some(column) = stray_close {
            warnings.push(Warning {
                rule: "E6",
                column,
                message: format!("unbalanced {close}: nothing open before it (left as it is)"),
            });
        }
        if let Some(&column) = opened.first() {
            warnings.push(Warning {
                rule: "E6",
                column,
                message: format!(
                    "unbalanced {open}: never closed in this paragraph (left as it is)"
                ),
            });
        }
    }
}

/// C1 and G3: "1. 5G网络" opening a paragraph is a list marker before a number,
/// or a broken decimal; it is kept as it is and reported.
fn list_marker_before_number(masked: &str, warnings: &mut Vec<Warning>) {
    static MARKER_THEN_NUMBER: LazyLock<Regex> =
        LazyLock::new(|| compile(r"^[0-9]{1,3}\. [0-9\u{FDD0}]"));
    if let Some(found) = MARKER_THEN_NUMBER.find(masked) {
        warnings.push(Warning {
            rule: "C1",
            column: 0,
            message: format!(
                "'{}' may be a list marker before a number or a broken decimal: kept, and not a heading",
                found.as_str().trim_end_matches('\u{FDD0}')
            ),
        });
    }
}

/// G4: heading numbers must count up from 一/1 under their parent. Feed it every
/// paragraph of a document in order.
#[derive(Debug, Default)]
pub struct Sequence {
    /// The last number seen at each level 1–4, 0 when none since its parent.
    last: [u32; 4],
}

impl Sequence {
    /// A warning when `paragraph` (normalized) opens with a marker out of sequence.
    pub fn next(&mut self, paragraph: &str) -> Option<Warning> {
        let level = usize::from(g1_marker_level(paragraph)?);
        let value = marker_value(paragraph)?;
        let index = level - 1;
        let expected = self.last[index] + 1;
        let parent_missing = index > 0 && self.last[index - 1] == 0 && self.last[index] == 0;
        static MARKER: LazyLock<Regex> = LazyLock::new(|| {
            compile(r"^(?:（[0-9一二三四五六七八九十]+）|[一二三四五六七八九十]+、|[0-9]+\.)")
        });
        let marker = MARKER.find(paragraph).map_or("", |m| m.as_str());
        let message = if parent_missing {
            Some(format!(
                "level-{level} heading {marker} has no level-{} heading above it",
                level - 1
            ))
        } else if value == self.last[index] {
            Some(format!("heading number {marker} repeats the one before"))
        } else if value != expected && self.last[index] == 0 {
            Some(format!(
                "heading number {marker} opens its level (expected 1)"
            ))
        } else if value != expected {
            Some(format!(
                "heading number {marker} follows {} (expected {expected})",
                self.last[index]
            ))
        } else {
            None
        };
        self.last[index] = value;
        self.last[index + 1..].fill(0);
        message.map(|message| Warning {
            rule: "G4",
            column: 0,
            message,
        })
    }
}

/// The number a heading marker stands for: `三、` 3, `（十二）` 12, `7.` 7, `（4）` 4.
fn marker_value(paragraph: &str) -> Option<u32> {
    let digits: String = paragraph
        .trim_start_matches('（')
        .chars()
        .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十百".contains(*c))
        .collect();
    if digits.starts_with(|c: char| c.is_ascii_digit()) {
        return digits.parse().ok();
    }
    chinese_number(&digits)
}

/// 一…九十九 as a number; `None` for anything else.
fn chinese_number(numeral: &str) -> Option<u32> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|byte| byte as u32 / 3 + 1);
    let chars: Vec<char> = numeral.chars().collect();
    match chars.as_slice() {
        [one] if *one == '十' => Some(10),
        [one] => digit(*one),
        ['十', ones] => Some(10 + digit(*ones)?),
        [tens, '十'] => Some(10 * digit(*tens)?),
        [tens, '十', ones] => Some(10 * digit(*tens)? + digit(*ones)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(text: &str) -> Vec<(&'static str, usize)> {
        paragraph(text).iter().map(|w| (w.rule, w.column)).collect()
    }

    #[test]
    fn e1_odd_straight_quotes() {
        assert_eq!(rules("他说\"好的，我们"), [("E1", 2)]);
        assert!(rules("他说“好的”").is_empty());
    }

    #[test]
    fn e6_unbalanced_marks() {
        assert_eq!(rules("《中华人民共和国国家安全法"), [("E6", 0)]);
        assert_eq!(rules("见附件）。"), [("E6", 3)]);
        assert!(rules("《法治乡村“两委”行权制度汇编》（试行）").is_empty());
        assert!(rules("西安 Xi’an").is_empty());
    }

    #[test]
    fn c1_list_marker_before_number() {
        assert_eq!(rules("1. 5G网络建设"), [("C1", 0)]);
        assert!(rules("1.加强立法").is_empty());
    }

    #[test]
    fn chinese_numbers() {
        assert_eq!(chinese_number("三"), Some(3));
        assert_eq!(chinese_number("十"), Some(10));
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_number("二十"), Some(20));
        assert_eq!(chinese_number("二十三"), Some(23));
        assert_eq!(chinese_number("是"), None);
    }

    fn sequence(paragraphs: &[&str]) -> Vec<String> {
        let mut sequence = Sequence::default();
        paragraphs
            .iter()
            .filter_map(|p| sequence.next(p))
            .map(|w| w.message)
            .collect()
    }

    #[test]
    fn g4_in_sequence_is_quiet() {
        let ok = [
            "一、总体要求",
            "（一）指导思想",
            "1.坚持党的领导",
            "（1）完善机制",
            "（2）健全制度",
            "2.坚持依法行政",
            "（二）主要目标",
            "二、主要任务",
            "（一）加强立法",
            "正文一是加强领导。",
        ];
        assert!(sequence(&ok).is_empty(), "{:?}", sequence(&ok));
    }

    #[test]
    fn g4_gaps_repeats_and_skips() {
        let warnings = sequence(&["一、总体要求", "三、主要任务", "三、保障措施", "（二）组织"]);
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(warnings[0].contains("三、") && warnings[0].contains("expected 2"));
        assert!(warnings[1].contains("repeats"));
        assert!(warnings[2].contains("（二）") && warnings[2].contains("expected 1"));
        let skipped = sequence(&["（一）营商环境", "（二）法治"]);
        assert_eq!(skipped.len(), 1, "{skipped:?}");
        assert!(skipped[0].contains("no level-1"));
    }
}
