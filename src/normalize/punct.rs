//! Spec B: half-width punctuation in Chinese context → full-width (B1–B6), and
//! 文号 brackets (B7). Input and output are masked text (spec F), so protected
//! spans are one Latin placeholder each and are never touched (B8).

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::chars::{contains_any, is_cjk, is_cn_numeral, is_han, is_latin};
use super::compile;

/// B7: `Han+ [YYYY] N 号` → `Han+〔YYYY〕N号`, whatever brackets held the year.
pub fn b7_document_number(text: &str) -> Cow<'_, str> {
    static DOC_NUMBER: LazyLock<Regex> =
        LazyLock::new(|| compile(r"[\[［【(（] ?([0-9]{4}) ?[\]］】)）] ?([0-9]+) ?号"));
    if !text.contains('号') {
        return Cow::Borrowed(text);
    }
    DOC_NUMBER.replace_all(text, |caps: &Captures| {
        let whole = caps.get(0).map_or(0..0, |m| m.range());
        // The issuer's abbreviation (Han) comes right before the year.
        if text[..whole.start].chars().next_back().is_some_and(is_han) {
            format!("〔{}〕{}号", &caps[1], &caps[2])
        } else {
            text[whole].to_string()
        }
    })
}

/// The context test of spec B: the nearest non-space character before is C, or
/// the one after is H or an opening mark.
fn in_chinese_context(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_some_and(is_cjk)
        || next.is_some_and(|c| is_han(c) || matches!(c, '“' | '‘' | '（' | '《'))
}

fn both_latin(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_some_and(is_latin) && next.is_some_and(is_latin)
}

/// Where a mark sits: the text before it (with the marks before it already
/// converted, so that later marks see earlier ones in their final form), the
/// mark, and the text after it (not yet converted).
struct Mark<'a> {
    before: &'a str,
    mark: char,
    after: &'a str,
}

impl Mark<'_> {
    fn prev(&self) -> Option<char> {
        self.before.chars().next_back()
    }

    fn next(&self) -> Option<char> {
        self.after.chars().next()
    }

    /// The nearest character before the mark that is neither a space nor another
    /// half-width mark of these rules: a run of marks after Chinese text is in
    /// Chinese context as a whole ("为什么?!" and ";?;" alike), decided in one pass
    /// whichever rule runs first. Before, a `;` after a `?` waited for B4 to convert
    /// the `?`, so one pass was not a fixed point (found by cargo-fuzz).
    fn prev_non_space(&self) -> Option<char> {
        self.before
            .chars()
            .rev()
            .find(|&c| c != ' ' && !matches!(c, ',' | ';' | ':' | '?' | '!'))
    }

    fn next_non_space(&self) -> Option<char> {
        self.after.chars().find(|&c| c != ' ')
    }
}

/// Runs `convert` on every character of `text` that `trigger` holds. The text is
/// copied only from the first conversion on: most paragraphs need none.
fn convert_marks<'a>(
    text: &'a str,
    trigger: &[char],
    convert: impl Fn(&Mark<'_>) -> Option<char>,
) -> Cow<'a, str> {
    if !contains_any(text, trigger) {
        return Cow::Borrowed(text);
    }
    let mut out: Option<String> = None;
    for (at, c) in text.char_indices() {
        if !trigger.contains(&c) {
            if let Some(out) = out.as_mut() {
                out.push(c);
            }
            continue;
        }
        let after = &text[at + c.len_utf8()..];
        let replacement = {
            let before = out.as_deref().unwrap_or(&text[..at]);
            convert(&Mark {
                before,
                mark: c,
                after,
            })
        };
        match (replacement.filter(|&r| r != c), out.as_mut()) {
            (Some(r), Some(out)) => out.push(r),
            (Some(r), None) => {
                let mut copy = String::with_capacity(text.len() + 8);
                copy.push_str(&text[..at]);
                copy.push(r);
                out = Some(copy);
            }
            (None, Some(out)) => out.push(c),
            (None, None) => {}
        }
    }
    match out {
        Some(out) => Cow::Owned(out),
        None => Cow::Borrowed(text),
    }
}

/// B1: `,`→`，` and `;`→`；` in Chinese context, except between two Latin/digits ("1,000").
pub fn b1_comma_semicolon(text: &str) -> Cow<'_, str> {
    convert_marks(text, &[',', ';'], |m| {
        let (prev, next) = (m.prev_non_space(), m.next_non_space());
        if !in_chinese_context(prev, next) || both_latin(prev, next) {
            return None;
        }
        Some(if m.mark == ',' { '，' } else { '；' })
    })
}

/// B3: `:`→`：` in Chinese context unless between digits ("10:30", "1:500");
/// and a full-width "：" between digits becomes ":" ("１０：３０"→"10:30").
pub fn b3_colon(text: &str) -> Cow<'_, str> {
    convert_marks(text, &[':', '：'], |m| {
        let (prev, next) = (m.prev_non_space(), m.next_non_space());
        let digits = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        if m.mark == '：' {
            let adjacent_digits = digits(m.prev()) && digits(m.next());
            return adjacent_digits.then_some(':');
        }
        let context =
            prev.is_some_and(is_cjk) || next.is_some_and(|c| is_han(c) || matches!(c, '“' | '《'));
        (context && !(digits(prev) && digits(next))).then_some('：')
    })
}

/// B4: `?`→`？` and `!`→`！` after a Chinese character or mark.
pub fn b4_question_exclamation(text: &str) -> Cow<'_, str> {
    convert_marks(text, &['?', '!'], |m| {
        if !m.prev_non_space().is_some_and(is_cjk) {
            return None;
        }
        Some(if m.mark == '?' { '？' } else { '！' })
    })
}

/// B2: `.`→`。` after Han or a closing mark or "%", before the end, a closing
/// mark or Han. Never in "3.6", "e.g.", "...", or a heading marker "一." (G2).
pub fn b2_full_stop(text: &str) -> Cow<'_, str> {
    convert_marks(text, &['.'], |m| {
        let adjacent_dot = m.prev() == Some('.') || m.next() == Some('.');
        let marker_end = !m.before.is_empty() && m.before.chars().all(is_cn_numeral);
        if adjacent_dot || marker_end {
            return None;
        }
        let prev_ok = m
            .prev_non_space()
            .is_some_and(|c| is_han(c) || matches!(c, '”' | '’' | '）' | '》' | '%'));
        let next_ok = m.next_non_space().is_none_or(|c| {
            is_han(c) || matches!(c, '”' | '’' | '）' | '》' | ')' | '」' | '』' | '】' | '〕')
        });
        (prev_ok && next_ok).then_some('。')
    })
}

/// B6: "•" "・" "‧" "●" between two Han characters or two digits → "·" (间隔号).
pub fn b6_interpunct(text: &str) -> Cow<'_, str> {
    convert_marks(text, &['•', '・', '‧', '●'], |m| {
        let (Some(prev), Some(next)) = (m.prev(), m.next()) else {
            return None;
        };
        let between =
            (is_han(prev) && is_han(next)) || (prev.is_ascii_digit() && next.is_ascii_digit());
        between.then_some('·')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b1_converts_in_chinese_context_only() {
        assert_eq!(b1_comma_semicolon("如下,考核;完成"), "如下，考核；完成");
        assert_eq!(b1_comma_semicolon("共1,000元"), "共1,000元");
        assert_eq!(b1_comma_semicolon("\u{FDD0},部分"), "\u{FDD0}，部分");
        assert_eq!(b1_comma_semicolon("11项）,谋划"), "11项），谋划");
        assert_eq!(b1_comma_semicolon("A, B"), "A, B");
    }

    #[test]
    fn b2_full_stop_after_han_not_in_numbers_or_markers() {
        assert_eq!(b2_full_stop("要坚持问题导向."), "要坚持问题导向。");
        assert_eq!(b2_full_stop("增长22%."), "增长22%。");
        assert_eq!(b2_full_stop("增长3.6倍"), "增长3.6倍");
        assert_eq!(b2_full_stop("一.党的领导"), "一.党的领导");
        assert_eq!(b2_full_stop("等等..."), "等等...");
    }

    #[test]
    fn b3_colon_except_between_digits() {
        assert_eq!(b3_colon("如:考核"), "如：考核");
        assert_eq!(b3_colon("发布日期: 2022"), "发布日期： 2022");
        assert_eq!(b3_colon("时间为10:30"), "时间为10:30");
        assert_eq!(b3_colon("附件1:关于"), "附件1：关于");
        assert_eq!(b3_colon("会议于10：30召开"), "会议于10:30召开");
    }

    #[test]
    fn b4_after_chinese() {
        assert_eq!(b4_question_exclamation("为什么?好!"), "为什么？好！");
        assert_eq!(b4_question_exclamation("why?"), "why?");
    }

    #[test]
    fn b6_interpunct_between_han_or_digits() {
        assert_eq!(b6_interpunct("“5•12”"), "“5·12”");
        assert_eq!(b6_interpunct("卡尔•马克思"), "卡尔·马克思");
        assert_eq!(b6_interpunct("•订阅号"), "•订阅号");
    }

    #[test]
    fn b7_document_number_brackets() {
        assert_eq!(b7_document_number("国办发(2021)12号"), "国办发〔2021〕12号");
        assert_eq!(b7_document_number("晋政发[2021]15号"), "晋政发〔2021〕15号");
        assert_eq!(b7_document_number("国发〔2021〕24号"), "国发〔2021〕24号");
    }
}
