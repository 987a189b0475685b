//! Fuzz target: any bytes → decode → extract. Neither may panic, whatever the page.
//!
//! `cargo +nightly fuzz run extract` (from the repository root; see fuzz/README.md).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Bytes the loader would refuse (binary, empty) still go through extraction as
    // lossy text, so the extractor sees junk too.
    let text = match zhprint::source::decode(data, None) {
        Ok((text, _charset)) => text,
        Err(_) => String::from_utf8_lossy(data).into_owned(),
    };
    let url = url::Url::parse("http://example.gov.cn/a/b/t1.html").ok();
    let _ = zhprint::extract::extract(&text, url.as_ref());
});
