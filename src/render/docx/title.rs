//! A long title broken into balanced lines, as the PDF does (GB/T 9704 7.3.1: a
//! trapezoid or diamond, words kept whole), by explicit line breaks: Word
//! would fill the first line and leave a short second one.
//!
//! Widths are estimated, not measured: a full-width character is one em of the
//! 22 pt title, Latin letters and digits about what Times gives them. Breaks go where Chinese titles have
//! joints (after a pause mark, a closing bracket or a space, after 的/和/与/及), never
//! inside a Latin word or number, between a number and its unit, before a mark
//! that must not start a line or after one that must not end it.

use unicode_width::UnicodeWidthChar;

use super::layout::{text_width, TITLE_SZ};

/// Marks that must not start a line (spec §H3).
const NO_START: &str = "、，。；：？！”’）》〉】〕］｝」』〗—～·/／%‰℃°,.;:?!)]}";
/// Marks that must not end a line.
const NO_END: &str = "“‘（《〈【〔［｛「『〖/／¥$£№([{";
/// Good places to break after.
const JOINTS: &str = "、，：；）》”】」";
/// Acceptable places to break after: the function words titles join parts with.
const WEAK_JOINTS: &str = "的和与及暨";

/// `title` as lines; one line when it fits.
pub fn lines(title: &str) -> Vec<String> {
    let chars: Vec<char> = title.trim().chars().collect();
    // Ems per line: the type area over the title's size, with a little room.
    let capacity = f64::from(text_width()) / 20.0 / (f64::from(TITLE_SZ) / 2.0) - 0.2;
    let width = |c: char| match c {
        _ if c.width() == Some(2) => 1.0,
        ' ' => 0.25,
        'A'..='Z' => 0.7,
        _ if c.is_alphanumeric() => 0.5,
        _ => 0.35,
    };
    let mut prefix = vec![0.0];
    for &c in &chars {
        prefix.push(prefix.last().copied().unwrap_or(0.0) + width(c));
    }
    let total = prefix[chars.len()];
    if total <= capacity || chars.len() < 2 {
        return vec![title.trim().to_string()];
    }
    let count = (total / capacity).ceil();
    let target = total / count;
    // best[j]: least cost of lines covering chars[..j] with a break at j.
    let n = chars.len();
    let mut best: Vec<Option<(f64, usize)>> = vec![None; n + 1];
    best[0] = Some((0.0, 0));
    for j in 1..=n {
        let penalty = if j == n { Some(0.0) } else { joint(&chars, j) };
        let Some(penalty) = penalty else { continue };
        for i in (0..j).rev() {
            let w = prefix[j] - prefix[i];
            if w > capacity {
                break;
            }
            let Some((cost, _)) = best[i] else { continue };
            // The last line may be shorter without cost beyond its deviation.
            let cost = cost + (w - target).powi(2) + penalty;
            if best[j].is_none_or(|(b, _)| cost < b) {
                best[j] = Some((cost, i));
            }
        }
    }
    if best[n].is_none() {
        return vec![title.trim().to_string()];
    }
    let mut cuts = vec![n];
    let mut j = n;
    while j > 0 {
        let Some((_, i)) = best[j] else { break };
        cuts.push(i);
        j = i;
    }
    cuts.reverse();
    cuts.windows(2)
        .map(|w| chars[w[0]..w[1]].iter().collect())
        .collect()
}

/// The cost of breaking before `chars[at]`, or `None` where no break may go.
fn joint(chars: &[char], at: usize) -> Option<f64> {
    let (before, after) = (chars[at - 1], chars[at]);
    let latin = |c: char| c.is_ascii_alphanumeric();
    if (latin(before) && latin(after))
        || NO_START.contains(after)
        || NO_END.contains(before)
        || (before.is_ascii_digit() && !after.is_ascii())
        || after.is_whitespace()
    {
        return None;
    }
    // In squared ems: a line two characters off balance (2 × 2²) is better
    // than a break inside a word.
    Some(if JOINTS.contains(before) || before.is_whitespace() {
        0.0
    } else if WEAK_JOINTS.contains(before) {
        3.0
    } else {
        12.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_titles_stay_whole_and_long_ones_balance() {
        assert_eq!(
            lines("太原市2021年法治政府建设年度报告"),
            ["太原市2021年法治政府建设年度报告"]
        );
        let title =
            "关于印发《太原市2022年优化营商环境工作要点》和《太原市数字政府建设实施方案》的通知";
        let got = lines(title);
        assert_eq!(got.concat(), title);
        assert!(got.len() == 3, "{got:?}");
        for line in &got {
            assert!(!line.starts_with(|c| NO_START.contains(c)), "{got:?}");
            assert!(!line.ends_with(|c| NO_END.contains(c)), "{got:?}");
        }
        // Balanced: no line much shorter than the others but the last.
        let widths: Vec<usize> = got.iter().map(|l| l.chars().count()).collect();
        assert!(widths[0].abs_diff(widths[1]) <= 6, "{got:?}");
        // Latin titles break at spaces only.
        let english = "Scientists find that the oldest known cave paintings in Indonesia are older than thought";
        let got = lines(english);
        assert!(got.len() > 1, "{got:?}");
        assert!(
            got[..got.len() - 1].iter().all(|l| l.ends_with(' ')),
            "{got:?}"
        );
        assert_eq!(got.concat(), english);
        // A number keeps its unit.
        let numbered =
            "二〇二一年全市国民经济和社会发展统计公报暨第七次全国人口普查主要数据公报发布2021年";
        for pair in lines(numbered).windows(2) {
            assert!(!pair[0].ends_with(|c: char| c.is_ascii_digit()), "{pair:?}");
        }
    }
}
