//! Character classes of the spec (section A): H (Han), FP (full-width
//! punctuation), C (CJK context = H ∪ FP) and L (Latin letters and digits).

use unicode_normalization::UnicodeNormalization;

/// Stands in for a protected span (spec F) while the rules run. It is a Unicode
/// noncharacter, and any that the input holds is itself masked, so it is never ambiguous.
pub const PLACEHOLDER: char = '\u{FDD0}';

/// H: `\p{Han}` plus 〇 (and the iteration marks that behave like ideographs).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{2E80}'..='\u{2EFF}'
        | '\u{2F00}'..='\u{2FDF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2EBEF}'
        | '\u{30000}'..='\u{323AF}'
        | '〇' | '々' | '\u{3021}'..='\u{3029}' | '\u{3038}'..='\u{303B}')
}

/// FP: the full-width CJK punctuation of spec A (plus the corner quotes and
/// brackets that E2 and B7 deal with, so they count as context too).
pub fn is_fullwidth_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '【'
            | '】'
            | '〔'
            | '〕'
            | '［'
            | '］'
            | '「'
            | '」'
            | '『'
            | '』'
            | '〖'
            | '〗'
            | '—'
            | '…'
            | '·'
            | '～'
            | '／'
    )
}

/// C: the CJK context of spec B.
pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_fullwidth_punct(c)
}

/// L: ASCII letters and digits; a masked protected span counts as one Latin token (spec F).
pub fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == PLACEHOLDER
}

/// Chinese numerals used in heading markers (`一、`, `（十二）`).
pub fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// How many Han characters, letters and digits `c` stands for once the folds the
/// spec allows (A7 width, A8 radicals, G2 `㈠`→`（一）`) are applied: the unit of
/// the F0 invariant, which says these are never added, removed or reordered.
pub fn significant_count(c: char) -> usize {
    if c.is_ascii() {
        return usize::from(c.is_ascii_alphanumeric());
    }
    std::iter::once(c)
        .nfkc()
        .filter(|&f| is_han(f) || f.is_ascii_alphanumeric())
        .count()
}

/// Whether `text` holds any of `chars`. One `memchr`-backed search per char:
/// much faster than decoding the text once against a set.
pub fn contains_any(text: &str, chars: &[char]) -> bool {
    chars.iter().any(|&c| text.contains(c))
}

/// The nearest character before `i` that is not a space token.
pub fn prev_non_space(chars: &[char], i: usize) -> Option<char> {
    prev_non_space_at(chars, i).map(|at| chars[at])
}

/// The index of the nearest character before `i` that is not a space token.
pub fn prev_non_space_at(chars: &[char], i: usize) -> Option<usize> {
    chars[..i.min(chars.len())].iter().rposition(|&c| c != ' ')
}

/// The nearest character after `i` that is not a space token.
pub fn next_non_space(chars: &[char], i: usize) -> Option<char> {
    next_non_space_at(chars, i).map(|at| chars[at])
}

/// The index of the nearest character after `i` that is not a space token.
pub fn next_non_space_at(chars: &[char], i: usize) -> Option<usize> {
    let from = (i + 1).min(chars.len());
    chars[from..]
        .iter()
        .position(|&c| c != ' ')
        .map(|n| from + n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_han('中') && is_han('〇') && !is_han('，'));
        assert!(is_fullwidth_punct('，') && !is_fullwidth_punct(','));
        assert!(is_latin('a') && is_latin('7') && is_latin(PLACEHOLDER) && !is_latin('中'));
    }

    #[test]
    fn significant_count_folds() {
        assert_eq!(significant_count('Ａ'), 1);
        assert_eq!(significant_count('⼀'), 1);
        assert_eq!(significant_count('㈠'), 1);
        assert_eq!(significant_count('⒇'), 2);
        assert_eq!(significant_count('，'), 0);
    }

    #[test]
    fn neighbours_skip_spaces_and_stay_in_bounds() {
        let chars: Vec<char> = "a , b".chars().collect();
        assert_eq!(prev_non_space(&chars, 2), Some('a'));
        assert_eq!(next_non_space(&chars, 2), Some('b'));
        assert_eq!(prev_non_space(&chars, 0), None);
        assert_eq!(next_non_space(&chars, 4), None);
        assert_eq!(next_non_space(&chars, 99), None);
    }
}
