//! Extraction speed per page: decoding plus extraction, on the input/ report and
//! the corpus pages copied into tests/fixtures. Target (issue 4): median under 3 ms.
//!
//! `cargo bench --bench extract`

use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

const PAGES: [&str; 7] = [
    "input/taiyuan-2021.html",
    "tests/fixtures/corpus/cwce-ccer-report-ab65/source.html",
    "tests/fixtures/corpus/cwce-sohu-minjian/source.html",
    "tests/fixtures/corpus/cwce-xz-cesuo/source.html",
    "tests/fixtures/corpus/mh-kepu-gov-xinhua/source.html",
    "tests/fixtures/corpus/mh-people-health/source.html",
    "tests/fixtures/corpus/sh-06e5123e4e/source.html",
];

fn read(page: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(page);
    std::fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// Bytes → decoded text → Document, per page.
#[divan::bench(args = PAGES)]
fn decode_and_extract(bencher: Bencher, page: &str) {
    let bytes = read(page);
    bencher.bench(|| {
        let decoded = zhprint::source::decode(black_box(&bytes), None);
        black_box(decoded.and_then(|(text, _charset)| zhprint::extract::extract(&text, None)))
    });
}
