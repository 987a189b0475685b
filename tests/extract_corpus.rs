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
    let text = doc.to_text_lines().join("\n");
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
    for line in chrome {
        assert!(!x.text.contains(line), "{id}: chrome {line:?} in output");
    }
}

/// The first line of the expected text that is long enough to be a real paragraph.
fn key_paragraph(expected: &str) -> String {
    expected
        .lines()
        .map(str::trim)
        .find(|l| l.chars().count() >= 30)
        .unwrap_or("")
        .chars()
        .take(25)
        .collect()
}

#[test]
fn gbk_page_in_a_text_wrapper() {
    let id = "cwce-sohu-minjian";
    let x = run(id);
    assert_eq!(x.charset, "gb18030");
    assert!(x.text.contains(&key_paragraph(&x.expected)));
    assert_clean(&x, id, 0.85, &["ICP", "版权所有", "设为首页"]);
}

#[test]
fn gbk_page_without_charset() {
    let id = "cwce-ccer-report-ab65";
    let x = run(id);
    assert_eq!(x.charset, "gb18030");
    assert!(x.text.contains(&key_paragraph(&x.expected)));
    assert_clean(&x, id, 0.85, &[]);
}

#[test]
fn utf8_page_labelled_gb2312() {
    let id = "mh-people-health";
    let x = run(id);
    assert_eq!(x.charset, "UTF-8");
    assert!(x.text.contains("心成长"));
    assert_clean(&x, id, 0.85, &["ICP", "版权所有"]);
    assert_eq!(x.doc.meta.date.as_deref(), Some("2024-05-17"));
}

#[test]
fn government_page() {
    let id = "mh-kepu-gov-xinhua";
    let x = run(id);
    assert!(x.text.contains(&key_paragraph(&x.expected)));
    assert_clean(&x, id, 0.85, &["ICP", "版权所有", "当前位置"]);
    assert!(x.doc.meta.title.contains("长三角"), "{}", x.doc.meta.title);
    assert_eq!(x.doc.meta.date.as_deref(), Some("2023-12-01"));
}

#[test]
fn regional_news_page_with_chrome() {
    let id = "cwce-xz-cesuo";
    let x = run(id);
    assert!(x.text.contains(&key_paragraph(&x.expected)));
    assert_clean(&x, id, 0.85, &["ICP", "版权所有"]);
}

#[test]
fn english_page_without_charset() {
    let id = "sh-06e5123e4e";
    let x = run(id);
    assert_eq!(x.charset, "UTF-8");
    let first: String = key_paragraph(&x.expected);
    assert!(x.text.contains(&first), "{first}");
    assert!(!x.text.contains('\u{FFFD}'));
}
