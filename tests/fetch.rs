//! Fetching over HTTP, end to end: a server on loopback in the test process serves
//! the cases issue 7 names, `zhprint convert URL... --report` fetches them, and
//! the report says how each ended.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// An image the server has (the fixture's origin: tests/fixtures/images/README.md).
const CHART: &[u8] = include_bytes!("fixtures/images/chart-64x48.png");

/// A page with no charset in its markup: only the HTTP header can say it is GBK.
fn page(body: &str) -> String {
    format!(
        "<html><head><title>关于2021年法治政府建设情况的报告</title></head><body>\
         <div class=\"article\"><h1>关于2021年法治政府建设情况的报告</h1>{body}</div></body></html>"
    )
}

fn paragraphs() -> String {
    "<p>2021年，太原市坚持以习近平法治思想为指导，全面推进法治政府建设，取得了新的进展和成效。</p>"
        .repeat(12)
}

struct Server {
    addr: String,
    flaky_calls: Arc<AtomicUsize>,
}

fn serve() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let addr = format!("http://{}", listener.local_addr().expect("addr"));
    let flaky_calls = Arc::new(AtomicUsize::new(0));
    let calls = flaky_calls.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let calls = calls.clone();
            std::thread::spawn(move || {
                let _ = respond(stream, &calls);
            });
        }
    });
    Server { addr, flaky_calls }
}

fn respond(mut stream: TcpStream, flaky_calls: &AtomicUsize) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut gzip_ok = false;
    let mut brotli_ok = false;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        let lower = line.to_ascii_lowercase();
        gzip_ok |= lower.starts_with("accept-encoding:") && lower.contains("gzip");
        brotli_ok |= lower.starts_with("accept-encoding:") && lower.contains("br");
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_owned();
    let html = |status: &str, headers: &str, body: &[u8]| {
        let mut out = format!(
            "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        out.extend_from_slice(body);
        out
    };
    let utf8 = "Content-Type: text/html; charset=utf-8\r\n";
    let response = match path.as_str() {
        "/gbk.html" => {
            let body = encoding_rs::GBK.encode(&page(&paragraphs())).0.into_owned();
            html("200 OK", "Content-Type: text/html; charset=gbk\r\n", &body)
        }
        "/gzip.html" if gzip_ok => {
            let body = gzip_stored(page(&paragraphs()).as_bytes());
            let headers = format!("{utf8}Content-Encoding: gzip\r\n");
            html("200 OK", &headers, &body)
        }
        "/gzip.html" => html("406 Not Acceptable", utf8, b"gzip only"),
        "/brotli.html" if brotli_ok => {
            let body = brotli_stored(page(&paragraphs()).as_bytes());
            let headers = format!("{utf8}Content-Encoding: br\r\n");
            html("200 OK", &headers, &body)
        }
        "/brotli.html" => html("406 Not Acceptable", utf8, b"brotli only"),
        p if p.starts_with("/redirect/") => {
            let n: usize = p["/redirect/".len()..]
                .trim_end_matches(".html")
                .parse()
                .unwrap_or(0);
            if n == 0 {
                html("200 OK", utf8, page(&paragraphs()).as_bytes())
            } else {
                let location = format!("Location: /redirect/{}.html\r\n", n - 1);
                html("302 Found", &location, b"")
            }
        }
        "/flaky.html" => {
            if flaky_calls.fetch_add(1, Ordering::SeqCst) == 0 {
                html("500 Internal Server Error", utf8, b"try again")
            } else {
                html("200 OK", utf8, page(&paragraphs()).as_bytes())
            }
        }
        "/stall.html" => {
            // Headers, a little body, then nothing for longer than the timeout.
            stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<html>")?;
            std::thread::sleep(Duration::from_secs(30));
            return Ok(());
        }
        "/images.html" => {
            let body = format!(
                "{}<figure><img src=\"/img/chart.png\" alt=\"统计图\"><figcaption>图1 办件量</figcaption></figure>\
                 <figure><img src=\"img/missing.png\"><figcaption>图2 缺失</figcaption></figure>{}",
                paragraphs(),
                paragraphs()
            );
            html("200 OK", utf8, page(&body).as_bytes())
        }
        "/img/chart.png" => html("200 OK", "Content-Type: image/png\r\n", CHART),
        "/big.html" => {
            stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><body>")?;
            let chunk = "<p>大</p>".repeat(1 << 14);
            // Past the 20 MB default cap, with no Content-Length to give it away early.
            for _ in 0..(25 << 20) / chunk.len() {
                stream.write_all(chunk.as_bytes())?;
            }
            return Ok(());
        }
        _ => html("404 Not Found", utf8, b"no such page"),
    };
    stream.write_all(&response)
}

/// A gzip member holding `data` in stored (uncompressed) deflate blocks: valid
/// gzip without a compressor in the test's dependencies.
fn gzip_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    let chunks: Vec<&[u8]> = data.chunks(0xffff).collect();
    for (i, chunk) in chunks.iter().enumerate() {
        out.push(u8::from(i + 1 == chunks.len()));
        let len = chunk.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    out.extend_from_slice(&crc32fast::hash(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

/// A brotli stream holding `data` in uncompressed meta-blocks (RFC 7932 §9.2):
/// valid brotli without a compressor in the test's dependencies.
fn brotli_stored(data: &[u8]) -> Vec<u8> {
    // Bits are packed from the least significant end of each byte.
    fn put(bits: &mut Vec<bool>, value: usize, count: usize) {
        bits.extend((0..count).map(|i| value >> i & 1 == 1));
    }
    fn flush(bits: &mut Vec<bool>, out: &mut Vec<u8>) {
        for byte in bits.chunks(8) {
            out.push(byte.iter().rev().fold(0, |acc, &b| acc << 1 | u8::from(b)));
        }
        bits.clear();
    }
    let mut out = Vec::new();
    let mut bits = Vec::new();
    put(&mut bits, 0, 1); // WBITS = 16
    for chunk in data.chunks(1 << 16) {
        put(&mut bits, 0, 1); // ISLAST
        put(&mut bits, 0, 2); // MNIBBLES = 4
        put(&mut bits, chunk.len() - 1, 16); // MLEN - 1
        put(&mut bits, 1, 1); // ISUNCOMPRESSED, then the bytes from the next boundary
        flush(&mut bits, &mut out);
        out.extend_from_slice(chunk);
    }
    put(&mut bits, 1, 1); // ISLAST
    put(&mut bits, 1, 1); // ISLASTEMPTY
    flush(&mut bits, &mut out);
    out
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zhprint-fetch-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Converts `urls` to TXT with a report; the report's entries by input.
fn convert(urls: &[String], tag: &str) -> Vec<serde_json::Value> {
    convert_to(urls, tag, "txt")
}

/// Converts `urls` to `formats` with a report; the report's entries by input.
fn convert_to(urls: &[String], tag: &str, formats: &str) -> Vec<serde_json::Value> {
    let dir = temp_dir(tag);
    let report = dir.join("report.json");
    let out = dir.join("out");
    let mut args = vec![
        "convert",
        "--format",
        formats,
        "-o",
        out.to_str().expect("path"),
    ];
    args.extend(["--report", report.to_str().expect("path")]);
    args.extend(urls.iter().map(String::as_str));
    args.extend(["--timeout", "2"]);
    let run = Command::new(env!("CARGO_BIN_EXE_zhprint"))
        .args(&args)
        .output()
        .expect("run zhprint");
    assert!(run.status.code().is_some(), "killed");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).expect("report")).expect("json");
    let entries = report["entries"].as_array().expect("entries").clone();
    urls.iter()
        .map(|url| {
            entries
                .iter()
                .find(|e| e["input"] == url.as_str())
                .cloned()
                .unwrap_or_else(|| panic!("no entry for {url}"))
        })
        .collect()
}

#[test]
fn fetched_pages_end_as_they_should() {
    let server = serve();
    let url = |p: &str| format!("{}{p}", server.addr);
    let cases = [
        ("/gbk.html", "converted", ""),
        ("/gzip.html", "converted", ""),
        ("/brotli.html", "converted", ""),
        ("/redirect/3.html", "converted", ""),
        ("/redirect/12.html", "failed", "redirect"),
        ("/missing.html", "failed", "404"),
        ("/flaky.html", "converted", ""),
        ("/stall.html", "failed", "time"),
        ("/big.html", "failed", "larger than 20 mb"),
    ];
    let urls: Vec<String> = cases.iter().map(|(p, _, _)| url(p)).collect();
    let entries = convert(&urls, "cases");
    let mut wrong = Vec::new();
    for ((path, status, reason), entry) in cases.iter().zip(&entries) {
        let error = entry["error"]
            .as_str()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if entry["status"] != *status || !error.contains(reason) {
            wrong.push(format!("{path}: expected {status} ({reason}), got {entry}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(
        server.flaky_calls.load(Ordering::SeqCst) >= 2,
        "a 500 is retried"
    );
    // The GBK page was decoded by its header: its text is Chinese, not mojibake.
    let txt = entries[0]["outputs"][0]["path"].as_str().expect("txt path");
    let text = std::fs::read_to_string(txt).expect("txt");
    assert!(text.contains("法治政府建设"), "{text}");
}

#[test]
fn a_fetched_page_gets_its_images_and_a_warning_for_a_missing_one() {
    let server = serve();
    let url = format!("{}/images.html", server.addr);
    let entries = convert_to(std::slice::from_ref(&url), "images", "pdf,docx");
    let entry = &entries[0];
    assert_eq!(entry["status"], "converted", "{entry}");
    let warnings: Vec<&str> = entry["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter_map(|w| w.as_str())
        .collect();
    let missing = format!("image not embedded: {}/img/missing.png: ", server.addr);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with(&missing) && warnings[0].contains("404"),
        "{warnings:?}"
    );

    let output = |ext: &str| {
        let outputs = entry["outputs"].as_array().expect("outputs");
        let path = outputs
            .iter()
            .filter_map(|o| o["path"].as_str())
            .find(|p| p.ends_with(ext))
            .expect("output");
        std::fs::read(path).expect("output file")
    };
    let pdf = lopdf::Document::load_mem(&output(".pdf")).expect("a readable PDF");
    let images = pdf
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| {
            s.dict.get(b"Subtype").and_then(|v| v.as_name()).ok() == Some(&b"Image"[..])
                && s.dict.get(b"Width").and_then(|v| v.as_i64()).ok() == Some(64)
                // The colour image, not its alpha channel (an image of its own).
                && s.dict.has(b"SMask")
        })
        .count();
    assert_eq!(images, 1, "the served image is in the PDF once");

    let docx = output(".docx");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let mut media = zip
        .by_name("word/media/rIdImage1.png")
        .expect("the picture");
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut media, &mut bytes).expect("read");
    assert_eq!(bytes, CHART);
}

#[test]
fn the_size_limit_is_set_on_the_command_line_and_in_the_environment() {
    let server = serve();
    let big = format!("{}/big.html", server.addr);
    let extract = |args: &[&str], env: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_zhprint"));
        command.arg("extract").arg(&big).args(args);
        if let Some(mb) = env {
            command.env("ZHPRINT_FETCH_MAX_MB", mb);
        }
        let run = command.output().expect("run zhprint");
        (
            run.status.code(),
            String::from_utf8_lossy(&run.stderr).into_owned(),
        )
    };
    let (code, stderr) = extract(&["--max-size", "2"], None);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("larger than 2 MB"), "{stderr}");
    let (code, stderr) = extract(&[], Some("3"));
    assert!(
        code == Some(1) && stderr.contains("larger than 3 MB"),
        "{stderr}"
    );
    // The flag wins over the environment.
    let (code, stderr) = extract(&["--max-size", "4"], Some("3"));
    assert!(
        code == Some(1) && stderr.contains("larger than 4 MB"),
        "{stderr}"
    );
    let (code, stderr) = extract(&["--max-size", "0"], None);
    assert_eq!(code, Some(2), "{stderr}");
    let (code, stderr) = extract(&["--timeout", "-1"], None);
    assert_eq!(code, Some(2), "{stderr}");
}

/// A saved page's remote images are fetched only when asked for, and the choice is
/// part of the incremental key (the outputs differ).
#[test]
fn a_saved_pages_remote_images_are_fetched_with_fetch_images() {
    let server = serve();
    let dir = temp_dir("saved");
    let page = dir.join("saved.html");
    let html = format!(
        "<html><head><title>图表</title></head><body><article>{}<figure><img src=\"{}/img/chart.png\" \
         alt=\"统计图\"><figcaption>图1 办件量</figcaption></figure>{}</article></body></html>",
        paragraphs(),
        server.addr,
        paragraphs()
    );
    std::fs::write(&page, html).expect("write page");
    let out = dir.join("out");
    let run = |extra: &[&str]| {
        let report = dir.join("report.json");
        let page = page.to_str().expect("path");
        let mut args = vec!["convert", page, "--format", "docx", "--timeout", "2"];
        args.extend(["-o", out.to_str().expect("path")]);
        args.extend(["--report", report.to_str().expect("path")]);
        args.extend(extra);
        let done = Command::new(env!("CARGO_BIN_EXE_zhprint"))
            .args(&args)
            .output()
            .expect("run zhprint");
        assert_eq!(done.status.code(), Some(0), "{done:?}");
        let report: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&report).expect("report")).expect("json");
        report["entries"][0].clone()
    };
    let media = || {
        let docx = std::fs::read(out.join("saved.docx")).expect("docx");
        let zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
        zip.file_names()
            .filter(|n| n.starts_with("word/media/"))
            .count()
    };

    let plain = run(&[]);
    assert_eq!(plain["status"], "converted", "{plain}");
    let warning = plain["warnings"][0].as_str().unwrap_or_default();
    assert!(warning.contains("--fetch-images"), "{plain}");
    assert_eq!(media(), 0);

    // The images are on loopback, and a saved page may have come from anywhere: the
    // private-network rule refuses them unless the user allows it.
    let refused = run(&["--fetch-images"]);
    assert_eq!(refused["status"], "converted", "not skipped: {refused}");
    let warning = refused["warnings"][0].as_str().unwrap_or_default();
    assert!(warning.contains("--allow-private-network"), "{refused}");
    assert_eq!(media(), 0);

    let fetched = run(&["--fetch-images", "--allow-private-network"]);
    assert_eq!(fetched["status"], "converted", "not skipped: {fetched}");
    assert_eq!(
        fetched["warnings"].as_array().map(Vec::len),
        Some(0),
        "{fetched}"
    );
    assert_eq!(media(), 1);
}
