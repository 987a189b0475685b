//! Sniff: image bytes → format and pixel size, from the header alone.
//!
//! The format comes from the bytes, never from a file name or a `Content-Type`:
//! servers label images wrongly, and answer a missing image with an HTML page.

use crate::model::ImageFormat;

/// An image's format and pixel size (0 × 0 for SVG).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sniffed {
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
}

/// The format and size of `bytes`, or why they are not an image both editions can carry.
pub fn sniff(bytes: &[u8]) -> Result<Sniffed, String> {
    let format = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        ImageFormat::Png
    } else if bytes.starts_with(b"\xFF\xD8\xFF") {
        ImageFormat::Jpeg
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        ImageFormat::Gif
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        ImageFormat::Webp
    } else if is_svg(bytes) {
        return Ok(Sniffed {
            format: ImageFormat::Svg,
            width: 0,
            height: 0,
        });
    } else {
        return Err(not_an_image(bytes));
    };
    let size = imagesize::blob_size(bytes)
        .map_err(|e| format!("unreadable {}: {e}", format.extension().to_uppercase()))?;
    let (width, height) = (
        u32::try_from(size.width).unwrap_or(0),
        u32::try_from(size.height).unwrap_or(0),
    );
    if width == 0 || height == 0 {
        return Err(format!(
            "unreadable {}: no size",
            format.extension().to_uppercase()
        ));
    }
    Ok(Sniffed {
        format,
        width,
        height,
    })
}

/// An `<svg` root near the start, and not an HTML page that holds an inline icon.
fn is_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with('<') && head.contains("<svg") && !head.contains("<html")
}

/// What the bytes are instead, as far as a warning needs to say.
fn not_an_image(bytes: &[u8]) -> String {
    const OTHER: &[(&[u8], &str)] = &[
        (b"BM", "BMP"),
        (b"II*\0", "TIFF"),
        (b"MM\0*", "TIFF"),
        (b"\0\0\x01\0", "ICO"),
    ];
    if let Some((_, name)) = OTHER.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return format!("{name} images are not supported");
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return "AVIF/HEIF images are not supported".into();
    }
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    if text.trim_start().starts_with('<') {
        "not an image (an HTML or XML document)".into()
    } else if bytes.is_empty() {
        "empty".into()
    } else {
        "not an image (unknown format)".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_bytes() {
        let png = include_bytes!("../../tests/fixtures/images/chart-64x48.png");
        assert_eq!(
            sniff(png),
            Ok(Sniffed {
                format: ImageFormat::Png,
                width: 64,
                height: 48
            })
        );
        let jpeg = include_bytes!("../../tests/fixtures/images/photo-48x40.jpg");
        assert_eq!(
            sniff(jpeg).map(|s| (s.format, s.width)),
            Ok((ImageFormat::Jpeg, 48))
        );
        let svg = b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
        assert_eq!(sniff(svg).map(|s| s.format), Ok(ImageFormat::Svg));
    }

    #[test]
    fn not_images_say_what_they_are() {
        let html = b"<!DOCTYPE html><html><body><svg></svg>404</body></html>";
        assert!(sniff(html).unwrap_err().contains("HTML"));
        assert!(sniff(b"BM\0\0").unwrap_err().contains("BMP"));
        assert!(sniff(b"\x89PNG\r\n\x1a\n\0\0")
            .unwrap_err()
            .contains("unreadable PNG"));
        assert_eq!(sniff(b""), Err("empty".into()));
    }
}
