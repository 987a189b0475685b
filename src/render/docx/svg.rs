//! SVG pictures for the DOCX, drawn as PNG: Word shows SVG only from 2016 on (and
//! then wants a PNG fallback beside it), WPS and LibreOffice's DOCX import not at
//! all. Drawn at print resolution, with the bundled fonts for any text in it, and
//! nothing outside the SVG itself: a file or URL it names is not read.

use std::sync::{Arc, LazyLock};

use resvg::{tiny_skia, usvg};

/// Pixels per CSS pixel: 3 × 96 = 288 dpi at the picture's own size, enough for print.
const SCALE: f32 = 3.0;
/// At most this many pixels (a 6000 × 4000 picture): a huge SVG is drawn smaller.
const MAX_PIXELS: f32 = 24_000_000.0;

/// The bundled fonts, for text in SVG pictures: loaded once per process.
static FONTS: LazyLock<Arc<usvg::fontdb::Database>> = LazyLock::new(|| {
    let mut db = usvg::fontdb::Database::new();
    for data in crate::render::pdf::BUNDLED_FONT_FILES {
        // Borrowed from the binary, not copied.
        db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(data)));
    }
    db.set_serif_family("Noto Serif CJK SC");
    db.set_sans_serif_family("Noto Sans CJK SC");
    Arc::new(db)
});

/// A drawn SVG: its PNG bytes, the PNG's size in pixels, and the SVG's own size in CSS
/// pixels (what it is shown at).
pub struct Drawn {
    pub png: Vec<u8>,
    pub pixels: (u32, u32),
    pub css: (u32, u32),
}

/// `svg` drawn as PNG; why not, when it cannot be read or drawn.
pub fn to_png(svg: &[u8]) -> Result<Drawn, String> {
    let options = usvg::Options {
        fontdb: Arc::clone(&FONTS),
        font_family: "Noto Sans CJK SC".into(),
        languages: vec!["zh-CN".into(), "en".into()],
        // Only pictures inside the SVG (`data:` URIs); no paths, no URLs.
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_data(svg, &options).map_err(|e| format!("unreadable SVG: {e}"))?;
    let size = tree.size();
    let (w, h) = (size.width().max(1.0), size.height().max(1.0));
    let scale = SCALE.min((MAX_PIXELS / (w * h)).sqrt());
    let pixels = ((w * scale).ceil() as u32, (h * scale).ceil() as u32);
    let mut pixmap =
        tiny_skia::Pixmap::new(pixels.0.max(1), pixels.1.max(1)).ok_or("SVG too large to draw")?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let png = pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode the drawn SVG: {e}"))?;
    Ok(Drawn {
        png,
        pixels,
        css: (w.round() as u32, h.round() as u32),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_svg_is_drawn_at_print_resolution_and_reads_no_files() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="40"><rect width="120" height="40" fill="#c00"/><text x="4" y="30" font-size="24">增长</text><image href="/etc/hostname" width="10" height="10"/><image xlink:href="file:///etc/passwd" width="10" height="10"/></svg>"##;
        let drawn = to_png(svg.as_bytes()).expect("drawn");
        assert_eq!(drawn.css, (120, 40));
        assert_eq!(drawn.pixels, (360, 120));
        let png = ::image::load_from_memory(&drawn.png)
            .expect("a PNG")
            .to_rgba8();
        assert_eq!(png.dimensions(), (360, 120));
        // Red where the rectangle is, and the text drawn darker over it.
        assert_eq!(png.get_pixel(350, 5).0, [204, 0, 0, 255]);
        assert!(
            png.pixels().any(|p| p.0[0] < 150 && p.0[3] == 255),
            "no text drawn"
        );
        assert!(to_png(b"<svg").is_err());
        assert!(to_png(b"not svg at all").is_err());
    }
}
