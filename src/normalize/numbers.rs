//! Spec C: numbers. C1 broken decimals, C3 space before "%" and units, C4 range
//! dashes. C2, C5 and C7 are "must not" rules: nothing here changes a digit, a
//! separator or a numeral form. Input and output are masked text (spec F).

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::chars::contains_any;
use super::compile;

/// C1: "3. 6小时"→"3.6小时", "99 .1%"→"99.1%". Not a list marker at the
/// paragraph start ("1. 5G网络"), and not a sentence end before Latin words.
pub fn c1_broken_decimal(text: &str) -> Cow<'_, str> {
    static BROKEN: LazyLock<Regex> = LazyLock::new(|| compile(r"([0-9])(?: \. ?|\. )([0-9])"));
    if !text.contains('.') {
        return Cow::Borrowed(text);
    }
    BROKEN.replace_all(text, |caps: &Captures| {
        let whole = caps.get(0).map_or(0..0, |m| m.range());
        let original = &text[whole.clone()];
        let before = &text[..whole.start];
        // "N. d" opening the paragraph: a list marker followed by a number.
        let is_list_marker =
            before.bytes().all(|b| b.is_ascii_digit()) && original.as_bytes().get(1) == Some(&b'.');
        let after = text[whole.end..].trim_start_matches(|c: char| c.is_ascii_digit());
        let sentence_end = after
            .strip_prefix(' ')
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_alphabetic()));
        if is_list_marker || sentence_end {
            original.to_string()
        } else {
            format!("{}.{}", &caps[1], &caps[2])
        }
    })
}

/// C3: no space between a number and "%", "‰" or "℃" ("8.1 %"→"8.1%"). Spaces
/// before a Han unit are D1's.
pub fn c3_unit_space(text: &str) -> Cow<'_, str> {
    static SPACED_UNIT: LazyLock<Regex> = LazyLock::new(|| compile(r"([0-9]) +([%‰℃])"));
    if !contains_any(text, &['%', '‰', '℃']) {
        return Cow::Borrowed(text);
    }
    SPACED_UNIT.replace_all(text, "$1$2")
}

/// C5: no zero-padding of month and day in a 年月日 date ("2022年03月07日"→
/// "2022年3月7日"). ISO dates are masked (F6) and keep theirs. A day's month is a
/// whole number from 1 to 12: in "备120492月08号" the 92 ends a longer number, and
/// its 08 is not a day (found by the property tests).
pub fn c5_date_padding(text: &str) -> Cow<'_, str> {
    static PADDED_MONTH: LazyLock<Regex> = LazyLock::new(|| compile(r"([0-9]{4}年)0([1-9]月)"));
    static PADDED_DAY: LazyLock<Regex> =
        LazyLock::new(|| compile(r"(^|[^0-9])((?:0?[1-9]|1[0-2])月)0([1-9][日号])"));
    if !text.contains("年0") && !text.contains("月0") {
        return Cow::Borrowed(text);
    }
    let months = PADDED_MONTH.replace_all(text, "$1$2");
    match PADDED_DAY.replace_all(&months, "$1$2$3") {
        Cow::Owned(days) => Cow::Owned(days),
        Cow::Borrowed(_) => Cow::Owned(months.into_owned()),
    }
}

/// Han units and measure words that make a number range a value range (C4b).
fn is_unit(c: char) -> bool {
    "个人元万亿千百次件项家名岁米克吨亩户套所台辆座间层分秒倍天周里斤页篇场期批起例株只头类种处枚份块张本位级度小年公升瓦尺寸毫厘平方立条支趟轮届组箱袋瓶".contains(c)
}

/// Dates and times whose ranges take the 一字线 (C4a).
fn is_date_unit(c: char) -> bool {
    matches!(c, '年' | '月' | '日' | '号' | '时' | '点')
}

/// One end of a range: its number and what sits right next to it.
struct End<'a> {
    number: &'a str,
    time: bool,
    unit: Option<char>,
}

impl End<'_> {
    fn integer(&self) -> Option<u32> {
        self.number.parse().ok()
    }

    fn year(&self) -> bool {
        self.number.len() == 4 && self.integer().is_some_and(|y| (1900..=2100).contains(&y))
    }

    fn value_unit(&self) -> bool {
        self.unit
            .is_some_and(|u| matches!(u, '%' | '‰' | '℃') || is_unit(u))
    }
}

/// C4: which dash a range between `left` and `right` takes, if it should change.
fn range_dash(ordinal: bool, left: &End, dash: char, right: &End) -> Option<char> {
    if dash == '~' {
        return Some('～');
    }
    // A range counts upwards; "第2021-15号" is a number, not a range.
    let descending = match (left.number.parse::<f64>(), right.number.parse::<f64>()) {
        (Ok(low), Ok(high)) => high < low,
        _ => false,
    };
    if descending && !left.time && !left.unit.is_some_and(is_date_unit) {
        return None;
    }
    let small = |end: &End| end.integer().is_some_and(|n| n <= 31);
    let time_range = (left.time && right.time)
        || ordinal
        || left.unit.is_some_and(is_date_unit)
        || (right
            .unit
            .is_some_and(|u| matches!(u, '月' | '日' | '号' | '时' | '点'))
            && small(left)
            && small(right))
        || (left.year()
            && right.year()
            && left.number <= right.number
            && (right.unit == Some('年') || !right.value_unit()));
    if time_range {
        Some('—')
    } else if left.value_unit() || right.value_unit() {
        Some('～')
    } else {
        None
    }
}

/// C4: "2021-2025年"→"2021—2025年", "第21-30条"→"第21—30条", "8:00-12:00"→
/// "8:00—12:00" (一字线); "15%-30%"→"15%～30%", "25~30公斤"→"25～30公斤"
/// (浪纹线). Dates, phone numbers and codes are masked (F6), so they stay.
pub fn c4_ranges(text: &str) -> Cow<'_, str> {
    static RANGE: LazyLock<Regex> = LazyLock::new(|| {
        compile(concat!(
            r"(第)?([0-9]+(?:\.[0-9]+)?)(:[0-9]{2})?([%‰℃]|\p{Han})?",
            r" ?([-–－‒~]) ?",
            r"([0-9]+(?:\.[0-9]+)?)(:[0-9]{2})?([%‰℃]|\p{Han})?",
        ))
    });
    if !contains_any(text, &['-', '–', '－', '‒', '~']) {
        return Cow::Borrowed(text);
    }
    RANGE.replace_all(text, |caps: &Captures| {
        let whole = caps.get(0).map_or(0..0, |m| m.range());
        let original = &text[whole.clone()];
        let glued = text[..whole.start].chars().next_back().is_some_and(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/' | '\u{FDD0}')
        });
        let glued_after = text[whole.end..]
            .chars()
            .next()
            .is_some_and(|c| matches!(c, '-' | '.' | '/' | '\u{FDD0}') || c.is_ascii_alphabetic());
        let end = |n: usize| End {
            number: caps.get(n).map_or("", |m| m.as_str()),
            time: caps.get(n + 1).is_some(),
            unit: caps.get(n + 2).and_then(|m| m.as_str().chars().next()),
        };
        let dash = caps
            .get(5)
            .and_then(|m| m.as_str().chars().next())
            .unwrap_or('-');
        let left = end(2);
        let right = end(6);
        match range_dash(caps.get(1).is_some(), &left, dash, &right) {
            Some(new_dash) if !glued && !glued_after => {
                let cap = |n: usize| caps.get(n).map_or("", |m| m.as_str());
                format!(
                    "{}{}{}{}{new_dash}{}{}{}",
                    cap(1),
                    cap(2),
                    cap(3),
                    cap(4),
                    cap(6),
                    cap(7),
                    cap(8)
                )
            }
            _ => original.to_string(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_repairs_decimals() {
        assert_eq!(c1_broken_decimal("实现“3. 6小时办结”"), "实现“3.6小时办结”");
        assert_eq!(c1_broken_decimal("达到44. 5%、39. 4%"), "达到44.5%、39.4%");
        assert_eq!(c1_broken_decimal("办结率达99 .1%"), "办结率达99.1%");
        assert_eq!(c1_broken_decimal("为5 . 9%"), "为5.9%");
    }

    #[test]
    fn c1_keeps_list_markers_and_sentence_ends() {
        assert_eq!(c1_broken_decimal("1. 5G网络"), "1. 5G网络");
        assert_eq!(c1_broken_decimal("12. 5\u{FDD0}网络"), "12. 5\u{FDD0}网络");
        assert_eq!(
            c1_broken_decimal("共2021. 5 new plants"),
            "共2021. 5 new plants"
        );
        assert_eq!(c1_broken_decimal("第1. 2条"), "第1.2条");
    }

    #[test]
    fn c5_strips_zero_padding_of_month_and_day() {
        assert_eq!(c5_date_padding("2022年03月07日"), "2022年3月7日");
        assert_eq!(c5_date_padding("2022年10月10日"), "2022年10月10日");
        assert_eq!(c5_date_padding("2022年3月07号"), "2022年3月7号");
        assert_eq!(c5_date_padding("3月08日起"), "3月8日起");
        // Not a month: the end of a longer number, or past 12.
        assert_eq!(
            c5_date_padding("京ICP备120492月08号"),
            "京ICP备120492月08号"
        );
        assert_eq!(c5_date_padding("共13月05日"), "共13月05日");
    }

    #[test]
    fn c3_removes_space_before_percent() {
        assert_eq!(c3_unit_space("增长 8.1 %"), "增长 8.1%");
    }

    #[test]
    fn c4_time_ranges_take_the_yizixian() {
        assert_eq!(c4_ranges("规划(2021-2025年)"), "规划(2021—2025年)");
        assert_eq!(c4_ranges("2021–2025年"), "2021—2025年");
        assert_eq!(c4_ranges("2021年-2025年"), "2021年—2025年");
        assert_eq!(c4_ranges("办公时间8:00-12:00"), "办公时间8:00—12:00");
        assert_eq!(c4_ranges("第21-30条"), "第21—30条");
        assert_eq!(c4_ranges("1-3月"), "1—3月");
    }

    #[test]
    fn c4_value_ranges_take_the_wave_dash() {
        assert_eq!(c4_ranges("降幅为15%-30%"), "降幅为15%～30%");
        assert_eq!(c4_ranges("3-5年"), "3～5年");
        assert_eq!(c4_ranges("25~30公斤"), "25～30公斤");
    }

    #[test]
    fn c4_keeps_other_hyphens() {
        assert_eq!(c4_ranges("2021～2025年"), "2021～2025年");
        assert_eq!(c4_ranges("编号12-3"), "编号12-3");
        assert_eq!(c4_ranges("第2021-15号"), "第2021-15号");
        assert_eq!(c4_ranges("\u{FDD0}-6"), "\u{FDD0}-6");
        assert_eq!(c4_ranges("增长率为-3.5%"), "增长率为-3.5%");
    }
}
