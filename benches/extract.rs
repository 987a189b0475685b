//! Extraction speed per page: decoding plus extraction, on the input/ report, every
//! corpus page copied into tests/fixtures and, when it is there, every page of the
//! evaluation corpus (`../shared/corpus`). Target (issue 4): median under 3 ms.
//!
//! `cargo bench --bench extract` (divan prints each page's median; the median over
//! pages is in docs/extraction.md)

use std::path::{Path, PathBuf};

use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `source.html` of every `<dir>/<id>/`, as `<id>`-named paths, sorted.
fn pages_in(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut pages: Vec<String> = entries
        .flatten()
        .map(|e| e.path().join("source.html"))
        .filter(|p| p.is_file())
        .filter_map(|p| p.strip_prefix(root()).ok().map(PathBuf::from))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    pages.sort();
    pages
}

fn fixtures() -> Vec<String> {
    let mut pages = vec!["input/taiyuan-2021.html".to_owned()];
    pages.extend(pages_in(&root().join("tests/fixtures/corpus")));
    pages
}

fn shared_corpus() -> Vec<String> {
    pages_in(&root().join("../shared/corpus"))
}

fn read(page: &str) -> Vec<u8> {
    let path = root().join(page);
    std::fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

fn bench_page(bencher: Bencher, page: &str) {
    let bytes = read(page);
    bencher.bench(|| {
        let decoded = zhprint::source::decode(black_box(&bytes), None);
        black_box(decoded.and_then(|(text, _charset)| zhprint::extract::extract(&text, None)))
    });
}

/// Bytes → decoded text → Document, per fixture page.
#[divan::bench(args = fixtures())]
fn decode_and_extract(bencher: Bencher, page: &str) {
    bench_page(bencher, page);
}

/// The same over the evaluation corpus, when `../shared/corpus` is present.
#[divan::bench(args = shared_corpus(), sample_count = 30)]
fn corpus(bencher: Bencher, page: &str) {
    bench_page(bencher, page);
}
