//! Fuzz target: any bytes → decode → extract → normalize → the PDF (typst) and the
//! DOCX, in one process, as `zhprint convert` runs them. Nothing may panic, and a page
//! that has an article must print: a render error is a finding too.
//!
//! `cargo +nightly fuzz run --features pipeline pipeline` (see fuzz/README.md).
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhprint::normalize::Normalizer;
use zhprint::render::{docx, pdf};

fuzz_target!(|data: &[u8]| {
    let text = match zhprint::source::decode(data, None) {
        Ok((text, _charset)) => text,
        Err(_) => String::from_utf8_lossy(data).into_owned(),
    };
    let url = url::Url::parse("http://example.gov.cn/a/b/t1.html").ok();
    let Ok(raw) = zhprint::extract::extract(&text, url.as_ref()) else {
        return;
    };
    let doc = Normalizer::default().document(raw);
    let (pdf, docx) = (pdf::render(&doc), docx::render(&doc));
    if let Err(e) = pdf {
        panic!("no PDF for an extracted document: {e}");
    }
    if let Err(e) = docx {
        panic!("no DOCX for an extracted document: {e}");
    }
});
