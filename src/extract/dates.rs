//! Dates: text, URLs and markup → `YYYY-MM-DD` publish dates.
//!
//! Chinese pages write `2024年5月1日` or `2024-05-01`, often after a label
//! (`发布日期：`); Western pages write `November 20, 2019` or `24 July 2015`; some
//! pages keep the date only in markup: `<time datetime>`, a CMS comment
//! (`<!--enpproperty <date>…`), or WeChat's `var ct = "1659274471"` (Unix seconds).

use std::sync::LazyLock;

use regex::Regex;
use scraper::{Html, Node, Selector};

use super::dom::regex;

static LABELLED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(发布日期|发布时间|发稿时间|发文日期|更新时间|日期|时间|成文日期|发表于|发表时间|发表日期|发布于|发帖时间)\s*[:：]?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})",
    )
});
static ANY_DATE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"));
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?:^|\D)((?:19|20)\d{2})[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?:\D|$)")
});

static ENGLISH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(concat!(
        r"(?i)(?-u:\b)(?:(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})",
        r"|(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4}))(?-u:\b)",
    ))
});
static TIME: LazyLock<Selector> = LazyLock::new(|| {
    Selector::parse("time[datetime], [itemprop=datePublished]")
        .unwrap_or_else(|e| unreachable!("static selector: {e}"))
});
static WECHAT_TIME: LazyLock<Regex> =
    LazyLock::new(|| regex(r#"(?-u:\b)var\s+ct\s*=\s*"(\d{9,11})""#));
static CMS_DATE: LazyLock<Regex> = LazyLock::new(|| regex(r"<date>\s*(\d{4}-\d{1,2}-\d{1,2})"));

pub fn labelled_date(line: &str) -> Option<String> {
    let caps = LABELLED_DATE.captures(line)?;
    iso(
        caps.get(2)?.as_str(),
        caps.get(3)?.as_str(),
        caps.get(4)?.as_str(),
    )
}

pub fn any_date(text: &str) -> Option<String> {
    ANY_DATE.captures_iter(text).find_map(|caps| {
        iso(
            caps.get(1)?.as_str(),
            caps.get(2)?.as_str(),
            caps.get(3)?.as_str(),
        )
    })
}

pub fn url_date(url: &str) -> Option<String> {
    URL_DATE.captures_iter(url).find_map(|caps| {
        iso(
            caps.get(1)?.as_str(),
            caps.get(2)?.as_str(),
            caps.get(3)?.as_str(),
        )
    })
}

/// `YYYY-MM-DD` for a plausible date.
fn iso(year: &str, month: &str, day: &str) -> Option<String> {
    let (y, m, d): (u32, u32, u32) = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    ((1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// A date written the English way: `Nov. 19, 2019`, `24 July 2015`.
pub fn english_date(text: &str) -> Option<String> {
    ENGLISH_DATE.captures_iter(text).find_map(|caps| {
        let (month, day, year) = match caps.get(1) {
            Some(month) => (month, caps.get(2)?, caps.get(3)?),
            None => (caps.get(5)?, caps.get(4)?, caps.get(6)?),
        };
        let months = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        let m = months
            .iter()
            .position(|m| month.as_str().eq_ignore_ascii_case(m))?
            + 1;
        iso(year.as_str(), &m.to_string(), day.as_str())
    })
}

/// A date the page keeps in markup rather than in text.
pub fn in_markup(html: &Html) -> Option<String> {
    let attr = html.select(&TIME).find_map(|el| {
        let el = el.value();
        super::dom::attr(el, "datetime")
            .or_else(|| super::dom::attr(el, "content"))
            .and_then(any_date)
    });
    if attr.is_some() {
        return attr;
    }
    for node in html.tree.root().descendants() {
        match node.value() {
            Node::Comment(comment) if comment.contains("enpproperty") => {
                if let Some(date) = CMS_DATE
                    .captures(comment)
                    .and_then(|c| any_date(c.get(1)?.as_str()))
                {
                    return Some(date);
                }
            }
            Node::Text(text) if text.contains("var ct") => {
                let seconds: i64 = WECHAT_TIME.captures(text)?.get(1)?.as_str().parse().ok()?;
                // WeChat is a Chinese service: its day is Beijing's (UTC+8).
                return civil_date(seconds + 8 * 3600);
            }
            _ => {}
        }
    }
    None
}

/// `YYYY-MM-DD` of a Unix time in seconds (Howard Hinnant's days-to-civil).
fn civil_date(seconds: i64) -> Option<String> {
    let (year, month, day) = crate::civil::from_days(seconds.div_euclid(86_400));
    iso(&year.to_string(), &month.to_string(), &day.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            labelled_date("发布日期: 2022-03-07 来源:太原市司法局").as_deref(),
            Some("2022-03-07")
        );
        assert_eq!(
            labelled_date("发布时间：2024年5月1日").as_deref(),
            Some("2024-05-01")
        );
        assert_eq!(
            labelled_date("发表于2005年09月07日 11:57 AM").as_deref(),
            Some("2005-09-07")
        );
        assert_eq!(
            url_date("http://x.cn/n1/2024/0510/c1004-40232587.html").as_deref(),
            Some("2024-05-10")
        );
        assert_eq!(
            url_date("http://x.cn/2024-05/13/content_1.shtml").as_deref(),
            Some("2024-05-13")
        );
        assert_eq!(
            url_date("https://x.cn/gj/202405/t20240520_15263156.htm").as_deref(),
            Some("2024-05-20")
        );
        assert_eq!(iso("2024", "13", "01"), None);
    }

    #[test]
    fn english_and_markup_dates() {
        assert_eq!(
            english_date("Updated 1:39 am EST, Wednesday, November 20, 2019").as_deref(),
            Some("2019-11-20")
        );
        assert_eq!(english_date("24 July 2015").as_deref(), Some("2015-07-24"));
        assert_eq!(english_date("Nov. 19, 2019").as_deref(), Some("2019-11-19"));
        assert_eq!(
            civil_date(1_659_274_471 + 8 * 3600).as_deref(),
            Some("2022-07-31")
        );
        let page = Html::parse_document(
            "<p>x</p><!--enpproperty <date>2022-02-13 00:00:00:0</date>--><script>var ct = \"1\";</script>",
        );
        assert_eq!(in_markup(&page).as_deref(), Some("2022-02-13"));
        let page = Html::parse_document("<time datetime=\"2019-11-20T06:39:00Z\">x</time>");
        assert_eq!(in_markup(&page).as_deref(), Some("2019-11-20"));
    }
}
