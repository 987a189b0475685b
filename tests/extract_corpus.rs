//! Source + extract on real pages copied from the evaluation corpus
//! (`tests/fixtures/corpus/<id>/`, origins in its README): each page decodes without
//! mojibake, gives its article text, and leaves the site chrome out.

use std::collections::HashMap;
use std::path::PathBuf;

use zhprint::{extract, source};

fn fixture(id: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus")
        .join(id)
}

struct Extracted {
    charset: &'static str,
    doc: zhprint::Document,
    text: String,
    expected: String,
}

fn run(id: &str) -> Extracted {
    let dir = fixture(id);
    let page = source::load(dir.join("source.html").to_str().unwrap()).unwrap();
    let doc = extract::extract(&page.text, page.url.as_ref()).unwrap();
    // The main text, as `zhprint extract` prints it and score.py reads it.
    let text = doc.body_text_lines().join("\n");
    let expected = std::fs::read_to_string(dir.join("expected.txt")).unwrap();
    Extracted {
        charset: page.charset,
        doc,
        text,
        expected,
    }
}

/// F1 of character bigrams, whitespace ignored: score.py's measure for Chinese pages.
fn bigram_f1(expected: &str, got: &str) -> f64 {
    fn bigrams(s: &str) -> HashMap<(char, char), usize> {
        let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        let mut counts = HashMap::new();
        for w in chars.windows(2) {
            *counts.entry((w[0], w[1])).or_insert(0) += 1;
        }
        counts
    }
    let (e, g) = (bigrams(expected), bigrams(got));
    let tp: usize = e
        .iter()
        .map(|(k, n)| (*n).min(*g.get(k).unwrap_or(&0)))
        .sum();
    let (ne, ng): (usize, usize) = (e.values().sum(), g.values().sum());
    if tp == 0 {
        return 0.0;
    }
    let (p, r) = (tp as f64 / ng as f64, tp as f64 / ne as f64);
    2.0 * p * r / (p + r)
}

fn assert_clean(x: &Extracted, id: &str, min_f1: f64, chrome: &[&str]) {
    assert!(
        !x.text.contains('\u{FFFD}'),
        "{id}: replacement characters (mojibake)"
    );
    let f1 = bigram_f1(&x.expected, &x.text);
    assert!(
        f1 >= min_f1,
        "{id}: bigram F1 {f1:.3} < {min_f1}\n{}",
        x.text
    );
    // The body only: the title line comes from the metadata.
    let body: Vec<String> = x.doc.blocks.iter().flat_map(|b| b.text_lines()).collect();
    for line in chrome {
        assert!(
            !body.iter().any(|l| l.contains(line)),
            "{id}: chrome {line:?} in output"
        );
    }
}

/// Title, date and source as the page shows them (`None`: the page has none).
fn assert_meta(x: &Extracted, title: &str, date: Option<&str>, source: Option<&str>) {
    let meta = &x.doc.meta;
    assert_eq!(meta.title, title);
    assert_eq!(meta.date.as_deref(), date, "date of {title}");
    if source.is_some() {
        assert_eq!(meta.source.as_deref(), source, "source of {title}");
    }
}

/// The first and the last lines of the expected text that are long enough to be
/// real paragraphs (their first 25 characters): the article is there from start to end.
fn key_paragraphs(expected: &str) -> [String; 2] {
    let long: Vec<&str> = expected
        .lines()
        .map(str::trim)
        .filter(|l| l.chars().count() >= 30)
        .collect();
    let head = |l: Option<&&str>| l.map(|l| l.chars().take(25).collect()).unwrap_or_default();
    [head(long.first()), head(long.last())]
}

fn assert_key_paragraphs(x: &Extracted, id: &str) {
    for key in key_paragraphs(&x.expected) {
        assert!(x.text.contains(&key), "{id}: {key:?} missing");
    }
}

#[test]
fn gbk_page_in_a_text_wrapper() {
    let id = "cwce-sohu-minjian";
    let x = run(id);
    assert_eq!(x.charset, "gb18030");
    assert_key_paragraphs(&x, id);
    assert_clean(&x, id, 0.85, &["ICP", "版权所有", "设为首页", "搜狐"]);
    assert_meta(
        &x,
        "民间资本成投资活动的主体 民间资本路在何方",
        Some("2004-10-21"),
        None,
    );
}

#[test]
fn gbk_blog_page_without_charset() {
    let id = "cwce-ccer-report-ab65";
    let x = run(id);
    assert_eq!(x.charset, "gb18030");
    assert_key_paragraphs(&x, id);
    assert_clean(&x, id, 0.85, &["回首页", "索引"]);
    // The blog's name is a heading too, and the end of <title>: not the title.
    assert_meta(&x, "谁来为无序拆房“埋单”？", None, None);
}

#[test]
fn utf8_page_labelled_gb2312() {
    let id = "mh-people-health";
    let x = run(id);
    assert_eq!(x.charset, "UTF-8");
    assert_key_paragraphs(&x, id);
    assert_clean(&x, id, 0.85, &["ICP", "版权所有"]);
    assert_meta(
        &x,
        "关注青少年心理健康“心成长”服务项目启动",
        Some("2024-05-17"),
        Some("北京青年报"),
    );
    assert_eq!(x.doc.meta.author, None, "a numeric CMS id is no author");
}

#[test]
fn government_page() {
    let id = "mh-kepu-gov-xinhua";
    let x = run(id);
    assert_key_paragraphs(&x, id);
    assert_clean(&x, id, 0.85, &["ICP", "版权所有", "当前位置", "来源："]);
    assert_meta(
        &x,
        "习近平主持召开深入推进长三角一体化发展座谈会",
        Some("2023-12-01"),
        Some("新华社"),
    );
}

#[test]
fn regional_news_page_with_chrome() {
    let id = "cwce-xz-cesuo";
    let x = run(id);
    assert_key_paragraphs(&x, id);
    assert_clean(&x, id, 0.85, &["ICP", "版权所有"]);
    // The date is only in the CMS's <!--enpproperty <date>…--> comment.
    assert_meta(&x, "“厕所革命”改善农牧区人居环境", Some("2022-02-13"), None);
}

#[test]
fn official_release_with_related_links() {
    let id = "mh-caijing-cpi";
    let x = run(id);
    assert_key_paragraphs(&x, id);
    assert_clean(
        &x,
        id,
        0.9,
        &[
            "当前位置",
            "字号",
            "打印",
            "相关阅读",
            "友情链接",
            "ICP",
            "版权所有",
            "本文来源于",
        ],
    );
    assert_meta(
        &x,
        "2024年4月全国CPI同比上涨0.3% 食品价格下降2.7%",
        Some("2024-05-11"),
        Some("国家统计局"),
    );
}

#[test]
fn wechat_article_hidden_until_scripts_run() {
    let id = "mh-weixin-suide";
    let x = run(id);
    assert_key_paragraphs(&x, id);
    assert_clean(&x, id, 0.9, &["推荐阅读", "微信扫一扫"]);
    // WeChat keeps the publish time only in a script (`var ct`, Unix seconds).
    assert_meta(&x, "绥德：33名退役军人被表彰", Some("2022-07-31"), None);
}

#[test]
fn blog_post_without_charset() {
    let id = "cwce-bokeyuan-b828";
    let x = run(id);
    assert_eq!(x.charset, "UTF-8");
    assert_key_paragraphs(&x, id);
    assert_clean(&x, id, 0.9, &["TrackBack", "点击此处收藏本文", "发表于"]);
    assert_meta(
        &x,
        "评老冒：做最好的和最cool的东西？",
        Some("2005-09-07"),
        None,
    );
}

#[test]
fn forum_post() {
    let id = "cwce-yahoo-cn-atom";
    let x = run(id);
    assert_eq!(x.charset, "gb18030");
    assert_key_paragraphs(&x, id);
    assert_clean(&x, id, 0.9, &["楼主", "登录", "版权"]);
    assert_meta(&x, "从原子弹爆炸原理想开去", Some("2005-09-11"), None);
}

#[test]
fn english_page_without_charset() {
    let id = "sh-06e5123e4e";
    let x = run(id);
    assert_eq!(x.charset, "UTF-8");
    assert_key_paragraphs(&x, id);
    assert_clean(&x, id, 0.0, &["Image Credit", "Reporting by"]);
    assert_meta(
        &x,
        "New York State Attorney General investigating WeWork and former CEO",
        Some("2019-11-19"),
        None,
    );
}

#[test]
fn english_news_with_video_and_captions() {
    let id = "rd-bbc-1";
    let x = run(id);
    assert_key_paragraphs(&x, id);
    assert_clean(
        &x,
        id,
        0.0,
        &["Share this", "Media caption", "More on this story"],
    );
    assert_meta(
        &x,
        "Obama admits US gun laws are his 'biggest frustration'",
        Some("2015-07-24"),
        None,
    );
}
