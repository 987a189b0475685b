//! Source: an input (file path or http(s) URL) → bytes → decoded text ([`Page`]).
//!
//! Bytes that are not an HTML page (empty, binary, images, PDFs, plain text) are refused
//! here, so later stages only ever see text that looks like markup.

mod decode;
mod fetch;
mod images;
mod network;
mod sniff;

pub use decode::{decode, decode_with_tld};
pub use fetch::{parse_timeout, set_limits, FetchLimits, MAX_BYTES};
pub use images::load_images;
pub use network::{classify, Classifier, NetworkRule, Private};
// The model carries a JPEG's orientation from loading; tests read and write it.
#[cfg(test)]
pub use sniff::{jpeg_orientation, jpeg_with_orientation};

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

use crate::{Error, Result};

/// A page as loaded: its decoded text, where it came from, and the charset used.
#[derive(Debug, Clone)]
pub struct Page {
    pub text: String,
    /// The page's URL, for resolving relative links; `None` for local files.
    pub url: Option<url::Url>,
    /// The file the page was read from; `None` for fetched pages.
    pub file: Option<PathBuf>,
    /// The encoding the bytes were decoded with (e.g. `UTF-8`, `gb18030`).
    pub charset: &'static str,
    /// Where the requests this page causes (its images) may connect to.
    pub network: NetworkRule,
}

/// Load and decode one input: a path to a file or an http(s) URL.
pub fn load(input: &str) -> Result<Page> {
    load_with(input, fetch::network_rule())
}

/// [`load`] under a given private-network rule (a test's classifier).
pub fn load_with(input: &str, network: NetworkRule) -> Result<Page> {
    if let Some((scheme, _)) = input.split_once("://") {
        let is_http = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
        if !is_http {
            return Err(Error::Unsupported(format!(
                "{scheme}:// URLs (only http and https)"
            )));
        }
        let url = url::Url::parse(input).map_err(|e| Error::Fetch {
            url: input.to_owned(),
            reason: e.to_string(),
        })?;
        return load_url(&url, network);
    }
    load_file(input, network)
}

fn load_url(url: &url::Url, network: NetworkRule) -> Result<Page> {
    let (fetched, network) = fetch::fetch_page(url, network)?;
    if let Some(content_type) = &fetched.content_type {
        check_content_type(content_type)?;
    }
    let tld = tld(&fetched.url);
    let text = page_text(
        &fetched.bytes,
        fetched.content_type.as_deref(),
        tld.as_deref(),
    )?;
    Ok(Page {
        text: text.0,
        url: Some(fetched.url),
        file: None,
        charset: text.1,
        network,
    })
}

fn load_file(path: &str, network: NetworkRule) -> Result<Page> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(io)?;
    if metadata.is_dir() {
        return Err(Error::Unsupported(
            "a directory with no .html or .htm file in it".into(),
        ));
    }
    let len = metadata.len();
    if len > MAX_BYTES {
        return Err(Error::Unsupported(format!(
            "file larger than {} MB",
            MAX_BYTES >> 20
        )));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    // Local files carry no domain; the tool is for Chinese pages, so detection leans
    // to Chinese encodings when a page does not say.
    let (text, charset) = page_text(&bytes, None, Some(b"cn"))?;
    Ok(Page {
        text,
        url: None,
        file: Some(PathBuf::from(path)),
        charset,
        network,
    })
}

/// Sniff, decode and check that the text is markup.
fn page_text(
    bytes: &[u8],
    content_type: Option<&str>,
    tld: Option<&[u8]>,
) -> Result<(String, &'static str)> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty);
    }
    sniff_binary(bytes)?;
    let (text, charset) = decode_with_tld(bytes, content_type, tld)?;
    if !HTML_TAG.is_match(&text) {
        return Err(Error::NotHtml("no HTML markup found".into()));
    }
    Ok((text, charset))
}

/// Any common HTML tag: pages without `<html>` (fragments, `<text>` wrappers) count.
static HTML_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)<(!doctype\s+html|html|head|body|meta|title|p|div|br|table|span|a|article|section|h[1-6]|text)[\s>/]",
    )
    .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// Magic numbers of files people might pass by mistake.
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF-", "a PDF file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (DOCX, XLSX, …)"),
    (b"\x1F\x8B", "gzip-compressed data"),
    (b"\xD0\xCF\x11\xE0", "an OLE file (DOC, XLS, …)"),
    (b"\x7FELF", "an executable"),
];

fn sniff_binary(bytes: &[u8]) -> Result<()> {
    if let Some((_, what)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Err(Error::NotHtml((*what).into()));
    }
    // UTF-16 text has NULs in every other byte, but then it starts with a BOM.
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let head = &bytes[..bytes.len().min(8192)];
    if !utf16 && head.contains(&0) {
        return Err(Error::NotHtml("binary data (NUL bytes)".into()));
    }
    Ok(())
}

fn check_content_type(content_type: &str) -> Result<()> {
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let binary = ["image/", "audio/", "video/", "font/"]
        .iter()
        .any(|prefix| mime.starts_with(prefix))
        || matches!(
            mime.as_str(),
            "application/pdf" | "application/zip" | "application/msword"
        );
    if binary {
        return Err(Error::NotHtml(format!("served as {mime}")));
    }
    Ok(())
}

/// The URL's top-level domain, as chardetng wants it (`b"cn"`).
fn tld(url: &url::Url) -> Option<Vec<u8>> {
    let host = url.host_str()?;
    let last = host.rsplit('.').next()?;
    (!last.is_empty() && last.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| last.to_ascii_lowercase().into_bytes())
}

/// The files under `dir` (recursively) whose extension is one of `extensions`
/// (lower case), in no particular order.
pub fn collect_files(dir: &Path, extensions: &[&str], found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // Symlinked directories are not followed: a link cycle would never end.
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            collect_files(&path, extensions, found);
        } else if path.is_file()
            && path
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .is_some_and(|ext| extensions.contains(&ext.as_str()))
        {
            found.push(path);
        }
    }
}

/// Whether an input names an http(s) URL rather than a file.
pub fn is_url(input: &str) -> bool {
    let lower = input.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("zhprint-source-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn missing_file_names_the_path() {
        let err = load("/no/such/dir/page.html").unwrap_err();
        assert!(matches!(err, Error::Io { .. }));
        assert!(err.to_string().contains("/no/such/dir/page.html"));
    }

    #[test]
    fn empty_file_is_empty() {
        let path = temp_file("empty.html", b"");
        assert!(matches!(load(path.to_str().unwrap()), Err(Error::Empty)));
        let path = temp_file("blank.html", b"  \n ");
        assert!(matches!(load(path.to_str().unwrap()), Err(Error::Empty)));
    }

    #[test]
    fn binary_files_are_not_html() {
        for (name, bytes) in [
            ("image.png", &b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..]),
            ("doc.pdf", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"),
            ("junk.html", b"<html>\0\0\x01\x02binary</html>"),
        ] {
            let path = temp_file(name, bytes);
            let err = load(path.to_str().unwrap()).unwrap_err();
            assert!(matches!(err, Error::NotHtml(_)), "{name}: {err}");
        }
    }

    #[test]
    fn plain_text_is_not_html() {
        let path = temp_file("notes.txt", "只是一段文字，没有标记。".as_bytes());
        assert!(matches!(
            load(path.to_str().unwrap()),
            Err(Error::NotHtml(_))
        ));
    }

    #[test]
    fn gbk_file_without_charset_decodes() {
        let text = "<html><body><p>太原市2021年法治政府建设年度报告，认真学习贯彻习近平法治思想。</p></body></html>";
        let bytes = encoding_rs::GB18030.encode(text).0.into_owned();
        let path = temp_file("gbk.html", &bytes);
        let page = load(path.to_str().unwrap()).unwrap();
        assert_eq!(page.charset, "gb18030");
        assert_eq!(page.text, text);
        assert!(page.url.is_none());
    }

    #[test]
    fn text_wrapper_fragment_is_html() {
        let path = temp_file("wrapper.html", "<text id=\"x\">正文</text>".as_bytes());
        assert!(load(path.to_str().unwrap()).is_ok());
    }

    #[test]
    fn only_http_urls() {
        assert!(matches!(
            load("ftp://example.com/a.html"),
            Err(Error::Unsupported(_))
        ));
        assert!(matches!(
            load("file:///etc/passwd"),
            Err(Error::Unsupported(_))
        ));
    }

    #[test]
    fn bad_url_is_a_fetch_error() {
        assert!(matches!(load("http://"), Err(Error::Fetch { .. })));
    }

    #[test]
    fn binary_content_types_are_refused() {
        assert!(check_content_type("image/png").is_err());
        assert!(check_content_type("application/pdf; x=y").is_err());
        assert!(check_content_type("text/html; charset=gbk").is_ok());
    }

    #[test]
    fn tld_hint() {
        let url = url::Url::parse("http://www.taiyuan.gov.cn/a.html").unwrap();
        assert_eq!(tld(&url).as_deref(), Some(&b"cn"[..]));
        let url = url::Url::parse("http://127.0.0.1/").unwrap();
        assert_eq!(tld(&url), None);
    }
}
