//! Metadata: a parsed page → [`Meta`] (title, publish date, source, author, URL).
//!
//! The title is the article's own heading when one matches the page `<title>`, else
//! `og:title`, else `<title>` with the site suffix cut. Date, source and author come
//! from meta tags and from the metadata line under the title (`发布日期：… 来源：…`),
//! the date last from the URL.

use std::sync::LazyLock;

use regex::Regex;
use scraper::{Html, Node};

use super::blocks::{flat, flat_until};
use super::dates::{any_date, labelled_date, url_date};
use super::dom::{self, regex, NodeRef};
use super::text::collapse;
use crate::model::{Extractor, Meta};

/// `<title>` separators before a site or column name.
static SUFFIX_SPLIT: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\s*(?:_|\||｜|--|——|—|–|\s-\s|-(?:[^\d\s-][^-]*$))\s*"));

static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?:(?:信息来源|文章来源|来源|稿源|出处)\s*[:：]|(?:本文|文章|信息)来源于)\s*([^\s|｜【】\[\]]{2,40}?)(?:\s|$|作者|发布|时间|日期|浏览|点击|编辑|责任|字号|字体|【|\[|\||｜)",
    )
});
static AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?:^|[^编])作者\s*[:：]\s*([^\s|｜【】\[\]]{2,30}?)(?:\s|$|来源|发布|时间|日期|编辑|责任|【|\[|\||｜)",
    )
});

/// Metadata of `html`. `content` is the chosen main-content node(s), whose first lines
/// are where Chinese sites put the metadata line when it is not under the title.
pub fn extract(html: &Html, url: Option<&url::Url>, content: &[NodeRef<'_>]) -> Meta {
    let page = PageIndex::of(html);
    let tags = &page.tags;
    let page_title = page.title();
    let og_title = tags.content(&["og:title", "twitter:title"]);
    let title = article_heading(&page.headings, &page_title, og_title.as_deref())
        .or(og_title.filter(|t| !t.is_empty()))
        .unwrap_or_else(|| cut_site_suffix(&page_title));
    // Separators left at the end of a heading (`标题 - -`) are no part of it.
    let title = title
        .trim_end_matches(|c: char| c.is_whitespace() || "-_|｜—–·".contains(c))
        .to_owned();

    let lines = page.body.map(page_lines).unwrap_or_default();
    let near = lines_near_title(&lines, &title, content);

    let canonical = page
        .canonical
        .and_then(|href| match url {
            Some(base) => base.join(href.trim()).ok(),
            None => url::Url::parse(href.trim()).ok(),
        })
        .filter(|u| matches!(u.scheme(), "http" | "https"));
    let page_url = url.cloned().or(canonical);

    let date = meta_date(tags)
        .or_else(|| super::dates::in_markup(html))
        .or_else(|| near.iter().find_map(|l| labelled_date(l)))
        .or_else(|| {
            lines
                .iter()
                .filter(|l| is_short(l))
                .find_map(|l| labelled_date(l))
        })
        .or_else(|| {
            near.iter()
                .take(4)
                .filter(|l| is_short(l))
                .find_map(|l| any_date(l).or_else(|| super::dates::english_date(l)))
        })
        .or_else(|| page_url.as_ref().and_then(|u| url_date(u.as_str())));

    let source = near
        .iter()
        .chain(lines.iter().filter(|l| is_short(l)))
        .find_map(|l| source_in(l))
        .or_else(|| tags.content(&["source", "contentsource"]));

    let author = near
        .iter()
        .chain(lines.iter().filter(|l| is_short(l)))
        .find_map(|l| author_in(l))
        .or_else(|| tags.content(&["author", "article:author"]))
        // A CMS user id or a URL is no author.
        .filter(|a| {
            !a.contains("://")
                && a.chars().count() <= 40
                && a.chars()
                    .any(|c| !c.is_ascii_digit() && !c.is_ascii_punctuation())
        });

    let description = tags
        .content(&["description", "og:description"])
        .filter(|d| d.chars().count() >= 4 && *d != title)
        .map(|d| d.chars().take(MAX_DESCRIPTION).collect());
    let keywords = tags
        .content(&["keywords", "news_keywords"])
        .map(|k| split_keywords(&k))
        .unwrap_or_default();

    Meta {
        title,
        date,
        source,
        author,
        url: page_url.map(|u| u.to_string()),
        description,
        keywords,
        extracted_by: Extractor::Scorer,
    }
}

/// A description is a summary; anything longer is a page's text pasted into a tag.
const MAX_DESCRIPTION: usize = 500;

/// `<meta name="keywords">` as a list: split at commas, semicolons, 、 and bars when it
/// has any (English keywords hold spaces), else at spaces (`太原 法治 报告`); repeats,
/// empty items and overlong ones dropped, 20 at most.
fn split_keywords(raw: &str) -> Vec<String> {
    let separators = [',', '，', ';', '；', '、', '|', '｜'];
    let items: Vec<&str> = if raw.contains(separators) {
        raw.split(separators).collect()
    } else {
        raw.split_whitespace().collect()
    };
    let mut keywords: Vec<String> = Vec::new();
    for item in items.into_iter().map(collapse) {
        if !item.is_empty() && item.chars().count() <= 40 && !keywords.contains(&item) {
            keywords.push(item);
        }
    }
    keywords.truncate(20);
    keywords
}

fn is_short(line: &str) -> bool {
    line.chars().count() <= 160
}

/// What metadata reads from the page's elements, gathered in one walk over the tree
/// (one CSS selection each was a fifth of extraction time).
struct PageIndex<'a> {
    /// `<title>` elements.
    titles: Vec<NodeRef<'a>>,
    /// The `title` attribute of the first bare `<text title=…>` wrapper.
    wrapper_title: Option<&'a str>,
    tags: MetaTags<'a>,
    /// `href` of the first `<link rel=canonical>`.
    canonical: Option<&'a str>,
    body: Option<NodeRef<'a>>,
    /// Title-like elements: h1–h3, and class or id naming a title.
    headings: Vec<NodeRef<'a>>,
}

impl<'a> PageIndex<'a> {
    fn of(html: &'a Html) -> Self {
        let mut page = PageIndex {
            titles: Vec::new(),
            wrapper_title: None,
            tags: MetaTags(Vec::new()),
            canonical: None,
            body: None,
            headings: Vec::new(),
        };
        for node in html.tree.root().descendants() {
            let Node::Element(el) = node.value() else {
                continue;
            };
            match el.name() {
                "title" => page.titles.push(node),
                "text" => page.wrapper_title = page.wrapper_title.or(dom::attr(el, "title")),
                "meta" => page.tags.add(el),
                "link"
                    if page.canonical.is_none()
                        && dom::attr(el, "rel")
                            .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
                {
                    page.canonical = dom::attr(el, "href");
                }
                "body" => page.body = page.body.or(Some(node)),
                _ => {}
            }
            if is_title_like(el) {
                page.headings.push(node);
            }
        }
        page
    }

    /// `<title>`, or the `title` attribute of a bare `<text>` wrapper.
    fn title(&self) -> String {
        self.titles
            .iter()
            .filter_map(|&node| scraper::ElementRef::wrap(node))
            .map(|el| collapse(&el.text().collect::<String>()))
            .find(|t| !t.is_empty())
            .or_else(|| self.wrapper_title.map(collapse))
            .unwrap_or_default()
    }
}

/// h1–h3, or a class or id naming a title (`title`, `Title`, `biaoti`).
fn is_title_like(el: &scraper::node::Element) -> bool {
    matches!(el.name(), "h1" | "h2" | "h3")
        || dom::attr(el, "class")
            .is_some_and(|c| c.contains("title") || c.contains("Title") || c.contains("biaoti"))
        || dom::attr(el, "id").is_some_and(|i| i.contains("title") || i.contains("Title"))
}

/// The page's `<meta>` tags with content: (name/property/itemprop lowercased, content),
/// read in one pass over the page.
struct MetaTags<'a>(Vec<(String, &'a str)>);

impl<'a> MetaTags<'a> {
    fn add(&mut self, el: &'a scraper::node::Element) {
        let key = dom::attr(el, "property")
            .or_else(|| dom::attr(el, "name"))
            .or_else(|| dom::attr(el, "itemprop"));
        if let (Some(key), Some(content)) = (key, dom::attr(el, "content")) {
            self.0.push((key.trim().to_ascii_lowercase(), content));
        }
    }

    /// The content of the first tag named one of `names`, unless blank.
    fn content(&self, names: &[&str]) -> Option<String> {
        self.0
            .iter()
            .filter(|(key, _)| names.contains(&key.as_str()))
            .map(|(_, content)| collapse(content))
            .find(|value| !value.is_empty())
    }
}

fn meta_date(tags: &MetaTags<'_>) -> Option<String> {
    let value = tags.content(&[
        "article:published_time",
        "og:release_date",
        "pubdate",
        "publishdate",
        "publish_date",
        "publish-date",
        "publishtime",
        "firstpublishedtime",
        "datepublished",
        "dc.date.issued",
        "dc.date",
        "date",
    ])?;
    any_date(&value)
}

/// The element on the page that is the article's heading: the title-like element whose
/// text best matches `<title>` / og:title.
fn article_heading(
    headings: &[NodeRef<'_>],
    page_title: &str,
    og_title: Option<&str>,
) -> Option<String> {
    let cut = cut_site_suffix(page_title);
    let reference: Vec<TitleBigrams> = [Some(page_title), Some(cut.as_str()), og_title]
        .into_iter()
        .flatten()
        .filter(|t| !t.is_empty())
        .map(TitleBigrams::of)
        .collect();
    if reference.is_empty() {
        return None;
    }
    // The site or blog name cut from `<title>` is often a heading too; it is not
    // the article's.
    let site_parts: Vec<String> = SUFFIX_SPLIT
        .split(page_title)
        .map(squeeze)
        .filter(|part| !part.is_empty() && *part != squeeze(&cut))
        .collect();
    let mut best: Option<(f64, String)> = None;
    for &node in headings {
        if matches!(dom::name(node), Some("title" | "meta" | "body" | "html")) {
            continue;
        }
        // Enough text to know whether it is too long for a title.
        let text = collapse(&flat_until(node, usize::MAX, MAX_TITLE_CHARS));
        let len = text.chars().count();
        if !(4..=MAX_TITLE_CHARS).contains(&len) || site_parts.contains(&squeeze(&text)) {
            continue;
        }
        let score = reference
            .iter()
            .map(|r| r.similarity(&text))
            .fold(0.0, f64::max);
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, text));
        }
    }
    best.filter(|(score, _)| *score >= 0.6)
        .map(|(_, text)| text)
}

/// Longer text is no article heading.
const MAX_TITLE_CHARS: usize = 120;

/// `text` without whitespace.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A title to compare headings with: its character bigrams, built once.
struct TitleBigrams {
    bigrams: std::collections::HashSet<(char, char)>,
    chars: usize,
}

impl TitleBigrams {
    fn of(title: &str) -> Self {
        let t: Vec<char> = title.chars().filter(|c| !c.is_whitespace()).collect();
        TitleBigrams {
            bigrams: t.windows(2).map(|w| (w[0], w[1])).collect(),
            chars: t.len(),
        }
    }

    /// How much of `heading` appears in the title (character bigrams), 0…1.
    fn similarity(&self, heading: &str) -> f64 {
        let h: Vec<char> = heading.chars().filter(|c| !c.is_whitespace()).collect();
        if h.len() < 2 || self.chars < 2 {
            return 0.0;
        }
        let found = h
            .windows(2)
            .filter(|w| self.bigrams.contains(&(w[0], w[1])))
            .count();
        let precision = found as f64 / (h.len() - 1) as f64;
        // A heading much shorter than the title is a column or site name, not the title.
        let coverage = h.len() as f64 / self.chars as f64;
        let penalty = if coverage < 0.4 { coverage / 0.4 } else { 1.0 };
        precision * penalty
    }
}

/// `<title>` without the site or column names around the article title.
pub fn cut_site_suffix(title: &str) -> String {
    // The longest part, counting Chinese characters first (a Chinese title beats a
    // domain name); the earliest one on a tie.
    let weight = |part: &str| {
        let wide = part.chars().filter(|c| super::text::is_wide(*c)).count();
        (wide, part.chars().count())
    };
    let mut best = "";
    for part in SUFFIX_SPLIT.split(title).map(str::trim) {
        if weight(part) > weight(best) {
            best = part;
        }
    }
    best.to_owned()
}

/// The page's visible text as lines (one per block), whitespace collapsed.
fn page_lines(body: NodeRef<'_>) -> Vec<String> {
    flat(body)
        .lines()
        .map(collapse)
        .filter(|l| !l.is_empty())
        .collect()
}

/// The lines just under the title, then the first lines of the content.
fn lines_near_title(lines: &[String], title: &str, content: &[NodeRef<'_>]) -> Vec<String> {
    let mut near = Vec::new();
    if !title.is_empty() {
        if let Some(at) = lines.iter().position(|l| {
            l == title || (l.contains(title) && l.chars().count() < title.chars().count() + 20)
        }) {
            near.extend(lines.iter().skip(at + 1).take(6).cloned());
        }
    }
    for &node in content {
        near.extend(
            flat_until(node, 4, usize::MAX)
                .lines()
                .map(collapse)
                .filter(|l| !l.is_empty())
                .take(4),
        );
    }
    near
}

/// The source a `来源：` label names in `line`. (The literal test first: the regex
/// runs over every short line of a page.)
fn source_in(line: &str) -> Option<String> {
    ["来源", "稿源", "出处"]
        .iter()
        .any(|label| line.contains(label))
        .then(|| capture(&SOURCE, line))?
}

/// The author a `作者：` label names in `line`.
fn author_in(line: &str) -> Option<String> {
    line.contains("作者").then(|| capture(&AUTHOR, line))?
}

fn capture(re: &Regex, line: &str) -> Option<String> {
    let value = re.captures(line)?.get(1)?.as_str();
    let value = value.trim_matches(|c: char| c.is_whitespace() || "：:，,。".contains(c));
    (!value.is_empty()).then(|| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffix_is_cut() {
        assert_eq!(
            cut_site_suffix("太原市2021年法治政府建设年度报告_太原市人民政府"),
            "太原市2021年法治政府建设年度报告"
        );
        assert_eq!(cut_site_suffix("法院判决 - 新浪"), "法院判决");
        assert_eq!(
            cut_site_suffix("从上海车展看在华布局 现代汽车再次提速-搜狐汽车"),
            "从上海车展看在华布局 现代汽车再次提速"
        );
        assert_eq!(
            cut_site_suffix("纲要(2021-2025年)解读"),
            "纲要(2021-2025年)解读"
        );
    }

    #[test]
    fn source_and_author() {
        let line = "文章字体:【大 中 小】 发布日期: 2022-03-07 来源:太原市司法局";
        assert_eq!(source_in(line).as_deref(), Some("太原市司法局"));
        assert_eq!(
            author_in("作者：张三 来源：新华社").as_deref(),
            Some("张三")
        );
        assert_eq!(author_in("责任编辑：李四"), None);
    }
}
