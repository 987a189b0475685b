//! Spec G: Chinese heading markers. G2 normalizes the marker that opens a
//! paragraph ("(一)"→"（一）", "一."→"一、", "1、"→"1.", "㈠"→"（一）"); G1 reads
//! the heading level from it; G3 (`一是…` is no heading) follows from the patterns.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::chars::{is_cn_numeral, PLACEHOLDER};
use super::compile;

const CN_DIGITS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// The standard form of a one-character marker: ㈠…㈩ → （一）…（十），
/// ⑴…⒇ → （1）…（20）, and ⒈…⒛ → 1.…20. (the same value, written out).
pub fn enclosed_marker(c: char) -> Option<String> {
    let code = c as u32;
    if (0x3220..=0x3229).contains(&code) {
        let index = usize::try_from(code - 0x3220).ok()?;
        return CN_DIGITS.get(index).map(|numeral| format!("（{numeral}）"));
    }
    if (0x2474..=0x2487).contains(&code) {
        return Some(format!("（{}）", code - 0x2474 + 1));
    }
    if (0x2488..=0x249B).contains(&code) {
        return Some(format!("{}.", code - 0x2488 + 1));
    }
    None
}

/// G2: the marker opening a paragraph, in its standard form. Runs on masked text
/// after B, so "(一)" already reads "（一）" and "一," reads "一，".
pub fn g2_markers(text: &str) -> Cow<'_, str> {
    static BRACKETED: LazyLock<Regex> =
        LazyLock::new(|| compile(r"^（([一二三四五六七八九十]+|[0-9]+)）\s*[、，,.．。:：]\s*"));
    static CN_NUMERAL: LazyLock<Regex> =
        LazyLock::new(|| compile(r"^([一二三四五六七八九十]+)\s*[.．，,、]\s*"));
    static ARABIC: LazyLock<Regex> =
        LazyLock::new(|| compile(r"^([0-9]{1,3})\s*(?:[、．]\s*|\.\s+)(.)"));

    let Some(first) = text.chars().next() else {
        return Cow::Borrowed(text);
    };
    let may_open_marker = first.is_ascii_digit()
        || first == '（'
        || is_cn_numeral(first)
        || enclosed_marker(first).is_some();
    if !may_open_marker {
        return Cow::Borrowed(text);
    }
    let mut result: Cow<'_, str> = match enclosed_marker(first) {
        Some(marker) => {
            let rest = text[first.len_utf8()..].trim_start_matches([' ', '、', '，', '.', '．']);
            // "1." before a digit would read as a decimal (as in "1. 5G", C1).
            let before_digit = marker.ends_with('.')
                && rest.starts_with(|c: char| c.is_ascii_digit() || c == PLACEHOLDER);
            let separator = if before_digit { " " } else { "" };
            Cow::Owned(format!("{marker}{separator}{rest}"))
        }
        None => Cow::Borrowed(text),
    };
    if let Cow::Owned(replaced) = BRACKETED.replace(&result, "（$1）") {
        result = Cow::Owned(replaced);
    }
    if let Cow::Owned(replaced) = CN_NUMERAL.replace(&result, "$1、") {
        result = Cow::Owned(replaced);
    }
    let arabic = ARABIC.replace(&result, |caps: &Captures| {
        let next = caps[2].chars().next().unwrap_or(' ');
        // "1. 5G": a following digit would read as a decimal (C1, G3): keep it.
        if next.is_ascii_digit() || next == PLACEHOLDER {
            caps[0].to_string()
        } else {
            format!("{}.{}", &caps[1], &caps[2])
        }
    });
    if let Cow::Owned(replaced) = arabic {
        result = Cow::Owned(replaced);
    }
    result
}

/// G1: the heading level a paragraph's marker gives, if it opens with one:
/// 1 `一、`, 2 `（一）`, 3 `1.`, 4 `（1）`.
pub fn g1_marker_level(text: &str) -> Option<u8> {
    static LEVELS: LazyLock<[Regex; 4]> = LazyLock::new(|| {
        [
            compile(r"^[一二三四五六七八九十]+、"),
            compile(r"^（[一二三四五六七八九十]+）"),
            compile(r"^[0-9]+\.(?:[^0-9]|$)"),
            compile(r"^（[0-9]+）"),
        ]
    });
    (1u8..)
        .zip(LEVELS.iter())
        .find(|(_, pattern)| pattern.is_match(text))
        .map(|(level, _)| level)
}

/// G1: a body paragraph that is a whole L1 or L2 heading: it opens with the
/// marker, is short, and holds no sentence-ending `。；：`.
pub fn g1_standalone_heading(text: &str) -> Option<u8> {
    const MAX_HEADING_CHARS: usize = 60;
    let level = g1_marker_level(text).filter(|&level| level <= 2)?;
    let short = text.chars().count() <= MAX_HEADING_CHARS;
    let no_stop = !text.contains('。') && !text.contains('；') && !text.contains('：');
    (short && no_stop).then_some(level)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn g2_marker_forms() {
        assert_eq!(g2_markers("（一）、营商环境"), "（一）营商环境");
        assert_eq!(g2_markers("一.党的领导"), "一、党的领导");
        assert_eq!(g2_markers("一，党的领导"), "一、党的领导");
        assert_eq!(g2_markers("1、加强立法"), "1.加强立法");
        assert_eq!(g2_markers("1. 加强立法"), "1.加强立法");
        assert_eq!(g2_markers("1. \u{FDD0}网络"), "1. \u{FDD0}网络");
        assert_eq!(g2_markers("22、2022年"), "22、2022年");
        assert_eq!(g2_markers("㈠营商环境"), "（一）营商环境");
        assert_eq!(g2_markers("⑴完善机制"), "（1）完善机制");
        assert_eq!(g2_markers("⒇完善机制"), "（20）完善机制");
        assert_eq!(g2_markers("⒈加强立法"), "1.加强立法");
        assert_eq!(g2_markers("⒈\u{FDD0}网络"), "1. \u{FDD0}网络");
        assert_eq!(g2_markers("一是加强领导"), "一是加强领导");
        assert_eq!(g2_markers(""), "");
    }

    #[test]
    fn g1_levels_from_markers() {
        assert_eq!(g1_marker_level("一、党的领导"), Some(1));
        assert_eq!(g1_marker_level("（二）营商环境"), Some(2));
        assert_eq!(g1_marker_level("3.加强立法"), Some(3));
        assert_eq!(g1_marker_level("（4）完善"), Some(4));
        assert_eq!(g1_marker_level("3.6小时"), None);
        assert_eq!(g1_marker_level("一是加强"), None);
    }

    #[test]
    fn g1_standalone_headings() {
        assert_eq!(
            g1_standalone_heading("三、存在的不足和下一步工作打算"),
            Some(1)
        );
        assert_eq!(g1_standalone_heading("（一）营商环境更加优化"), Some(2));
        assert_eq!(
            g1_standalone_heading("（一）营商环境更加优化。全面推进"),
            None
        );
        assert_eq!(g1_standalone_heading("1.加强立法"), None);
    }
}
