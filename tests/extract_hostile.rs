//! Hostile pages through decode + extract: no panic, and memory bounded by a small
//! multiple of the input. A counting allocator records the peak of live heap bytes
//! (this test binary only), so the bound is measured, not guessed.
//!
//! The peaks are printed with `cargo test --test extract_hostile -- --nocapture`;
//! the 50 MB page runs in release builds only (a debug build takes minutes).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use zhprint::{extract, source};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            if new_size >= layout.size() {
                let grow = new_size - layout.size();
                let live = LIVE.fetch_add(grow, Ordering::Relaxed) + grow;
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Tests share one allocator: run them one at a time so each peak is its own.
static SERIAL: Mutex<()> = Mutex::new(());

/// Decode and extract `bytes` the way `zhprint extract` does (minus the file read);
/// returns the peak heap above what was live before, in bytes.
fn peak_of(name: &str, bytes: &[u8]) -> usize {
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let start = Instant::now();
    // Refusals (not HTML, no article) are fine; a panic fails the test.
    if let Ok((text, _)) = source::decode(bytes, None) {
        let _ = extract::extract(&text, None);
    }
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
    println!(
        "{name}: {} bytes in, peak heap {:.1} MB, {:.2} s",
        bytes.len(),
        peak as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    peak
}

/// A news page whose article is `bytes` of paragraphs of Chinese text.
fn page(bytes: usize) -> String {
    let mut html = String::from(
        "<html><head><meta charset=\"utf-8\"><title>很长的报告_某市人民政府</title></head><body>\
         <div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/a\">政务</a></div><div class=\"content\">",
    );
    for i in 0.. {
        if html.len() >= bytes {
            break;
        }
        html.push_str(&format!(
            "<p>第{i}段：全市政务服务事项平均办理时间压缩，网上可办率达到百分之九十，企业和群众满意度持续提升。</p>\n"
        ));
    }
    html.push_str("</div><div class=\"footer\">版权所有 京ICP备12049208号</div></body></html>");
    html
}

/// Peak heap for a big page: the DOM of a text-heavy page is several times its
/// size (measured about 9×); a leak or a copy per level would be far above 20×.
fn big_page(megabytes: usize) {
    let html = page(megabytes * 1024 * 1024);
    let peak = peak_of(&format!("{megabytes} MB page"), html.as_bytes());
    assert!(
        peak < 20 * html.len(),
        "peak {peak} for {} bytes",
        html.len()
    );
}

#[test]
fn five_megabytes_of_html() {
    big_page(5);
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "about 2 minutes unoptimised: cargo test --release --test extract_hostile"
)]
fn fifty_megabytes_of_html() {
    big_page(50);
}

#[test]
fn thousands_of_tiny_blocks() {
    let html = "<div><span>短</span><a href=/x>链</a></div>".repeat(200_000);
    let peak = peak_of("200 000 tiny blocks", html.as_bytes());
    assert!(peak < 100 * html.len(), "peak {peak}");
}

#[test]
fn nesting_a_hundred_thousand_deep() {
    for (open, close) in [
        ("<div>", "</div>"),
        ("<b>", "</b>"),
        ("<table><tr><td>", "</td></tr></table>"),
        ("<ul><li>", ""),
        ("<p>", ""),
    ] {
        let html = open.repeat(100_000)
            + "很深的文字，很深的文字，很深的文字，很深的文字。"
            + &close.repeat(100_000);
        let start = Instant::now();
        let peak = peak_of(open, html.as_bytes());
        assert!(peak < 200 * html.len(), "{open}: peak {peak}");
        assert!(start.elapsed().as_secs() < 60, "{open}: too slow");
    }
}

#[test]
fn empty_and_binary_input() {
    let junk: Vec<u8> = (0..1_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    for (name, bytes) in [
        ("empty", &b""[..]),
        ("whitespace", &b" \n\t "[..]),
        ("binary", &junk[..]),
        (
            "NULs in markup",
            &b"<html><body>\0\0<p>\0</p></body></html>"[..],
        ),
        ("lone tags", &b"<<<>>></</p><p"[..]),
    ] {
        peak_of(name, bytes);
    }
    // Junk that decodes (no NUL bytes) still reaches the extractor.
    let text: String = junk
        .iter()
        .map(|&b| char::from(b.max(1)))
        .collect::<String>()
        .replace('\u{0}', "");
    let _ = extract::extract(&text, None);
    let _ = extract::extract(&String::from_utf8_lossy(&junk), None);
}
