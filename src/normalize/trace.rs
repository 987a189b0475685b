//! The record of what normalization changes in one paragraph: every change as
//! (rule id, column in the original text, before, after), and every warning.
//!
//! Rules are functions from text to text, so the record is recovered from each
//! rule's before and after by a character diff, and every character of the
//! current text remembers the column of the original it came from.

use similar::{capture_diff_slices, Algorithm, DiffOp};

use super::chars::PLACEHOLDER;
use super::engine::Observer;
use super::lint;
use super::protect::Masked;

/// One change a rule makes. `column` counts characters of the original
/// paragraph from 0; `before`/`after` hold the changed text with protected spans
/// restored, widened by a character each side when one of them is only space.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    pub rule: &'static str,
    pub column: usize,
    pub before: String,
    pub after: String,
}

/// Something a rule must not fix and reports instead (spec E1, E6, C1/G3, G4, F0).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    pub rule: &'static str,
    pub column: usize,
    pub message: String,
}

/// A diff region longer than this (in characters, after the common ends are
/// cut) is reported as one change, so that a hostile paragraph costs linear time.
const MAX_DIFF_CHARS: usize = 10_000;

/// Follows one paragraph through the engine.
pub struct Tracker {
    /// For each character of the current text, its column in the original.
    origin: Vec<usize>,
    original_len: usize,
    /// The protected spans, once the text is masked.
    spans: Vec<String>,
    changes_before_masking: usize,
    origin_at_masking: Vec<usize>,
    pub changes: Vec<Change>,
    pub warnings: Vec<Warning>,
}

impl Tracker {
    pub fn new(original: &str) -> Self {
        let original_len = original.chars().count();
        Tracker {
            origin: (0..original_len).collect(),
            original_len,
            spans: Vec::new(),
            changes_before_masking: 0,
            origin_at_masking: Vec::new(),
            changes: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn origin_at(&self, index: usize) -> usize {
        self.origin.get(index).copied().unwrap_or(self.original_len)
    }

    /// Text of `chars[range]` with protected spans put back; `first_span` is the
    /// index of the first placeholder in the range.
    fn display(&self, chars: &[char], range: std::ops::Range<usize>, first_span: usize) -> String {
        let mut out = String::new();
        let mut span = first_span;
        for &c in &chars[range] {
            match (c, self.spans.get(span)) {
                (PLACEHOLDER, Some(text)) => {
                    out.push_str(text);
                    span += 1;
                }
                _ => out.push(c),
            }
        }
        out
    }

    /// Applies one step's diff to the origin map; records its hunks when `rule` is given.
    fn step(&mut self, rule: Option<&'static str>, before: &str, after: &str) {
        let old: Vec<char> = before.chars().collect();
        let new: Vec<char> = after.chars().collect();
        let mut new_origin = Vec::with_capacity(new.len());
        for hunk in hunks(&old, &new) {
            let (old_range, new_range) = (hunk.old.clone(), hunk.new.clone());
            match hunk.kind {
                HunkKind::Equal => {
                    new_origin.extend(old_range.map(|i| self.origin_at(i)));
                    continue;
                }
                HunkKind::Changed => {}
            }
            let column = self.origin_at(old_range.start);
            // A same-length replacement keeps each character's own column.
            if old_range.len() == new_range.len() {
                new_origin.extend(old_range.clone().map(|i| self.origin_at(i)));
            } else {
                new_origin.extend(new_range.clone().map(|_| column));
            }
            let Some(rule) = rule else { continue };
            let only_space = |chars: &[char]| chars.iter().all(|c| c.is_whitespace());
            let widen = only_space(&old[old_range.clone()]) || only_space(&new[new_range.clone()]);
            let (old_shown, new_shown) = if widen {
                let lead = usize::from(old_range.start > 0 && new_range.start > 0);
                let trail = usize::from(old_range.end < old.len() && new_range.end < new.len());
                (
                    old_range.start - lead..old_range.end + trail,
                    new_range.start - lead..new_range.end + trail,
                )
            } else {
                (old_range.clone(), new_range.clone())
            };
            let spans_before = |chars: &[char], end: usize| {
                chars[..end].iter().filter(|&&c| c == PLACEHOLDER).count()
            };
            let first_old = spans_before(&old, old_shown.start);
            let first_new = spans_before(&new, new_shown.start);
            let change = Change {
                rule,
                column,
                before: self.display(&old, old_shown, first_old),
                after: self.display(&new, new_shown, first_new),
            };
            self.changes.push(change);
        }
        self.origin = new_origin;
    }
}

impl Observer for Tracker {
    fn changed(&mut self, rule: &'static str, before: &str, after: &str) {
        self.step(Some(rule), before, after);
    }

    fn masked(&mut self, before: &str, masked: &Masked) {
        self.step(None, before, &masked.text);
        self.spans = masked.spans().to_vec();
        self.changes_before_masking = self.changes.len();
        self.origin_at_masking = self.origin.clone();
    }

    fn rejected(&mut self) {
        self.changes.truncate(self.changes_before_masking);
        self.origin = std::mem::take(&mut self.origin_at_masking);
        self.warnings.push(Warning {
            rule: super::engine::F0,
            column: 0,
            message: "a rule would have changed the words, letters or digits: \
                      only the cleanup was applied to this paragraph"
                .to_string(),
        });
    }

    fn finished(&mut self, masked_result: &str) {
        for warning in lint::paragraph(masked_result) {
            let column = self.origin_at(warning.column);
            self.warnings.push(Warning { column, ..warning });
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HunkKind {
    Equal,
    Changed,
}

struct Hunk {
    kind: HunkKind,
    old: std::ops::Range<usize>,
    new: std::ops::Range<usize>,
}

/// The diff of two texts as alternating equal and changed regions; adjacent
/// edits merge into one changed region.
fn hunks(old: &[char], new: &[char]) -> Vec<Hunk> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (old_mid, new_mid) = (prefix..old.len() - suffix, prefix..new.len() - suffix);
    let mut out = vec![Hunk {
        kind: HunkKind::Equal,
        old: 0..prefix,
        new: 0..prefix,
    }];
    if old_mid.len().max(new_mid.len()) > MAX_DIFF_CHARS {
        out.push(Hunk {
            kind: HunkKind::Changed,
            old: old_mid.clone(),
            new: new_mid.clone(),
        });
    } else {
        let ops = capture_diff_slices(
            Algorithm::Myers,
            &old[old_mid.clone()],
            &new[new_mid.clone()],
        );
        for op in ops {
            let (tag_equal, old_range, new_range) = match op {
                DiffOp::Equal {
                    old_index,
                    new_index,
                    len,
                } => (true, old_index..old_index + len, new_index..new_index + len),
                DiffOp::Delete {
                    old_index,
                    old_len,
                    new_index,
                } => (false, old_index..old_index + old_len, new_index..new_index),
                DiffOp::Insert {
                    old_index,
                    new_index,
                    new_len,
                } => (false, old_index..old_index, new_index..new_index + new_len),
                DiffOp::Replace {
                    old_index,
                    old_len,
                    new_index,
                    new_len,
                } => (
                    false,
                    old_index..old_index + old_len,
                    new_index..new_index + new_len,
                ),
            };
            let kind = if tag_equal {
                HunkKind::Equal
            } else {
                HunkKind::Changed
            };
            let shift = |r: std::ops::Range<usize>| r.start + prefix..r.end + prefix;
            let (old_range, new_range) = (shift(old_range), shift(new_range));
            match out.last_mut() {
                Some(last) if last.kind == kind => {
                    last.old.end = old_range.end;
                    last.new.end = new_range.end;
                }
                _ => out.push(Hunk {
                    kind,
                    old: old_range,
                    new: new_range,
                }),
            }
        }
    }
    let tail = Hunk {
        kind: HunkKind::Equal,
        old: old.len() - suffix..old.len(),
        new: new.len() - suffix..new.len(),
    };
    match out.last_mut() {
        Some(last) if last.kind == HunkKind::Equal => {
            last.old.end = tail.old.end;
            last.new.end = tail.new.end;
        }
        _ => out.push(tail),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::engine::Normalizer;
    use super::*;

    fn trace(text: &str) -> (String, Vec<Change>, Vec<Warning>) {
        let mut tracker = Tracker::new(text);
        let out = Normalizer::default().run(text, &mut tracker);
        (out, tracker.changes, tracker.warnings)
    }

    fn change(rule: &'static str, column: usize, before: &str, after: &str) -> Change {
        Change {
            rule,
            column,
            before: before.to_string(),
            after: after.to_string(),
        }
    }

    #[test]
    fn changes_point_at_the_original_columns() {
        let (out, changes, warnings) = trace("    调解成功 22081件,调解成功率99. 1%");
        assert_eq!(out, "调解成功22081件，调解成功率99.1%");
        assert_eq!(
            changes,
            [
                change("A3", 0, "    调", "调"),
                change("B1", 15, ",", "，"),
                change("C1", 24, ". 1", ".1"),
                change("D1", 8, "功 2", "功2"),
            ]
        );
        assert!(warnings.is_empty());
    }

    #[test]
    fn protected_spans_are_shown_as_written() {
        let (_, changes, _) = trace("详见 https://www.gov.cn/a?b=1 ,谢谢");
        assert_eq!(
            changes,
            [
                change("B1", 28, ",", "，"),
                change(
                    "A5",
                    27,
                    "https://www.gov.cn/a?b=1 ，",
                    "https://www.gov.cn/a?b=1，"
                ),
                change(
                    "D1",
                    2,
                    "见 https://www.gov.cn/a?b=1",
                    "见https://www.gov.cn/a?b=1"
                ),
            ]
        );
    }

    #[test]
    fn each_bracket_of_a_pair_is_its_own_change() {
        let (_, changes, _) = trace("实施纲要(2021-2025年)》");
        let rules: Vec<_> = changes.iter().map(|c| (c.rule, c.column)).collect();
        assert_eq!(rules, [("B5", 4), ("B5", 15), ("C4", 9)]);
    }

    #[test]
    fn clean_text_has_no_changes() {
        let (out, changes, warnings) =
            trace("2021年，太原市坚持以习近平新时代中国特色社会主义思想为指导。");
        assert_eq!(
            out,
            "2021年，太原市坚持以习近平新时代中国特色社会主义思想为指导。"
        );
        assert!(changes.is_empty() && warnings.is_empty());
    }

    #[test]
    fn a_huge_edit_is_one_change() {
        let text = "中, ".repeat(20_000);
        let (_, changes, _) = trace(&text);
        assert!(changes.len() <= 4, "{}", changes.len());
    }
}
