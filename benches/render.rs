//! Rendering time per document, for each edition, on the input/ report (10 pages
//! of PDF). Targets: PDF under 30 ms (issue 5), DOCX under 5 ms (issue 6). The
//! first PDF loads fonts and template once per process, outside the measurement.
//!
//! `cargo bench --bench render`

use std::sync::LazyLock;

use divan::black_box;
use zhprint::Document;

fn main() {
    divan::main();
}

static REPORT: LazyLock<Document> = LazyLock::new(|| {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("input/taiyuan-2021.html");
    zhprint::convert::document_from(&path.to_string_lossy())
        .unwrap_or_else(|err| panic!("{}: {err}", path.display()))
});

#[divan::bench]
fn pdf(bencher: divan::Bencher) {
    // Warm: fonts, template and typst's caches as in a long batch.
    let _ = zhprint::render::pdf::render(&REPORT);
    bencher.bench(|| black_box(zhprint::render::pdf::render(black_box(&REPORT))));
}

#[divan::bench]
fn docx(bencher: divan::Bencher) {
    bencher.bench(|| black_box(zhprint::render::docx::render(black_box(&REPORT))));
}

#[divan::bench]
fn txt(bencher: divan::Bencher) {
    bencher.bench(|| black_box(zhprint::render::txt::render(black_box(&REPORT))));
}
