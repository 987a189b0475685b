//! Where lines break. typst-layout is patched (`vendor/typst-layout/PATCHED.md`) so
//! that its line breaker skips line starts that cannot win; the lines must stay the
//! ones unpatched typst chooses. `tests/fixtures/lines/<name>.txt` holds each page's
//! lines of body-size text as typst 0.15.1 without the patch broke them, one
//! `page<TAB>text` a line; `ZHPRINT_BLESS_LINES=1` writes the files anew (from a build
//! without the `[patch]` entry for typst-layout, when typst itself changes).

use super::super::render;
use super::geometry::{body_lines, fixture, pages, seed};
use crate::model::Document;

fn lines(doc: &Document) -> String {
    let out = render(doc).expect("renders");
    let mut text = String::new();
    for (n, runs) in pages(&out.bytes).iter().enumerate() {
        for (_, _, line) in body_lines(runs) {
            text += &format!("{}\t{line}\n", n + 1);
        }
    }
    text
}

fn check(name: &str, doc: &Document) {
    let path = format!(
        "{}/tests/fixtures/lines/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let got = lines(doc);
    if std::env::var_os("ZHPRINT_BLESS_LINES").is_some() {
        std::fs::write(&path, &got).expect("writes the fixture");
        return;
    }
    let want = std::fs::read_to_string(&path).expect("the fixture reads");
    for (i, (g, w)) in got.lines().zip(want.lines()).enumerate() {
        assert_eq!(g, w, "{name}: line {} of the layout differs", i + 1);
    }
    assert_eq!(
        got.lines().count(),
        want.lines().count(),
        "{name}: line count"
    );
}

#[test]
fn the_seed_report_breaks_where_unpatched_typst_breaks_it() {
    // Ten pages of dense hanzi with pause and closing marks (which can shrink), numbers
    // and headings: the case the patch was made for.
    check("seed", &seed());
}

#[test]
fn mixed_and_english_pages_break_where_unpatched_typst_breaks_them() {
    // Figures and Latin words among hanzi; English prose, where breaks fall at spaces
    // and hyphenation points and lines stretch at their spaces.
    check("mh-caijing-cpi", &fixture("mh-caijing-cpi"));
    check("rd-bbc-1", &fixture("rd-bbc-1"));
}
