//! Sniff: image bytes → format and pixel size, from the header alone.
//!
//! The format comes from the bytes, never from a file name or a `Content-Type`:
//! servers label images wrongly, and answer a missing image with an HTML page.

use crate::model::ImageFormat;

/// An image's format and pixel size as shown (0 × 0 for SVG): a JPEG whose EXIF
/// orientation turns it a quarter (a phone photo taken upright) has its width and
/// height swapped, so that its box on the page has the picture's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sniffed {
    pub format: ImageFormat,
    /// Size as shown, after the EXIF orientation.
    pub width: u32,
    pub height: u32,
    pub orientation: Option<u8>,
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
            orientation: None,
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
    let orientation = match format {
        ImageFormat::Jpeg => jpeg_orientation(bytes),
        _ => None,
    };
    let (width, height) = match orientation {
        Some(5..=8) => (height, width),
        _ => (width, height),
    };
    Ok(Sniffed {
        format,
        width,
        height,
        orientation,
    })
}

/// The EXIF orientation (1–8) a JPEG declares, if any: 1 as stored, 3 upside down,
/// 6 and 8 a quarter turn, 2, 4, 5 and 7 mirrored.
pub fn jpeg_orientation(bytes: &[u8]) -> Option<u8> {
    let mut at = 2;
    if !bytes.starts_with(b"\xFF\xD8") {
        return None;
    }
    // Segments up to the image data: a marker, a two-byte length, the payload.
    while at + 4 <= bytes.len() && bytes[at] == 0xFF {
        let marker = bytes[at + 1];
        let len = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        let payload = bytes.get(at + 4..at + 2 + len)?;
        if marker == 0xE1 && payload.starts_with(b"Exif\0\0") {
            return tiff_orientation(&payload[6..]);
        }
        if marker == 0xDA || len < 2 {
            return None;
        }
        at += 2 + len;
    }
    None
}

/// The orientation tag (0x0112) of a TIFF structure's first directory.
fn tiff_orientation(tiff: &[u8]) -> Option<u8> {
    let big = match tiff.get(..2)? {
        b"MM" => true,
        b"II" => false,
        _ => return None,
    };
    let u16_at = |i: usize| -> Option<u16> {
        let b = [*tiff.get(i)?, *tiff.get(i + 1)?];
        Some(if big {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    };
    let u32_at = |i: usize| -> Option<u32> {
        let b = [
            *tiff.get(i)?,
            *tiff.get(i + 1)?,
            *tiff.get(i + 2)?,
            *tiff.get(i + 3)?,
        ];
        Some(if big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    };
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let entries = usize::from(u16_at(ifd)?);
    (0..entries.min(512)).find_map(|n| {
        let entry = ifd + 2 + 12 * n;
        (u16_at(entry)? == 0x0112)
            .then(|| u16_at(entry + 8))
            .flatten()
            .and_then(|v| u8::try_from(v).ok())
            .filter(|v| (1..=8).contains(v))
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
/// `jpeg` with an EXIF segment declaring `orientation` after its start marker.
pub fn jpeg_with_orientation(jpeg: &[u8], orientation: u8, big_endian: bool) -> Vec<u8> {
    let tiff: Vec<u8> = if big_endian {
        [
            &b"MM\0*\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0"[..],
            &[orientation, 0, 0, 0, 0, 0, 0],
        ]
        .concat()
    } else {
        [
            &b"II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0"[..],
            &[orientation, 0, 0, 0, 0, 0, 0, 0],
        ]
        .concat()
    };
    let len = u16::try_from(2 + 6 + tiff.len()).unwrap();
    [
        &jpeg[..2],
        b"\xFF\xE1",
        &len.to_be_bytes(),
        b"Exif\0\0",
        &tiff,
        &jpeg[2..],
    ]
    .concat()
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
                height: 48,
                orientation: None,
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
    fn a_quarter_turned_jpeg_is_sized_as_shown() {
        let jpeg = include_bytes!("../../tests/fixtures/images/photo-48x40.jpg");
        assert_eq!(jpeg_orientation(jpeg), None);
        for (orientation, big) in [(6, true), (8, false), (3, true), (1, false)] {
            let turned = jpeg_with_orientation(jpeg, orientation, big);
            assert_eq!(jpeg_orientation(&turned), Some(orientation));
            let size = sniff(&turned).map(|s| (s.width, s.height, s.orientation));
            let want = if orientation >= 5 { (40, 48) } else { (48, 40) };
            let want = (want.0, want.1, Some(orientation));
            assert_eq!(size, Ok(want), "orientation {orientation}");
        }
        // Cut short anywhere: no panic; no orientation until its segment is whole.
        let turned = jpeg_with_orientation(jpeg, 6, false);
        let segment_end = 2 + 2 + usize::from(u16::from_be_bytes([turned[4], turned[5]]));
        for end in 0..turned.len() {
            let want = (end >= segment_end).then_some(6);
            assert_eq!(jpeg_orientation(&turned[..end]), want, "{end}");
        }
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
