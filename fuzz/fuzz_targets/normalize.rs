//! Fuzz target: any text → the normalization engine, plain and traced, and the
//! line reader of text and Markdown files. Nothing may panic; the traced run
//! gives the plain run's text; a second run changes nothing (a fixed point).
//!
//! `cargo +nightly fuzz run normalize` (seed first with `fuzz/seed-normalize.sh`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhprint::normalize::{normalize_text, Normalizer, TextKind};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let once = normalize_text(text);
    assert_eq!(normalize_text(&once), once, "not a fixed point: {text:?}");
    assert_eq!(Normalizer::default().traced(text).text, once);
    for kind in [TextKind::Plain, TextKind::Markdown] {
        let _ = zhprint::check::normalize_lines(text, kind, &Normalizer::default());
    }
});
