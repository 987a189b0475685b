//! Fuzz target: any bytes as the inside of an article, between a page's head and its
//! end, → extract. Whole-page inputs spend most of their length on markup the
//! scorer drops early; a fragment puts every mutated byte into block conversion,
//! chrome rules, tables and the fallbacks. Nothing may panic.
//!
//! `cargo +nightly fuzz run extract_fragment -- -max_len=8192` (see fuzz/README.md).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let inner = String::from_utf8_lossy(data);
    let page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>关于印发工作方案的通知</title></head>\
         <body><div class=\"nav\"><a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政务公开</a></div>\
         <article><h1>关于印发工作方案的通知</h1>{inner}</article>\
         <div class=\"footer\">版权所有 ICP备案号：京ICP备05000000号</div></body></html>"
    );
    let url = url::Url::parse("http://example.gov.cn/a/b/t1.html").ok();
    let _ = zhprint::extract::extract(&page, url.as_ref());
});
