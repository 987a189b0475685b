//! Spec E: quotes (E1 straight, E2 corner), book-title marks (E3), ellipsis (E7)
//! and dash (E8). E4–E6 are "must not" rules: balanced marks are never re-paired
//! and unbalanced ones are never fixed. Input and output are masked text (spec F).

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::chars::{contains_any, is_cjk, is_han, next_non_space, prev_non_space};
use super::compile;

/// E1: straight quotes → curly, paired left to right: `"`→“ ” and `'`→‘ ’.
/// An odd count means the pairing is unknown, so nothing changes. Apostrophes
/// inside Latin words ("don't") are not quotes. English sentences are masked.
pub fn e1_straight_quotes(text: &str) -> Cow<'_, str> {
    if !contains_any(text, &['"', '\'']) {
        return Cow::Borrowed(text);
    }
    let mut chars: Vec<char> = text.chars().collect();
    let is_apostrophe = |chars: &[char], i: usize| {
        i > 0
            && chars[i - 1].is_ascii_alphabetic()
            && chars.get(i + 1).is_some_and(char::is_ascii_alphabetic)
    };
    for (straight, open, close) in [('"', '“', '”'), ('\'', '‘', '’')] {
        let positions: Vec<usize> = (0..chars.len())
            .filter(|&i| chars[i] == straight && !(straight == '\'' && is_apostrophe(&chars, i)))
            .collect();
        if positions.is_empty() || !positions.len().is_multiple_of(2) {
            continue;
        }
        for (n, &i) in positions.iter().enumerate() {
            chars[i] = if n % 2 == 0 { open } else { close };
        }
    }
    Cow::Owned(chars.into_iter().collect())
}

/// E2 (with E4): corner quotes → curly quotes by nesting depth, not by shape:
/// the outer pair becomes “ ”, a pair inside it ‘ ’, whatever corner form each used.
pub fn e2_corner_quotes(text: &str) -> Cow<'_, str> {
    if !contains_any(text, &['「', '」', '『', '』']) {
        return Cow::Borrowed(text);
    }
    let mut depth = 0usize;
    let converted = text
        .chars()
        .map(|c| match c {
            '「' | '『' | '“' | '‘' => {
                depth += 1;
                match c {
                    '「' | '『' if !depth.is_multiple_of(2) => '“',
                    '「' | '『' => '‘',
                    other => other,
                }
            }
            '」' | '』' | '”' | '’' => {
                let level = depth;
                depth = depth.saturating_sub(1);
                match c {
                    '」' | '』' if level.is_multiple_of(2) && level > 0 => '’',
                    '」' | '』' => '”',
                    other => other,
                }
            }
            other => other,
        })
        .collect();
    Cow::Owned(converted)
}

/// E3: `<<…>>`, `《…>>` and `<<…》` → 《…》, and a `<…>` holding Han inside a
/// title → 〈…〉 (nested titles). A single `<…>` elsewhere stays (math, markup).
pub fn e3_title_marks(text: &str) -> Cow<'_, str> {
    static TITLE: LazyLock<Regex> =
        LazyLock::new(|| compile(r"(?:<<|《)((?:[^<>《》]|<[^<>《》]*>)*?)(?:>>|》)"));
    static INNER: LazyLock<Regex> = LazyLock::new(|| compile(r"<([^<>《》]*)>"));
    if !text.contains('<') && !text.contains('>') {
        return Cow::Borrowed(text);
    }
    TITLE.replace_all(text, |caps: &Captures| {
        let inner = INNER.replace_all(&caps[1], |inner: &Captures| {
            if inner[1].chars().any(is_han) {
                format!("〈{}〉", &inner[1])
            } else {
                inner[0].to_string()
            }
        });
        format!("《{inner}》")
    })
}

fn is_ellipsis_char(c: char) -> bool {
    matches!(c, '…' | '⋯')
}

/// E7: in Chinese context, "..." (3 or more dots), "。。。", a lone "…", "⋯⋯" and
/// any other count of "…" → "……". A correct "……" (or "…………") stays.
pub fn e7_ellipsis(text: &str) -> Cow<'_, str> {
    let dots = |dot: &str| text.contains(dot) && text.contains(&dot.repeat(3));
    if !dots(".") && !dots("。") && !contains_any(text, &['…', '⋯']) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let run = chars[i..]
            .iter()
            .take_while(|&&d| d == c || (is_ellipsis_char(c) && is_ellipsis_char(d)))
            .count();
        let candidate = match c {
            '.' | '。' => run >= 3,
            '…' | '⋯' => {
                !(chars[i..i + run].iter().all(|&d| d == '…') && (run == 2 || run == 4))
            }
            _ => false,
        };
        let chinese = prev_non_space(&chars, i).is_some_and(is_cjk)
            || next_non_space(&chars, i + run - 1).is_some_and(is_han);
        if candidate && chinese {
            out.push_str("……");
        } else {
            out.extend(&chars[i..i + run]);
        }
        i += run;
    }
    if out == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(out)
    }
}

fn is_dash_char(c: char) -> bool {
    matches!(c, '-' | '－' | '―' | '─' | '—' | '⸺' | '⸻')
}

/// E8: a 破折号 written "--", "－－", "――", "──" or "⸺" between Chinese
/// characters or marks → "——". A single "—" between Han is a 一字线 (C6) and stays.
pub fn e8_dash(text: &str) -> Cow<'_, str> {
    if !contains_any(text, &['-', '－', '―', '─', '⸺', '⸻']) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !is_dash_char(c) {
            out.push(c);
            i += 1;
            continue;
        }
        let run = chars[i..].iter().take_while(|&&d| is_dash_char(d)).count();
        let dashes = &chars[i..i + run];
        let is_pozhehao = (run >= 2 || matches!(c, '⸺' | '⸻')) && dashes.iter().any(|&d| d != '—');
        let between_chinese = prev_non_space(&chars, i).is_some_and(is_cjk)
            && next_non_space(&chars, i + run - 1).is_some_and(is_cjk);
        if is_pozhehao && between_chinese {
            out.push_str("——");
        } else {
            out.extend(dashes);
        }
        i += run;
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e1_pairs_straight_quotes() {
        assert_eq!(
            e1_straight_quotes(r#"推行"一网通办"和"最多跑一次"改革"#),
            "推行“一网通办”和“最多跑一次”改革"
        );
        assert_eq!(e1_straight_quotes(r#"他说"好"#), r#"他说"好"#);
        assert_eq!(e1_straight_quotes("所谓'放管服'"), "所谓‘放管服’");
        assert_eq!(e1_straight_quotes("don't"), "don't");
    }

    #[test]
    fn e2_corner_quotes_by_depth() {
        assert_eq!(
            e2_corner_quotes("深入推进「放管服」改革"),
            "深入推进“放管服”改革"
        );
        assert_eq!(e2_corner_quotes("「甲『乙』丙」"), "“甲‘乙’丙”");
        assert_eq!(e2_corner_quotes("『甲「乙」丙』"), "“甲‘乙’丙”");
        assert_eq!(e2_corner_quotes("“甲「乙」丙”"), "“甲‘乙’丙”");
    }

    #[test]
    fn e3_double_angles() {
        assert_eq!(
            e3_title_marks("贯彻实施<<行政处罚法>>"),
            "贯彻实施《行政处罚法》"
        );
        assert_eq!(e3_title_marks("《行政处罚法>>"), "《行政处罚法》");
        assert_eq!(e3_title_marks("a<b>c"), "a<b>c");
        assert_eq!(
            e3_title_marks("<<关于<条例>的决定>>"),
            "《关于〈条例〉的决定》"
        );
        assert_eq!(e3_title_marks("《公式<x>》"), "《公式<x>》");
    }

    #[test]
    fn e7_ellipsis_forms() {
        assert_eq!(e7_ellipsis("优化服务..."), "优化服务……");
        assert_eq!(e7_ellipsis("等等。。。"), "等等……");
        assert_eq!(e7_ellipsis("依法行政⋯⋯"), "依法行政……");
        assert_eq!(e7_ellipsis("依法行政…"), "依法行政……");
        assert_eq!(e7_ellipsis("依法行政……"), "依法行政……");
        assert_eq!(e7_ellipsis("Wait... what"), "Wait... what");
    }

    #[test]
    fn e8_dash_between_chinese() {
        assert_eq!(e8_dash("建设--这是"), "建设——这是");
        assert_eq!(e8_dash("建设――这是"), "建设——这是");
        assert_eq!(e8_dash("建设——这是"), "建设——这是");
        assert_eq!(e8_dash("北京—上海"), "北京—上海");
        assert_eq!(e8_dash("cargo --release"), "cargo --release");
    }
}
