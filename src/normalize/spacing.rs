//! Which space tokens survive, decided once B, C and E have made their marks
//! full-width (spec: "A5 applies again after B/C/E"): A5 beside full-width
//! punctuation, D1 between Chinese and Latin, A6 between two Han characters.
//! D2 (spaces between Latin runs) is what remains. Input: masked text with
//! single spaces (A4); a placeholder counts as Latin.

use std::borrow::Cow;

use super::chars::{is_cjk, is_cn_numeral, is_fullwidth_punct, is_han, is_latin};

/// Which space rule removes or replaces the space between `prev` and `next`.
fn decide(prev: char, next: char, in_quote: bool) -> Option<char> {
    if is_fullwidth_punct(prev) || is_fullwidth_punct(next) {
        return None; // A5
    }
    // A number's "%" or "℃" belongs to its Latin token (F3: "\d+%?").
    let latin = |c: char| is_latin(c) || matches!(c, '%' | '‰' | '℃');
    if (is_cjk(prev) && latin(next)) || (latin(prev) && is_cjk(next)) {
        return None; // D1
    }
    if is_han(prev) && is_han(next) {
        // A6: a deliberate separator inside a quoted or titled span, an artefact elsewhere.
        return in_quote.then_some('\u{3000}');
    }
    Some(' ')
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

/// A5, D1 and A6 in one pass over the spaces.
pub fn a5_d1_a6_spaces(text: &str) -> Cow<'_, str> {
    if !text.contains(' ') {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let keep_label_space = field_label_end(&chars);
    let mut out = String::with_capacity(text.len());
    let mut quote_depth = 0usize;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '“' | '‘' | '《' | '〈' => quote_depth += 1,
            '”' | '’' | '》' | '〉' => quote_depth = quote_depth.saturating_sub(1),
            _ => {}
        }
        if c != ' ' {
            out.push(c);
            continue;
        }
        let (Some(&prev), Some(&next)) = (
            i.checked_sub(1).and_then(|p| chars.get(p)),
            chars.get(i + 1),
        ) else {
            continue; // leading or trailing space: A3
        };
        if keep_label_space == Some(i) {
            out.push(' ');
        } else if let Some(kept) = decide(prev, next, quote_depth > 0) {
            out.push(kept);
        }
    }
    Cow::Owned(out)
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
