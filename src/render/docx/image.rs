//! Pictures: sizes in EMU, the media formats Word shows, and the package fixes
//! docx-rs needs for them.
//!
//! docx-rs 0.4.22 stores every picture as `word/media/<id>.png`, whatever its format,
//! numbers `wp:docPr` 1 for all of them, and takes picture ids from a process-wide
//! counter. Ids are given per document here ([`Picture`]), JPEG and GIF parts get
//! their own extension back, and drawings are numbered in order with their alt text.

use super::layout;
use super::xml::escape;
use crate::model::ImageFormat;

/// EMU per twip, and per CSS pixel (1/96 inch).
const EMU_TWIP: u64 = 635;
const EMU_PX: u64 = 9525;

/// One picture placed in the body, in document order.
pub struct Picture {
    /// docx-rs's picture id, which becomes its relationship id and media name.
    pub id: String,
    /// The media part's extension: `png`, `jpeg` or `gif`.
    pub extension: &'static str,
    /// Alt text for `wp:docPr/@descr`.
    pub descr: String,
}

/// The extension Word's content types know a format by; `None` for formats Word
/// cannot show (WebP only in recent Word, SVG only with a PNG fallback).
pub fn extension(format: ImageFormat) -> Option<&'static str> {
    match format {
        ImageFormat::Png => Some("png"),
        // docx-rs's content types map `jpeg` to image/jpeg (and `jpg` to the
        // non-standard image/jpg).
        ImageFormat::Jpeg => Some("jpeg"),
        ImageFormat::Gif => Some("gif"),
        ImageFormat::Webp | ImageFormat::Svg => None,
    }
}

/// A WebP image as PNG, which every Word shows.
pub fn webp_to_png(webp: &[u8]) -> Result<Vec<u8>, Option<String>> {
    let decoded = ::image::load_from_memory_with_format(webp, ::image::ImageFormat::WebP)
        .map_err(|e| Some(format!("unreadable WEBP: {e}")))?;
    let mut png = std::io::Cursor::new(Vec::new());
    decoded
        .write_to(&mut png, ::image::ImageFormat::Png)
        .map_err(|e| Some(format!("cannot re-encode WEBP: {e}")))?;
    Ok(png.into_inner())
}

/// A JPEG turned upright by its EXIF `orientation` and encoded again without it: Word
/// and WPS draw a picture's pixels as stored, and the document sizes it as shown.
pub fn upright_jpeg(jpeg: &[u8], orientation: u8) -> Result<Vec<u8>, Option<String>> {
    let mut decoded = ::image::load_from_memory_with_format(jpeg, ::image::ImageFormat::Jpeg)
        .map_err(|e| Some(format!("unreadable JPEG: {e}")))?;
    if let Some(turn) = ::image::metadata::Orientation::from_exif(orientation) {
        decoded.apply_orientation(turn);
    }
    // JPEG holds grey or colour, never alpha.
    let decoded = match decoded {
        ::image::DynamicImage::ImageLuma8(_) => decoded,
        other => ::image::DynamicImage::ImageRgb8(other.to_rgb8()),
    };
    let mut out = Vec::new();
    ::image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92)
        .encode_image(&decoded)
        .map_err(|e| Some(format!("cannot encode the turned JPEG: {e}")))?;
    Ok(out)
}

/// The size to show a `width` × `height` pixel image at, in EMU: its size at 96 dpi,
/// scaled down to the text width less `indent` (twips: a quote's) and to the type
/// area's height less three lines (its caption and some room), as the PDF does.
pub fn size_emu(width: u32, height: u32, indent: u32) -> (u32, u32) {
    let (w, h) = (u64::from(width) * EMU_PX, u64::from(height) * EMU_PX);
    let max_w = u64::from(layout::text_width().saturating_sub(indent).max(1)) * EMU_TWIP;
    let area_h = u64::from(layout::PAGE_H - layout::margin_top() - layout::margin_bottom());
    let max_h = (area_h - 3 * u64::from(layout::LINE)) * EMU_TWIP;
    // Integer arithmetic: the same size on every machine.
    let (w, h) = if w * max_h > h * max_w {
        if w > max_w {
            (max_w, h * max_w / w)
        } else {
            (w, h)
        }
    } else if h > max_h {
        (w * max_h / h, max_h)
    } else {
        (w, h)
    };
    let fit = |v: u64| u32::try_from(v.max(1)).unwrap_or(u32::MAX);
    (fit(w), fit(h))
}

/// `document.xml` with drawing ids numbered in order and the pictures' alt text;
/// `None` if docx-rs wrote a different number of drawings than pictures.
pub fn number_drawings(xml: &str, pictures: &[Picture]) -> Option<String> {
    const DOC_PR: &str = r#"<wp:docPr id="1" name="Figure" />"#;
    if xml.matches(DOC_PR).count() != pictures.len() {
        return None;
    }
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    for (n, picture) in pictures.iter().enumerate() {
        let at = rest.find(DOC_PR)?;
        out.push_str(&rest[..at]);
        out.push_str(&format!(
            r#"<wp:docPr id="{}" name="Picture {}" descr="{}" />"#,
            n + 1,
            n + 1,
            escape(&picture.descr)
        ));
        rest = &rest[at + DOC_PR.len()..];
    }
    out.push_str(rest);
    Some(out)
}

/// The media part docx-rs wrote for `picture` and the name it should have.
pub fn media_names(picture: &Picture) -> (String, String) {
    (
        format!("word/media/{}.png", picture.id),
        format!("word/media/{}.{}", picture.id, picture.extension),
    )
}

/// `document.xml.rels` with each picture's target given its extension.
pub fn retarget(rels: &str, pictures: &[Picture]) -> String {
    pictures
        .iter()
        .filter(|p| p.extension != "png")
        .fold(rels.to_string(), |rels, p| {
            rels.replace(
                &format!(r#"Target="media/{}.png""#, p.id),
                &format!(r#"Target="media/{}.{}""#, p.id, p.extension),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_at_96_dpi_capped_to_the_type_area() {
        assert_eq!(size_emu(64, 48, 0), (64 * 9525, 48 * 9525));
        // 156 mm wide at most: 8845 twips.
        let (w, h) = size_emu(4000, 3000, 0);
        assert_eq!((w, h), (8845 * 635, 8845 * 635 * 3 / 4));
        // 225 mm less three lines high at most.
        // Inside a quote the width left is the text width less the quote's indent.
        let (quoted, _) = size_emu(4000, 3000, layout::INDENT_2);
        assert_eq!(
            u64::from(quoted),
            u64::from(layout::text_width() - layout::INDENT_2) * EMU_TWIP
        );
        let (w, h) = size_emu(100, 3000, 0);
        assert_eq!(h, (12756 - 3 * 579) * 635);
        assert_eq!(w, h / 30);
    }
}
