//! Spec B5: `( )` → `（ ）`, decided per bracket pair.
//!
//! A pair's decision can hang on other pairs: a converted inner pair puts Chinese
//! in the outer one's content, a converted outer "（" is the Chinese character
//! before an inner "(". Deciding pairs one at a time left chains half converted
//! and a second run changed more (found by fuzzing). So the pairs form a graph of
//! "converts if that one does", and the conversions spread through it once: the
//! result is the rule's fixed point, in time linear in the text.

use std::borrow::Cow;

use super::chars::{
    contains_any, is_cjk, is_cn_numeral, is_han, next_non_space_at, prev_non_space_at,
};

/// A bracket pair, or a bracket left without its partner.
#[derive(Debug)]
struct Group {
    open: Option<usize>,
    close: Option<usize>,
    /// The pair enclosing this one: Chinese inside this pair is Chinese inside it.
    parent: Option<usize>,
}

/// B5: `( )` → `（ ）` as a pair when the content holds Chinese, or the character
/// before "(" is Chinese, or the pair is a heading marker opening the paragraph
/// ("(一)", "(1)"); a lone "(" when Chinese is next to it, a lone ")" after
/// Chinese. "f(x)" and "Hello (world)" stay. Decided before B1–B4 so that the marks
/// after a bracket see its final form.
pub fn b5_brackets(text: &str) -> Cow<'_, str> {
    if !contains_any(text, &['(', ')']) {
        return Cow::Borrowed(text);
    }
    let mut chars: Vec<char> = text.chars().collect();
    let (groups, owner) = pair_up(&chars);
    // cjk_before[i]: how many Chinese characters chars[..i] holds.
    let mut cjk_before = Vec::with_capacity(chars.len() + 1);
    cjk_before.push(0usize);
    for &c in &chars {
        cjk_before.push(cjk_before[cjk_before.len() - 1] + usize::from(is_cjk(c)));
    }

    let mut converted = vec![false; groups.len()];
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); groups.len()];
    let mut queue = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        let before = group
            .open
            .or(group.close)
            .and_then(|at| prev_non_space_at(&chars, at));
        if let Some(other) = before.and_then(|p| owner[p]) {
            dependents[other].push(g);
        }
        if let (Some(parent), Some(_)) = (group.parent, group.open.and(group.close)) {
            if groups[parent].close.is_some() {
                dependents[g].push(parent);
            }
        }
        let chinese_before = before.is_some_and(|p| is_cjk(chars[p]));
        let chinese = match (group.open, group.close) {
            (Some(o), Some(c)) => {
                let content = &chars[o + 1..c];
                let is_marker = o == 0
                    && !content.is_empty()
                    && (content.iter().all(|&c| is_cn_numeral(c))
                        || content.iter().all(char::is_ascii_digit));
                chars[o] == '（'
                    || chars[c] == '）'
                    || cjk_before[c] > cjk_before[o + 1]
                    || chinese_before
                    || is_marker
            }
            (Some(o), None) => {
                chinese_before || next_non_space_at(&chars, o).is_some_and(|n| is_han(chars[n]))
            }
            (None, _) => chinese_before,
        };
        if chinese {
            converted[g] = true;
            queue.push(g);
        }
    }
    while let Some(g) = queue.pop() {
        for &next in &dependents[g] {
            if !converted[next] {
                converted[next] = true;
                queue.push(next);
            }
        }
    }

    for (group, _) in groups.iter().zip(&converted).filter(|(_, &c)| c) {
        if let Some(o) = group.open {
            chars[o] = '（';
        }
        if let Some(c) = group.close {
            chars[c] = '）';
        }
    }
    let result: String = chars.into_iter().collect();
    if result == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(result)
    }
}

/// Matches brackets (half- and full-width alike) by nesting; returns the groups
/// and, for every character, the group its bracket belongs to.
fn pair_up(chars: &[char]) -> (Vec<Group>, Vec<Option<usize>>) {
    let mut groups: Vec<Group> = Vec::new();
    let mut owner = vec![None; chars.len()];
    let mut open: Vec<usize> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '(' || c == '（' {
            owner[i] = Some(groups.len());
            groups.push(Group {
                open: Some(i),
                close: None,
                parent: open.last().copied(),
            });
            open.push(groups.len() - 1);
        } else if c == ')' || c == '）' {
            let g = open.pop().unwrap_or_else(|| {
                groups.push(Group {
                    open: None,
                    close: None,
                    parent: None,
                });
                groups.len() - 1
            });
            groups[g].close = Some(i);
            owner[i] = Some(g);
        }
    }
    (groups, owner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b5_pairs_by_content_context_or_marker() {
        assert_eq!(b5_brackets("县(市、区)政府"), "县（市、区）政府");
        assert_eq!(b5_brackets("总值(GDP)增长"), "总值（GDP）增长");
        assert_eq!(b5_brackets("(一)营商"), "（一）营商");
        assert_eq!(b5_brackets("(1)完善"), "（1）完善");
        assert_eq!(b5_brackets("f(x) = 1"), "f(x) = 1");
        assert_eq!(b5_brackets("Hello (world)"), "Hello (world)");
        assert_eq!(b5_brackets("各村(居"), "各村（居");
        assert_eq!(b5_brackets("居)"), "居）");
    }

    #[test]
    fn chains_convert_in_one_run() {
        // Found by cargo-fuzz: the outer pairs waited on each other across runs.
        let input = format!("法治{}={}{}", "(".repeat(5), "(((", ")".repeat(9));
        let once = b5_brackets(&input);
        let expected = format!("法治{}=((())){}", "（".repeat(5), "）".repeat(6));
        assert_eq!(once, expected);
        assert_eq!(b5_brackets(&once), once);
        // A converted inner pair is Chinese inside the outer one.
        assert_eq!(b5_brackets("a(b(中)c)"), "a（b（中）c）");
        // A converted pair before a lone ")" is Chinese before it.
        assert_eq!(b5_brackets("中(x))"), "中（x））");
    }

    #[test]
    fn hostile_nesting_is_linear() {
        let deep = format!("中{}{}", "(".repeat(100_000), ")".repeat(100_001));
        let once = b5_brackets(&deep);
        assert!(!once.contains('('), "every pair follows the first");
        assert_eq!(b5_brackets(&once), once);
    }
}
