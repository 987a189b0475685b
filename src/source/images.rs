//! Images: a document's [`Block::Image`]s → their bytes, format and size in
//! [`Document::images`], read as the page's origin allows.
//!
//! A fetched page's images are fetched over http(s) with the page's client rules; a
//! local page's images are read only from inside the page file's directory (a saved
//! page's `x_files/`) and never fetched, so converting a file stays offline; `data:`
//! URIs are decoded for both. No other scheme is followed. An image that cannot be
//! had is a warning, never a failed document. The result depends on the page and the
//! bytes served, not on the order in which fetches finish.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

use super::sniff::sniff;
use super::{fetch, Page};
use crate::model::{image_label, Block, Document, ImageData};

/// Largest image read, in bytes.
pub const MAX_IMAGE_BYTES: u64 = 10 << 20;
/// Distinct images loaded per document; those past it are warned about.
pub const MAX_IMAGES: usize = 200;
/// Bytes of images kept per document, counted in document order.
pub const MAX_TOTAL_BYTES: u64 = 100 << 20;
/// Images fetched at once: enough to hide latency, few enough to be polite.
const FETCH_THREADS: usize = 6;
/// Spacers, icons and tracking pixels: the size below which extraction drops an
/// image by its `width`/`height` attributes, applied to the real size.
const MIN_SIDE: u32 = 40;

/// Loads the images of `doc`'s image blocks, which came from `page`: fills
/// [`Document::images`], points each block at its image, and drops the blocks whose
/// image turns out to be a spacer or an icon. Returns one warning per image that
/// could not be had: `image not embedded: <src>: <reason>`.
pub fn load_images(doc: &mut Document, page: &Page, fetch_remote: bool) -> Vec<String> {
    let mut srcs: Vec<String> = Vec::new();
    for (src, _) in doc.image_refs() {
        if !srcs.iter().any(|s| s == src) {
            srcs.push(src.to_string());
        }
    }
    // The page's directory is resolved (file system calls) only for a page with images.
    let loaded = if srcs.is_empty() {
        Vec::new()
    } else {
        load_all(&srcs, &Origin::of(page, fetch_remote), page.network)
    };

    let mut total = 0u64;
    let mut outcome: HashMap<&str, Outcome> = HashMap::new();
    let mut warnings = Vec::new();
    for (src, result) in srcs.iter().zip(loaded) {
        let result = result.and_then(|bytes| {
            total += bytes.len() as u64;
            if total > MAX_TOTAL_BYTES {
                return Err(format!(
                    "the document's images pass {} MB",
                    MAX_TOTAL_BYTES >> 20
                ));
            }
            let sniffed = sniff(&bytes)?;
            Ok((bytes, sniffed))
        });
        let state = match result {
            Ok((_, s)) if s.width > 0 && (s.width < MIN_SIDE || s.height < MIN_SIDE) => {
                Outcome::Dropped
            }
            Ok((bytes, s)) => {
                doc.images.push(ImageData {
                    bytes: bytes.into(),
                    format: s.format,
                    width: s.width,
                    height: s.height,
                    orientation: s.orientation,
                });
                Outcome::Loaded(doc.images.len() - 1)
            }
            Err(reason) => {
                warnings.push(format!(
                    "image not embedded: {}: {reason}",
                    image_label(src)
                ));
                Outcome::Failed
            }
        };
        outcome.insert(src, state);
    }
    doc.blocks = std::mem::take(&mut doc.blocks)
        .into_iter()
        .filter_map(|b| attach(b, &outcome))
        .collect();
    warnings
}

enum Outcome {
    Loaded(usize),
    Dropped,
    Failed,
}

/// Where the page came from, which decides what its images may be read from.
enum Origin {
    /// Fetched: http(s) images are fetched.
    Remote,
    /// A local file: relative paths inside `dir` (canonical) are read; http(s)
    /// images are fetched only when asked for (`--fetch-images`).
    Local {
        dir: Option<PathBuf>,
        fetch_remote: bool,
    },
}

impl Origin {
    /// Whether http(s) images are fetched.
    fn fetches(&self) -> bool {
        matches!(
            self,
            Origin::Remote
                | Origin::Local {
                    fetch_remote: true,
                    ..
                }
        )
    }

    fn of(page: &Page, fetch_remote: bool) -> Origin {
        match (&page.url, &page.file) {
            (Some(_), _) => Origin::Remote,
            (None, file) => Origin::Local {
                dir: file
                    .as_deref()
                    .and_then(|f| std::path::absolute(f).ok())
                    .and_then(|f| f.parent()?.canonicalize().ok()),
                fetch_remote,
            },
        }
    }
}

fn attach(block: Block, outcome: &HashMap<&str, Outcome>) -> Option<Block> {
    match block {
        Block::Image {
            src,
            alt,
            caption,
            image,
        } => {
            let image = match outcome.get(src.as_str()) {
                Some(Outcome::Loaded(i)) => Some(*i),
                Some(Outcome::Dropped) => return None,
                _ => image,
            };
            Some(Block::Image {
                src,
                alt,
                caption,
                image,
            })
        }
        Block::Quote { blocks } => Some(Block::Quote {
            blocks: blocks
                .into_iter()
                .filter_map(|b| attach(b, outcome))
                .collect(),
        }),
        other => Some(other),
    }
}

/// Every `src`'s bytes, in the order given, loaded by a few threads when fetched.
fn load_all(
    srcs: &[String],
    origin: &Origin,
    network: super::NetworkRule,
) -> Vec<Result<Vec<u8>, String>> {
    // Built on the first fetch: most local pages fetch nothing, and a client costs
    // more to build than such a page's images take to settle.
    let agent = std::sync::OnceLock::new();
    // A server that answers every image slowly must not hold the document for
    // 200 timeouts: past twice one fetch's time limit, no image is fetched.
    let allowed = 2 * fetch::timeout();
    let deadline = Instant::now() + allowed;
    let get = |url: &url::Url| -> Result<Vec<u8>, String> {
        if Instant::now() > deadline {
            return Err(format!(
                "not fetched: the page's images took more than {} s",
                allowed.as_secs()
            ));
        }
        let agent = agent.get_or_init(|| fetch::agent_for_page_requests(network));
        fetch::fetch_with(agent, url, MAX_IMAGE_BYTES)
            .map(|f| f.bytes)
            .map_err(|e| match e {
                crate::Error::Fetch { reason, .. } => reason,
                e => e.to_string(),
            })
    };
    // Past twice the budget nothing more is read: the budget itself is applied in
    // document order afterwards, so that which images fit never depends on timing.
    let read = AtomicU64::new(0);
    let next = AtomicUsize::new(0);
    let load = |src: &str| -> Result<Vec<u8>, String> {
        if read.load(Ordering::Relaxed) > 2 * MAX_TOTAL_BYTES {
            return Err(format!(
                "the document's images pass {} MB",
                MAX_TOTAL_BYTES >> 20
            ));
        }
        let bytes = load_one(src, origin, &get)?;
        read.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(bytes)
    };
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(src) = srcs.get(i) else { break };
            let result = if i < MAX_IMAGES {
                load(src)
            } else {
                Err(format!("more than {MAX_IMAGES} images on the page"))
            };
            done.push((i, result));
        }
        done
    };
    // Threads only where the network is waited for; files and refusals are quick.
    let mut results: Vec<(usize, Result<Vec<u8>, String>)> = if origin.fetches() {
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..FETCH_THREADS.min(srcs.len()))
                .map(|_| scope.spawn(work))
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().unwrap_or_default())
                .collect()
        })
    } else {
        work()
    };
    results.sort_by_key(|(i, _)| *i);
    let mut out: Vec<Result<Vec<u8>, String>> = Vec::with_capacity(srcs.len());
    for (i, result) in results {
        // A worker that panicked lost its results: those images count as failed.
        while out.len() < i {
            out.push(Err("internal error while loading".into()));
        }
        out.push(result);
    }
    out.resize_with(srcs.len(), || Err("internal error while loading".into()));
    out
}

/// One image's bytes, if the origin allows reading it.
fn load_one(
    src: &str,
    origin: &Origin,
    get: &dyn Fn(&url::Url) -> Result<Vec<u8>, String>,
) -> Result<Vec<u8>, String> {
    let url = match url::Url::parse(src) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            return match origin {
                Origin::Local { dir: Some(dir), .. } => read_local(src, dir),
                Origin::Local { dir: None, .. } => Err("the page's directory is unknown".into()),
                Origin::Remote => Err("a relative address that did not resolve".into()),
            };
        }
        Err(e) => return Err(format!("bad address: {e}")),
    };
    match url.scheme() {
        "data" => decode_data(src),
        "http" | "https" if origin.fetches() => get(&url),
        "http" | "https" => {
            Err("a local page's remote image is not fetched (--fetch-images fetches it)".into())
        }
        scheme => Err(format!("{scheme}: addresses are not followed")),
    }
}

fn decode_data(src: &str) -> Result<Vec<u8>, String> {
    let url = data_url::DataUrl::process(src).map_err(|e| format!("bad data: URI: {e:?}"))?;
    let (bytes, _) = url
        .decode_to_vec()
        .map_err(|_| "bad data: URI: invalid base64".to_string())?;
    if bytes.len() as u64 > MAX_IMAGE_BYTES {
        return Err(format!("larger than {} MB", MAX_IMAGE_BYTES >> 20));
    }
    Ok(bytes)
}

/// A relative `src` of a local page, read if it resolves to a file inside `dir`
/// (after following links: a link out of the directory is refused too).
fn read_local(src: &str, dir: &Path) -> Result<Vec<u8>, String> {
    // Resolved as a URL reference, so that `%E5%9B%BE.png` and `a/../b.png` mean
    // what a browser takes them to mean.
    let base = url::Url::from_directory_path(dir)
        .map_err(|()| "the page's directory is not absolute".to_string())?;
    let path = base
        .join(src)
        .ok()
        .filter(|u| u.scheme() == "file")
        .and_then(|u| u.to_file_path().ok())
        .ok_or_else(|| "bad relative address".to_string())?;
    let path = path
        .canonicalize()
        .map_err(|e| format!("cannot read: {e}"))?;
    if !path.starts_with(dir) {
        return Err("outside the page's directory".into());
    }
    let meta = std::fs::metadata(&path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err("not a file".into());
    }
    if meta.len() > MAX_IMAGE_BYTES {
        return Err(format!("larger than {} MB", MAX_IMAGE_BYTES >> 20));
    }
    std::fs::read(&path).map_err(|e| format!("cannot read: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ImageFormat;

    const PNG: &[u8] = include_bytes!("../../tests/fixtures/images/chart-64x48.png");
    const JPEG: &[u8] = include_bytes!("../../tests/fixtures/images/photo-48x40.jpg");

    fn base64(bytes: &[u8]) -> String {
        const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n =
                chunk.iter().fold(0u32, |n, &b| n << 8 | u32::from(b)) << (8 * (3 - chunk.len()));
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    fn image(src: &str) -> Block {
        Block::Image {
            src: src.into(),
            alt: String::new(),
            caption: Some(format!("图 {src}")),
            image: None,
        }
    }

    /// A saved page `dir/page.html` with `x_files/` beside it, and a file outside.
    fn saved_page(tag: &str) -> (PathBuf, Page) {
        let root =
            std::env::temp_dir().join(format!("zhprint-images-{tag}-{}", std::process::id()));
        let dir = root.join("page");
        std::fs::create_dir_all(dir.join("x_files")).unwrap();
        std::fs::write(dir.join("x_files/chart.png"), PNG).unwrap();
        std::fs::write(dir.join("x_files/图.jpg"), JPEG).unwrap();
        std::fs::write(dir.join("x_files/bad.png"), b"hello, not a picture").unwrap();
        std::fs::write(root.join("secret.png"), PNG).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("secret.png"), dir.join("x_files/link.png")).unwrap();
        let page = Page {
            text: String::new(),
            url: None,
            file: Some(dir.join("page.html")),
            charset: "UTF-8",
            network: crate::source::NetworkRule::new(false),
        };
        (root, page)
    }

    fn images_of(doc: &Document) -> Vec<(String, Option<usize>)> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Image { src, image, .. } => Some((src.clone(), *image)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn local_page_reads_inside_its_directory_only() {
        let (root, page) = saved_page("local");
        let srcs = [
            "x_files/chart.png",
            "./x_files/%E5%9B%BE.jpg",
            "x_files/chart.png",
            "../secret.png",
            "x_files/link.png",
            "/etc/passwd",
            "file:///etc/passwd",
            "https://example.org/a.png",
            "x_files/bad.png",
            "x_files/missing.png",
        ];
        let mut doc = Document {
            blocks: srcs.iter().map(|s| image(s)).collect(),
            ..Document::default()
        };
        let warnings = load_images(&mut doc, &page, false);
        let loaded: Vec<Option<usize>> = images_of(&doc).into_iter().map(|(_, i)| i).collect();
        #[rustfmt::skip]
        assert_eq!(loaded, [Some(0), Some(1), Some(0), None, None, None, None, None, None, None]);
        assert_eq!(doc.images.len(), 2);
        assert_eq!(
            (
                doc.images[0].format,
                doc.images[0].width,
                doc.images[0].height
            ),
            (ImageFormat::Png, 64, 48)
        );
        assert_eq!(doc.images[1].format, ImageFormat::Jpeg);
        assert_eq!(&*doc.images[1].bytes, JPEG);
        let reason = |src: &str| {
            let head = format!("image not embedded: {src}: ");
            warnings
                .iter()
                .find_map(|w| w.strip_prefix(&head))
                .unwrap_or_else(|| panic!("no warning for {src}: {warnings:?}"))
                .to_string()
        };
        assert_eq!(reason("../secret.png"), "outside the page's directory");
        #[cfg(unix)]
        assert_eq!(reason("x_files/link.png"), "outside the page's directory");
        assert_eq!(reason("/etc/passwd"), "outside the page's directory");
        assert_eq!(
            reason("file:///etc/passwd"),
            "file: addresses are not followed"
        );
        assert!(reason("https://example.org/a.png").contains("not fetched"));
        assert!(reason("x_files/bad.png").contains("not an image"));
        assert!(reason("x_files/missing.png").contains("cannot read"));
        assert_eq!(warnings.len(), 7, "{warnings:?}");
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn data_uris_are_decoded_and_spacers_dropped() {
        let (root, page) = saved_page("data");
        let png = format!("data:image/png;base64,{}", base64(PNG));
        // A 1×1 GIF: the placeholder lazy-loading pages put in `src`.
        let pixel = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==";
        let bad = "data:image/png;base64,bm90IGEgcGljdHVyZQ==";
        let mut doc = Document {
            blocks: vec![
                image(&png),
                Block::Quote {
                    blocks: vec![image(pixel)],
                },
                image(bad),
            ],
            ..Document::default()
        };
        let warnings = load_images(&mut doc, &page, false);
        assert_eq!(
            images_of(&doc),
            [(png.clone(), Some(0)), (bad.into(), None)]
        );
        assert_eq!(doc.blocks[1], Block::Quote { blocks: vec![] });
        assert_eq!(&*doc.images[0].bytes, PNG);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        // A long data: URI is cut in the warning.
        assert_eq!(
            warnings[0],
            "image not embedded: data:image/png;base64,bm90IGEgcGljdHVyZQ… (42 bytes): \
             not an image (unknown format)"
        );
        std::fs::remove_dir_all(root).unwrap();
    }
}
