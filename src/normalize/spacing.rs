//! Which space tokens survive, decided once B, C and E have made their marks
//! full-width (spec: "A5 applies again after B/C/E"): A5 beside full-width
//! punctuation, D1 between Chinese and Latin, A6 between two Han characters.
//! D2 (spaces between Latin runs) is what remains. Input: masked text with
//! single spaces (A4); a placeholder counts as Latin. Each space token is
//! governed by exactly one of the three rules, so each can be switched off alone.

use std::borrow::Cow;

use super::chars::{is_cjk, is_cn_numeral, is_fullwidth_punct, is_han, is_latin};

/// The rule that governs a space token, by its neighbours.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SpaceRule {
    A5,
    D1,
    A6,
    /// D2 and everything else: the space stays.
    Keep,
}

/// Which rule governs the space between `prev` and `next`.
fn governing_rule(prev: char, next: char) -> SpaceRule {
    if is_fullwidth_punct(prev) || is_fullwidth_punct(next) {
        return SpaceRule::A5;
    }
    // A number's "%" or "℃" belongs to its Latin token (F3: "\d+%?").
    let latin = |c: char| is_latin(c) || matches!(c, '%' | '‰' | '℃');
    if (is_cjk(prev) && latin(next)) || (latin(prev) && is_cjk(next)) {
        return SpaceRule::D1;
    }
    if is_han(prev) && is_han(next) {
        return SpaceRule::A6;
    }
    SpaceRule::Keep
}

/// Length of a leading "第X章 " style label, whose space separates fields
/// (spec J: undecided, so left as it is).
fn field_label_end(chars: &[char]) -> Option<usize> {
    if chars.first() != Some(&'第') {
        return None;
    }
    let numeral = chars[1..]
        .iter()
        .take_while(|&&c| is_cn_numeral(c) || matches!(c, '百' | '零' | '〇') || c.is_ascii_digit())
        .count();
    let label = chars.get(1 + numeral)?;
    (numeral > 0 && matches!(label, '章' | '节' | '条' | '编' | '篇' | '部' | '款'))
        .then_some(2 + numeral)
}

/// A5: no space beside full-width punctuation ("来源： 太原"→"来源：太原").
pub fn a5_fullwidth_punct_spaces(text: &str) -> Cow<'_, str> {
    apply(text, SpaceRule::A5)
}

/// D1: no space between Chinese and Latin letters or digits ("2021 年"→"2021年").
pub fn d1_cjk_latin_spaces(text: &str) -> Cow<'_, str> {
    apply(text, SpaceRule::D1)
}

/// A6: a space between two Han characters becomes U+3000 inside a quoted or
/// titled span (a deliberate separator), and goes elsewhere (an artefact).
pub fn a6_han_spaces(text: &str) -> Cow<'_, str> {
    apply(text, SpaceRule::A6)
}

/// Decides every space token that `rule` governs; others are left as they are.
/// Each space has exactly one governing rule, so the three can run in any order.
fn apply(text: &str, rule: SpaceRule) -> Cow<'_, str> {
    if !governs_any(text, rule) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let keep_label_space = field_label_end(&chars);
    let mut out = String::with_capacity(text.len());
    let mut quote_depth = 0usize;
    let mut changed = false;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '“' | '‘' | '《' | '〈' => quote_depth += 1,
            '”' | '’' | '》' | '〉' => quote_depth = quote_depth.saturating_sub(1),
            _ => {}
        }
        let neighbours = (
            i.checked_sub(1).and_then(|p| chars.get(p)),
            chars.get(i + 1),
        );
        let (' ', (Some(&prev), Some(&next))) = (c, neighbours) else {
            out.push(c); // a leading or trailing space is A3's
            continue;
        };
        if keep_label_space == Some(i) || governing_rule(prev, next) != rule {
            out.push(' ');
            continue;
        }
        changed = true;
        if rule == SpaceRule::A6 && quote_depth > 0 {
            out.push('\u{3000}');
        }
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether any space of `text` is `rule`'s: a scan without allocation, since
/// most paragraphs have none.
fn governs_any(text: &str, rule: SpaceRule) -> bool {
    let mut rest = text;
    while let Some(at) = rest.find(' ') {
        let prev = rest[..at].chars().next_back();
        let next = rest[at + 1..].chars().next();
        if let (Some(prev), Some(next)) = (prev, next) {
            if governing_rule(prev, next) == rule {
                return true;
            }
        }
        rest = &rest[at + 1..];
    }
    false
}

/// All three space rules, as the engine runs them.
#[cfg(test)]
fn a5_d1_a6_spaces(text: &str) -> String {
    let text = a5_fullwidth_punct_spaces(text);
    let text = d1_cjk_latin_spaces(&text);
    a6_han_spaces(&text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a5_no_space_beside_fullwidth_marks() {
        assert_eq!(a5_d1_a6_spaces("文章来源： 太原市"), "文章来源：太原市");
        assert_eq!(a5_d1_a6_spaces("被评为 “全省”"), "被评为“全省”");
        assert_eq!(a5_d1_a6_spaces("（ 议题 ）"), "（议题）");
        assert_eq!(a5_d1_a6_spaces("99.1% ，"), "99.1%，");
    }

    #[test]
    fn d1_no_space_between_chinese_and_latin() {
        assert_eq!(a5_d1_a6_spaces("使用 Rust 语言"), "使用Rust语言");
        assert_eq!(a5_d1_a6_spaces("2021 年"), "2021年");
        assert_eq!(a5_d1_a6_spaces("详见 \u{FDD0}"), "详见\u{FDD0}");
        assert_eq!(a5_d1_a6_spaces("增长 15% 左右"), "增长15%左右");
    }

    #[test]
    fn d2_keeps_spaces_between_latin_runs() {
        assert_eq!(a5_d1_a6_spaces("共计12 500元"), "共计12 500元");
        assert_eq!(
            a5_d1_a6_spaces("New Deal for Cities"),
            "New Deal for Cities"
        );
    }

    #[test]
    fn a6_space_between_han() {
        assert_eq!(a5_d1_a6_spaces("市政府 主要领导"), "市政府主要领导");
        assert_eq!(
            a5_d1_a6_spaces("“诚信太原 放心消费”"),
            "“诚信太原\u{3000}放心消费”"
        );
        assert_eq!(a5_d1_a6_spaces("王\u{3000}伟"), "王\u{3000}伟");
    }

    #[test]
    fn j_field_labels_keep_their_space() {
        assert_eq!(a5_d1_a6_spaces("第一章 总则"), "第一章 总则");
        assert_eq!(a5_d1_a6_spaces("第三条 为了 规范"), "第三条 为了规范");
    }
}
