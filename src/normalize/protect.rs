//! Spec F: protected spans. Before rules B–E run, every span that must never be
//! edited (URLs, e-mails, identifiers, English sentences, fixed terms, code) is
//! replaced by one [`PLACEHOLDER`] character, which the rules treat as one Latin
//! token (F: "treated as one Latin token for D1"). [`Masked::restore`] puts the
//! spans back in order. No rule deletes or duplicates a Latin token, so the order holds.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::chars::{is_han, PLACEHOLDER};
use super::compile;

/// The text with protected spans masked, and the spans in order.
pub struct Masked {
    pub text: String,
    spans: Vec<String>,
}

impl Masked {
    /// The text with every placeholder replaced by its span, in order.
    pub fn restore(text: &str, spans: &[String]) -> String {
        if spans.is_empty() {
            return text.to_string();
        }
        let mut out =
            String::with_capacity(text.len() + spans.iter().map(String::len).sum::<usize>());
        let mut next_span = spans.iter();
        for c in text.chars() {
            if c == PLACEHOLDER {
                // The counts always match; a missing span would be a rule bug,
                // and dropping nothing is the safe answer to it.
                match next_span.next() {
                    Some(span) => out.push_str(span),
                    None => out.push(c),
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    pub fn spans(&self) -> &[String] {
        &self.spans
    }
}

// FP characters, as a regex class body, so that a URL stops at Chinese punctuation.
const FP_CLASS: &str = "，。、；：？！“”‘’（）《》〈〉【】〔〕［］「」『』—…·～／";

/// F8: inline code and surviving HTML tags.
static CODE: LazyLock<Regex> =
    LazyLock::new(|| compile(r"`[^`]+`|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"));

/// F1: URLs, up to whitespace, Han or FP.
static URL: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)(?:(?:https?|ftp)://|www\.)[^\s\p{{Han}}{FP_CLASS}]+"
    ))
});

/// F2: e-mail addresses and bare domain names.
static EMAIL_OR_DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:cn|com|org|net|gov)(?:\.cn)?",
    )
});

/// F6: identifiers: standard numbers, 文号, ICP numbers, phone numbers, ISO dates, "第1.2条".
static IDENTIFIER: LazyLock<Regex> = LazyLock::new(|| {
    compile(concat!(
        r"GB(?:/[TZ])? ?[0-9]+(?:\.[0-9]+)?-[0-9]{4}",
        r"|〔[0-9]{4}〕[0-9]+号",
        r"|ICP[备证][0-9]+号(?:-[0-9]+)?",
        r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?",
        r"|0[0-9]{2,3}-[0-9]{7,8}(?:-[0-9]{1,6})?",
        r"|[0-9]{3,4}-[0-9]{3,4}-[0-9]{4}",
        r"|第[0-9]+(?:\.[0-9]+)+条",
    ))
});

/// F5: a run of at least three Latin words with a space and sentence punctuation.
/// Quotes around the whole sentence stay outside: in Chinese text they are Chinese quotes (E1).
static ENGLISH_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    let word = r#"["'(]?[A-Za-z0-9][A-Za-z0-9'’-]*[)"']?"#;
    compile(&format!(
        r#"[A-Za-z][A-Za-z0-9'’-]*(?:[,;:]?["']? {word}){{2,}}[.!?]*"#
    ))
});

/// F7: fixed terms with digits or symbols: "5G", "IPv6", "PM2.5", "COVID-19",
/// "v1.2.3", "Backbone.js", "A/B", "U.S.".
static FIXED_TERM: LazyLock<Regex> = LazyLock::new(|| {
    compile(concat!(
        r"(?:[A-Za-z]\.){2,}",
        r"|[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*(?:[-./][A-Za-z0-9]+)+",
        r"|[0-9]+[A-Za-z][A-Za-z0-9]*",
        r"|[A-Za-z]+[0-9][A-Za-z0-9]*",
    ))
});

fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|s| s.chars().next_back())
}

fn char_after(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|s| s.chars().next())
}

fn glued_to_alnum(text: &str, range: &Range<usize>) -> bool {
    char_before(text, range.start).is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
        || char_after(text, range.end).is_some_and(|c| c.is_ascii_alphanumeric())
}

/// F1: strip trailing ASCII `.,;:!?)` that is followed by Han, a space or the end
/// (the linkifier heuristic; a space too, so that the result does not depend on
/// whether D1 has removed that space yet).
fn trim_url(text: &str, mut range: Range<usize>) -> Range<usize> {
    while range.end > range.start {
        let Some(last) = char_before(text, range.end) else {
            break;
        };
        let followed_ok =
            char_after(text, range.end).is_none_or(|c| is_han(c) || c.is_whitespace());
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | ')') && followed_ok {
            range.end -= 1;
        } else {
            break;
        }
    }
    range
}

fn take(range: Range<usize>, taken: &mut Vec<Range<usize>>) {
    if range.is_empty()
        || taken
            .iter()
            .any(|t| t.start < range.end && range.start < t.end)
    {
        return;
    }
    taken.push(range);
}

fn english_sentence(text: &str, range: &Range<usize>) -> bool {
    let span = &text[range.clone()];
    span.contains(' ')
        && span
            .chars()
            .any(|c| matches!(c, '.' | ',' | ';' | ':' | '!' | '?'))
}

/// Masks the protected spans of `text` (the output of spec A).
pub fn protect(text: &str) -> Masked {
    let has_letters = text.bytes().any(|b| b.is_ascii_alphabetic());
    let has_marker = |c: char| text.contains(c);
    let unprotected = || Masked {
        text: text.to_string(),
        spans: Vec::new(),
    };
    if !has_letters
        && !has_marker('`')
        && !has_marker('-')
        && !has_marker('〔')
        && !has_marker('.')
        && !has_marker(PLACEHOLDER)
    {
        return unprotected();
    }
    // First match wins: the detectors run in priority order and a later span
    // may not overlap an earlier one. Each runs only when its text can match.
    let mut taken: Vec<Range<usize>> = Vec::new();
    if has_marker(PLACEHOLDER) {
        for (i, c) in text.char_indices() {
            if c == PLACEHOLDER {
                take(i..i + c.len_utf8(), &mut taken);
            }
        }
    }
    if has_marker('`') || has_marker('<') {
        for m in CODE.find_iter(text) {
            take(m.range(), &mut taken);
        }
    }
    if has_letters && (has_marker(':') || has_marker('.')) {
        for m in URL.find_iter(text) {
            let glued = char_before(text, m.start()).is_some_and(|c| c.is_ascii_alphanumeric());
            if !glued {
                take(trim_url(text, m.range()), &mut taken);
            }
        }
        for m in EMAIL_OR_DOMAIN.find_iter(text) {
            if !glued_to_alnum(text, &m.range()) {
                take(trim_url(text, m.range()), &mut taken);
            }
        }
    }
    if has_marker('-') || has_marker('〔') || has_marker('.') {
        for m in IDENTIFIER.find_iter(text) {
            let digit_glued = char_before(text, m.start()).is_some_and(|c| c.is_ascii_digit())
                || char_after(text, m.end()).is_some_and(|c| c.is_ascii_digit());
            if !digit_glued {
                take(m.range(), &mut taken);
            }
        }
    }
    if has_letters {
        for m in ENGLISH_SENTENCE.find_iter(text) {
            let mut range = m.range();
            // A quotation opened inside the sentence closes with it.
            let opened_inside = text[range.clone()].matches('"').count() % 2 == 1;
            if opened_inside && char_after(text, range.end) == Some('"') {
                range.end += 1;
            }
            if english_sentence(text, &range) {
                take(range, &mut taken);
            }
        }
        for m in FIXED_TERM.find_iter(text) {
            if !glued_to_alnum(text, &m.range()) {
                take(m.range(), &mut taken);
            }
        }
    }
    if taken.is_empty() {
        return unprotected();
    }
    taken.sort_by_key(|r| r.start);
    let mut masked = String::with_capacity(text.len());
    let mut spans = Vec::with_capacity(taken.len());
    let mut at = 0;
    for range in taken {
        masked.push_str(&text[at..range.start]);
        masked.push(PLACEHOLDER);
        spans.push(text[range.clone()].to_string());
        at = range.end;
    }
    masked.push_str(&text[at..]);
    Masked {
        text: masked,
        spans,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<String> {
        protect(text).spans().to_vec()
    }

    #[test]
    fn f1_urls_stop_at_han_and_trailing_punctuation() {
        assert_eq!(spans("详见 http://a.b/c?d=1 。"), ["http://a.b/c?d=1"]);
        assert_eq!(spans("访问www.gov.cn,查询"), ["www.gov.cn"]);
    }

    #[test]
    fn f2_emails() {
        assert_eq!(spans("邮箱:sfj@taiyuan.gov.cn"), ["sfj@taiyuan.gov.cn"]);
    }

    #[test]
    fn f6_identifiers() {
        assert_eq!(spans("京ICP备12049208号-6"), ["ICP备12049208号-6"]);
        assert_eq!(spans("发布日期: 2022-03-07"), ["2022-03-07"]);
        assert_eq!(spans("按GB/T 9704-2012执行"), ["GB/T 9704-2012"]);
        assert_eq!(spans("电话0351-4567890"), ["0351-4567890"]);
        assert!(spans("2021-2025年").is_empty());
    }

    #[test]
    fn f5_english_sentences() {
        assert_eq!(
            spans("英文原文为“All men are created equal.”"),
            ["All men are created equal."]
        );
        assert!(spans("使用 Rust 语言").is_empty());
        assert_eq!(
            spans("他说 He said, \"Hello, world.\" 然后"),
            ["He said, \"Hello, world.\""]
        );
        assert_eq!(
            spans("原文为\"All men are created equal.\""),
            ["All men are created equal."]
        );
    }

    #[test]
    fn f7_fixed_terms_and_f8_code() {
        assert_eq!(spans("推进5G、IPv6规模部署"), ["5G", "IPv6"]);
        assert_eq!(spans("受COVID-19影响"), ["COVID-19"]);
        assert_eq!(spans("PM2.5平均浓度"), ["PM2.5"]);
        assert_eq!(spans("版本v1.2.3发布"), ["v1.2.3"]);
        assert_eq!(spans("运行`cargo build`即可"), ["`cargo build`"]);
        assert!(spans("3. 6小时").is_empty());
    }

    #[test]
    fn restore_round_trips() {
        for text in ["详见 http://a.b/c?d=1 。", "A\u{FDD0}B 5G", "无"] {
            let masked = protect(text);
            assert_eq!(Masked::restore(&masked.text, masked.spans()), text);
        }
    }
}
