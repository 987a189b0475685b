//! Spec A, character-level cleanup that runs before anything else: A1 invisible
//! characters, A8 radicals and NFC, A7 width folding, A2–A4 whitespace.
//! A5 and A6 (spaces beside punctuation and between Han) live in `spacing`,
//! because they need the marks that B and E produce.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::chars::is_han;

fn is_emoji_like(c: char) -> bool {
    c >= '\u{1F000}' || ('\u{2600}'..='\u{27BF}').contains(&c)
}

/// Whether the UTF-8 of `text` may encode one of A1's characters: a byte-level
/// scan (only the lead bytes C2, E1, E2 and EF can start one), because decoding
/// every character of every paragraph costs more.
fn may_hold_invisible(bytes: &[u8]) -> bool {
    candidates(bytes, &[0xC2, 0xE1, 0xE2, 0xEF], |at| match &bytes[at..] {
        [0xC2, 0xAD, ..] | [0xE1, 0xA0, 0x8E, ..] | [0xEF, 0xBB, 0xBF, ..] => true,
        [0xE2, 0x80, b, ..] => (0x8B..=0x8F).contains(b) || (0xAA..=0xAE).contains(b),
        [0xE2, 0x81, b, ..] => (0xA0..=0xA9).contains(b),
        [0xEF, 0xB8, b, ..] => (0x80..=0x8F).contains(b),
        _ => false,
    })
}

/// Whether `check` accepts some position of `bytes` that holds one of `leads`.
/// A table lookup a byte: several times faster than a `match` on each.
fn candidates(bytes: &[u8], leads: &[u8], check: impl Fn(usize) -> bool) -> bool {
    let mut table = [false; 256];
    for &lead in leads {
        table[usize::from(lead)] = true;
    }
    bytes
        .iter()
        .enumerate()
        .any(|(at, &b)| table[usize::from(b)] && check(at))
}

/// Whether A1, A7, A8 and A2 have nothing to do in `text`: one pass over the
/// characters, where each of those rules would make its own; most paragraphs pass.
pub fn nothing_for_a1_a7_a8_a2(text: &str) -> bool {
    text.chars().all(|c| {
        if c.is_ascii() {
            return c == ' ' || !c.is_whitespace();
        }
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            return true;
        }
        let a1 = matches!(c,
            '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
            | '\u{FE00}'..='\u{FE0F}');
        let a2 = c.is_whitespace();
        let a7 = is_fullwidth_alnum(c) || is_foldable_symbol(c);
        !(a1 || a2 || a7) && nfc_stable_without_radicals(c)
    })
}

/// Characters that are NFC on their own and are no radicals (A8 leaves them):
/// nearly all of a Chinese text, checked far faster than `is_nfc_quick`.
fn nfc_stable_without_radicals(c: char) -> bool {
    c < '\u{300}'
        || ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || ('\u{3000}'..='\u{3029}').contains(&c)
        || ('\u{2010}'..='\u{2027}').contains(&c)
        || ('\u{FF00}'..='\u{FFEF}').contains(&c)
}

/// A1: delete invisible format characters (HTML/CMS residue). A ZWJ between two
/// emoji and a variation selector after a Han character (IVS) are meaningful and stay.
pub fn a1_drop_invisible(text: &str) -> Cow<'_, str> {
    let is_candidate = |c: char| {
        matches!(c,
            '\u{200B}'..='\u{200F}'
            | '\u{2060}'..='\u{2064}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
            | '\u{FE00}'..='\u{FE0F}')
    };
    if !may_hold_invisible(text.as_bytes()) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let keep = match c {
            '\u{200D}' => prev.is_some_and(is_emoji_like) && next.is_some_and(is_emoji_like),
            '\u{FE00}'..='\u{FE0F}' => prev.is_some_and(is_han),
            c => !is_candidate(c),
        };
        if keep {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A8: Kangxi radicals and CJK radical supplements → the unified ideograph they
/// look like ("⼀"→"一"), then NFC (which also maps CJK compatibility ideographs).
/// Not NFKC on the whole text: that would also fold "，" and "①" (A7).
pub fn a8_unify_ideographs(text: &str) -> Cow<'_, str> {
    let is_radical = |c: char| ('\u{2E80}'..='\u{2FD5}').contains(&c);
    if text.chars().all(nfc_stable_without_radicals) {
        return Cow::Borrowed(text);
    }
    let has_radicals = text.chars().any(is_radical);
    if !has_radicals && is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return Cow::Borrowed(text);
    }
    let mapped: String = text
        .chars()
        .map(|c| {
            if !is_radical(c) {
                return c;
            }
            let mut folded = std::iter::once(c).nfkc();
            match (folded.next(), folded.next()) {
                (Some(f), None) if is_han(f) && f != c => f,
                _ => c,
            }
        })
        .collect();
    Cow::Owned(mapped.nfc().collect())
}

fn fold_fullwidth(c: char) -> char {
    char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
}

fn is_fullwidth_alnum(c: char) -> bool {
    matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

fn is_foldable_symbol(c: char) -> bool {
    matches!(
        c,
        '％' | '＋' | '－' | '．' | '／' | '＠' | '＃' | '＆' | '＊' | '＝' | '＜' | '＞'
    )
}

/// Whether `bytes` (UTF-8) hold a character A7 folds, by its bytes alone: they are all
/// U+FF03–U+FF5A, EF BC xx or EF BD xx. Chinese text is full of EF BC xx marks (，：；
/// （）), so the third byte decides without decoding; this scan runs on every paragraph.
pub fn may_fold(bytes: &[u8]) -> bool {
    memchr::memchr_iter(0xEF, bytes).any(|at| match bytes.get(at + 1..at + 3) {
        Some([0xBC, third]) => matches!(
            third,
            0x83 | 0x85 | 0x86 | 0x8A | 0x8B | 0x8D..=0x99 | 0x9C..=0x9E | 0xA0..=0xBA
        ),
        Some([0xBD, third]) => matches!(third, 0x81..=0x9A),
        _ => false,
    })
}

/// A7: full-width letters and digits → ASCII; the symbols `％＋－．／＠＃＆＊＝＜＞`
/// too, but only beside a letter or digit ("２５．３７"→"25.37"). Never the FP
/// marks (，。（） …), which are Chinese punctuation, not wide ASCII.
pub fn a7_fold_width(text: &str) -> Cow<'_, str> {
    if !may_fold(text.as_bytes()) {
        return Cow::Borrowed(text);
    }
    let mut chars: Vec<char> = text
        .chars()
        .map(|c| {
            if is_fullwidth_alnum(c) {
                fold_fullwidth(c)
            } else {
                c
            }
        })
        .collect();
    for i in 0..chars.len() {
        if !is_foldable_symbol(chars[i]) {
            continue;
        }
        let beside_alnum = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|c| c.is_ascii_alphanumeric())
        };
        if beside_alnum(i.checked_sub(1)) || beside_alnum(Some(i + 1)) {
            chars[i] = fold_fullwidth(chars[i]);
        }
    }
    Cow::Owned(chars.into_iter().collect())
}

/// Whether the UTF-8 of `text` may encode whitespace other than the ASCII space:
/// a byte scan, cheaper than decoding every character.
fn may_hold_whitespace(bytes: &[u8]) -> bool {
    const LEADS: [u8; 9] = [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xC2, 0xE1, 0xE2, 0xE3];
    candidates(bytes, &LEADS, |at| {
        matches!(
            &bytes[at..],
            [0x09..=0x0D, ..]
                | [0xC2, 0x85 | 0xA0, ..]
                | [0xE1, 0x9A, ..]
                | [0xE2, 0x80 | 0x81, ..]
                | [0xE3, 0x80, 0x80, ..]
        )
    })
}

fn is_other_whitespace(c: char) -> bool {
    c.is_whitespace() && c != ' ' && c != '\u{3000}'
}

/// A2: every whitespace becomes the plain space token, except a U+3000 (or a run
/// of them) between two Han characters, which is deliberate padding ("王　伟", A6a).
/// Line breaks become spaces too: the input is one paragraph.
pub fn a2_space_tokens(text: &str) -> Cow<'_, str> {
    if !may_hold_whitespace(text.as_bytes()) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\u{3000}' {
            let run_end = chars[i..]
                .iter()
                .position(|&c| c != '\u{3000}')
                .map_or(chars.len(), |n| i + n);
            let before_han = i > 0 && is_han(chars[i - 1]);
            let after_han = chars.get(run_end).is_some_and(|&c| is_han(c));
            let replacement = if before_han && after_han {
                '\u{3000}'
            } else {
                ' '
            };
            out.extend(std::iter::repeat_n(replacement, run_end - i));
            i = run_end;
            continue;
        }
        out.push(if is_other_whitespace(c) { ' ' } else { c });
        i += 1;
    }
    Cow::Owned(out)
}

/// A4: runs of space tokens collapse to one.
pub fn a4_collapse_spaces(text: &str) -> Cow<'_, str> {
    if !text.contains("  ") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut last_was_space = false;
    for c in text.chars() {
        if c == ' ' && last_was_space {
            continue;
        }
        last_was_space = c == ' ';
        out.push(c);
    }
    Cow::Owned(out)
}

/// A3: no leading or trailing whitespace (indentation is a layout property, H).
pub fn a3_trim(text: &str) -> Cow<'_, str> {
    let trimmed = text.trim_matches(|c: char| c.is_whitespace());
    if trimmed.len() == text.len() {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(trimmed.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn may_fold_agrees_with_the_characters_for_every_code_point() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("中{c}文");
            let folds = is_fullwidth_alnum(c) || is_foldable_symbol(c);
            assert_eq!(may_fold(text.as_bytes()), folds, "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn the_shared_scan_misses_nothing() {
        let rules: [Rule; 4] = [
            a1_drop_invisible,
            a7_fold_width,
            a8_unify_ideographs,
            a2_space_tokens,
        ];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for text in [format!("中{c}a"), format!("a{c}"), format!("{c}\u{301}")] {
                if nothing_for_a1_a7_a8_a2(&text) {
                    for rule in rules {
                        assert_eq!(rule(&text), text, "U+{:04X}", c as u32);
                    }
                }
            }
        }
    }

    type Rule = fn(&str) -> Cow<'_, str>;

    #[test]
    fn byte_scans_see_every_candidate() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = c.to_string();
            if c.is_whitespace() && c != ' ' {
                assert!(may_hold_whitespace(text.as_bytes()), "U+{:04X}", c as u32);
            }
            let invisible = matches!(c,
                '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
                | '\u{FE00}'..='\u{FE0F}');
            if invisible {
                assert!(may_hold_invisible(text.as_bytes()), "U+{:04X}", c as u32);
            }
            if is_fullwidth_alnum(c) || is_foldable_symbol(c) {
                assert!(
                    matches!(a7_fold_width(&format!("a{c}")), Cow::Owned(_)),
                    "U+{:04X}",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn a1_deletes_zero_width_but_keeps_emoji_joiner() {
        assert_eq!(
            a1_drop_invisible("\u{FEFF}全面依法\u{2060}治国\u{200B}"),
            "全面依法治国"
        );
        assert_eq!(a1_drop_invisible("软\u{00AD}件"), "软件");
        assert_eq!(a1_drop_invisible("👩\u{200D}💻"), "👩\u{200D}💻");
        assert_eq!(a1_drop_invisible("a\u{200D}b"), "ab");
        assert_eq!(a1_drop_invisible("葛\u{FE00}"), "葛\u{FE00}");
        assert_eq!(a1_drop_invisible("a\u{FE0F}"), "a");
        assert_eq!(a1_drop_invisible("a\u{AD}"), "a");
        assert_eq!(a1_drop_invisible("“引号”，"), "“引号”，");
    }

    #[test]
    fn a8_maps_radicals_and_compatibility_ideographs() {
        assert_eq!(a8_unify_ideographs("⼀、执法⼈员"), "一、执法人员");
        assert_eq!(a8_unify_ideographs("\u{F900}"), "\u{8C48}");
        assert_eq!(a8_unify_ideographs("①，"), "①，");
    }

    #[test]
    fn a7_folds_alnum_and_adjacent_symbols_only() {
        assert_eq!(a7_fold_width("ＣＯＶＩＤ－１９疫情"), "COVID-19疫情");
        assert_eq!(a7_fold_width("罚没款２５．３７万元"), "罚没款25.37万元");
        assert_eq!(a7_fold_width("增长２２％，"), "增长22%，");
        assert_eq!(a7_fold_width("互联网＋监管（一）"), "互联网＋监管（一）");
        assert_eq!(a7_fold_width("１０：３０"), "10：30");
    }

    #[test]
    fn a2_maps_whitespace_but_keeps_padding_between_han() {
        assert_eq!(a2_space_tokens("a\u{A0}b\tc\u{2009}d"), "a b c d");
        assert_eq!(a2_space_tokens("王　伟"), "王　伟");
        assert_eq!(a2_space_tokens("　　市委"), "  市委");
        assert_eq!(a2_space_tokens("市委　2021"), "市委 2021");
    }

    #[test]
    fn a3_a4_trim_and_collapse() {
        assert_eq!(a4_collapse_spaces("a   b  c"), "a b c");
        assert_eq!(a3_trim("  法治政府 "), "法治政府");
        assert_eq!(a3_trim("法治"), "法治");
    }
}
