//! Normalization throughput on real Chinese report text (the seed page as a
//! browser shows it), one core. Target (issue 3): over 50 MB/s, so that
//! normalization never matters next to rendering.
//!
//! `cargo bench --bench normalize`

use divan::counter::BytesCount;
use divan::{black_box, Bencher};

const SEED: &str = include_str!("../tests/fixtures/seed.txt");

fn main() {
    divan::main();
}

/// Every line of the seed page, as `zhprint normalize` sees it.
#[divan::bench]
fn seed_lines(bencher: Bencher) {
    bencher.counter(BytesCount::of_str(SEED)).bench(|| {
        for line in black_box(SEED).lines() {
            black_box(zhprint::normalize::normalize_text(line));
        }
    });
}

/// Text that is already normal: the common case in a batch of clean pages.
#[divan::bench]
fn clean_lines(bencher: Bencher) {
    let clean: String = SEED
        .lines()
        .map(zhprint::normalize::normalize_text)
        .collect::<Vec<_>>()
        .join("\n");
    bencher.counter(BytesCount::of_str(&clean)).bench(|| {
        for line in black_box(&clean).lines() {
            black_box(zhprint::normalize::normalize_text(line));
        }
    });
}
