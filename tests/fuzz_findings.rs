//! Inputs the fuzz targets found (fuzz/README.md), each kept as the smallest input
//! that showed the bug, through the same stages as the target that found it.

use zhprint::model::{Block, Document, Inline, Meta};
use zhprint::normalize::{normalize_text, Normalizer};
use zhprint::render::{docx, pdf};

/// A document of one paragraph, normalized, rendered to both editions.
fn renders(paragraph: &str) {
    let doc = Document {
        meta: Meta {
            title: "fuzz".into(),
            ..Meta::default()
        },
        blocks: vec![Block::Paragraph {
            content: vec![Inline::text(paragraph)],
        }],
        images: Vec::new(),
    };
    for doc in [doc.clone(), Normalizer::default().document(doc)] {
        let pdf = pdf::render(&doc).expect("a PDF");
        assert!(pdf.bytes.starts_with(b"%PDF-"));
        let docx = docx::render(&doc).expect("a DOCX");
        assert!(docx.bytes.starts_with(b"PK"));
    }
}

/// pipeline, 2026-12-07: typst's bounded line breaking missed the paragraph's end,
/// and debug builds panicked ("bounded inline layout is incomplete"). The paragraph is
/// UTF-8 Chinese read as windows-1252 (a mutated page that lost its charset), cut
/// down to 73 characters by delta debugging.
#[test]
fn a_paragraph_that_defeated_typsts_line_break_bound() {
    renders(
        "\u{AE}\u{2DC}\u{E7}\u{B6}\u{E7}\u{161}\u{201E}\u{E7}\u{201E}\u{A6}\u{E9}\u{BB}\u{17E}\
         \u{E6}\u{2013}\u{B0}\u{E8}\u{81}\u{17E}\u{E5}\u{2026}\u{A7}\u{EF}\u{BC}\u{152}\u{E9}\
         \u{153}\u{20AC}\u{E8}\u{A6}\u{81}\u{E6}\u{B0}\u{2018}\u{E7}\u{153}\u{BE}\u{E5}\u{8F}\
         \u{AF}\u{E4}\u{B8}\u{160}\u{E7}\u{B6}\u{B2}\u{E6}\u{178}\u{A5}\u{E9}\u{2013}\u{B1}\
         \u{EF}\u{BC}\u{2C6}://)www.doh.g\u{BC}\u{2030}\u{E3}\u{20AC}\u{201A}",
    );
}

/// normalize, 2026-12-07: a run of half-width marks after Chinese text needed one
/// pass per mark to settle: B1 left a `;` after a `?` (not yet full-width) for B4 to
/// convert first. Cut down from the fuzzer's input by delta debugging.
#[test]
fn a_run_of_marks_after_chinese_text_settles_in_one_pass() {
    let input = format!(
        "号:;{}\u{22EF}{}\u{22EF};",
        "?;".repeat(19),
        "?;".repeat(42)
    );
    let once = normalize_text(&input);
    assert_eq!(normalize_text(&once), once);
    assert!(!once.contains([';', '?', ':']), "{once}");
}
