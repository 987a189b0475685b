//! Rendering time per document, for each edition, on the input/ report (10 pages
//! of PDF). Targets: PDF under 30 ms (issue 5), DOCX under 5 ms (issue 6). The
//! first PDF loads fonts and template once per process, outside the measurement.
//!
//! `cargo bench --bench render`

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::LazyLock;

use divan::black_box;
use zhprint::model::{Block, Inline};
use zhprint::Document;

fn main() {
    divan::main();
}

static REPORT: LazyLock<Document> = LazyLock::new(|| {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("input/taiyuan-2021.html");
    let page = zhprint::source::load(&path.to_string_lossy())
        .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    let doc = zhprint::extract::extract(&page.text, page.url.as_ref())
        .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    zhprint::normalize::normalize(doc)
});

/// The same report again: typst's memoization (comemo) reuses the layout of every
/// paragraph, as for a batch that repeats boilerplate.
#[divan::bench]
fn pdf(bencher: divan::Bencher) {
    // Warm: fonts, template and typst's caches as in a long batch.
    let _ = zhprint::render::pdf::render(&REPORT);
    bencher.bench(|| black_box(zhprint::render::pdf::render(black_box(&REPORT))));
}

/// The report with every paragraph and heading changed (`run` appended), so that no
/// paragraph's layout can come from typst's cache.
fn unseen(run: usize) -> Document {
    let mut doc = REPORT.clone();
    for block in &mut doc.blocks {
        if let Block::Paragraph { content } | Block::Heading { content, .. } = block {
            content.push(Inline::text(format!("{run}")));
        }
    }
    doc
}

/// The report with every paragraph changed (a number appended), so that no paragraph's
/// layout can come from the cache: the cost of a report never seen before.
#[divan::bench]
fn pdf_unseen(bencher: divan::Bencher) {
    let _ = zhprint::render::pdf::render(&REPORT);
    static RUN: AtomicUsize = AtomicUsize::new(0);
    bencher
        .with_inputs(|| unseen(RUN.fetch_add(1, Ordering::Relaxed)))
        .bench_refs(|doc| black_box(zhprint::render::pdf::render(doc)));
}

/// `pdf_unseen` with `--lone-lines mend`: the report's one orphan is probed (no change
/// moves it, so no second layout of the whole), with every paragraph changed as above.
#[divan::bench]
fn pdf_unseen_mend(bencher: divan::Bencher) {
    unseen_with_lone_lines(bencher, zhprint::render::pdf::LoneLines::Mend);
}

/// `pdf_unseen` with `--lone-lines never`: typst moves the orphan on, and the pages
/// that leaves short are probed and mended where they can be.
#[divan::bench]
fn pdf_unseen_never(bencher: divan::Bencher) {
    unseen_with_lone_lines(bencher, zhprint::render::pdf::LoneLines::Never);
}

fn unseen_with_lone_lines(bencher: divan::Bencher, lone_lines: zhprint::render::pdf::LoneLines) {
    let options = zhprint::render::pdf::PdfOptions::default().with_lone_lines(lone_lines);
    let _ = zhprint::render::pdf::render_with(&REPORT, &options);
    static RUN: AtomicUsize = AtomicUsize::new(1 << 20);
    bencher
        .with_inputs(|| unseen(RUN.fetch_add(1, Ordering::Relaxed)))
        .bench_refs(|doc| black_box(zhprint::render::pdf::render_with(doc, &options)));
}

#[divan::bench]
fn docx(bencher: divan::Bencher) {
    bencher.bench(|| black_box(zhprint::render::docx::render(black_box(&REPORT))));
}

#[divan::bench]
fn txt(bencher: divan::Bencher) {
    bencher.bench(|| black_box(zhprint::render::txt::render(black_box(&REPORT))));
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
