//! The document's images as the PDF shows them. Each is decoded by typst before
//! layout (memoized, so the layout's own decoding of it is free), and one typst
//! cannot read is left out with a warning: a bad image never fails the document.

use std::borrow::Cow;

use typst::foundations::Bytes;
use typst::visualize::{ExchangeFormat, RasterImage, SvgImage};

use crate::model::{image_label, Block, Document, ImageFormat};

/// The document to lay out (without the images typst cannot read), the files the
/// world serves as `/images/n`, and a warning per image block left without its image.
pub struct Prepared<'d> {
    pub doc: Cow<'d, Document>,
    pub files: Vec<Option<Bytes>>,
    pub warnings: Vec<String>,
}

pub fn prepare(doc: &Document) -> Prepared<'_> {
    let checked: Vec<Result<Bytes, String>> = doc
        .images
        .iter()
        .map(|image| {
            if image.bytes.is_empty() {
                return Err(String::new());
            }
            let bytes = Bytes::new(image.bytes.clone());
            decodes(&bytes, image.format).map(|()| bytes)
        })
        .collect();
    let mut warnings = Vec::new();
    let mut unusable = false;
    for (src, image) in doc.image_refs() {
        match image.map(|i| checked.get(i)) {
            Some(Some(Ok(_))) => {}
            Some(Some(Err(reason))) if !reason.is_empty() => {
                unusable = true;
                warnings.push(format!(
                    "image not embedded: {}: {reason}",
                    image_label(src)
                ));
            }
            Some(_) => {
                unusable = true;
                warnings.push(format!("image not embedded: {}", image_label(src)));
            }
            None => warnings.push(format!("image not embedded: {}", image_label(src))),
        }
    }
    let doc = if unusable {
        let mut owned = doc.clone();
        detach(&mut owned.blocks, &|i| {
            matches!(checked.get(i), Some(Ok(_)))
        });
        Cow::Owned(owned)
    } else {
        Cow::Borrowed(doc)
    };
    let files = checked.into_iter().map(Result::ok).collect();
    Prepared {
        doc,
        files,
        warnings,
    }
}

impl Prepared<'_> {
    /// Whether any image is served to the template.
    pub fn serves_any(&self) -> bool {
        self.files.iter().any(Option::is_some)
    }
}

/// The document with no image shown: each image block's caption or alt text stands in.
pub fn without(doc: &Document) -> Prepared<'_> {
    let mut owned = doc.clone();
    detach(&mut owned.blocks, &|_| false);
    let warnings = owned
        .image_refs()
        .into_iter()
        .map(|(src, _)| format!("image not embedded: {}", image_label(src)))
        .collect();
    Prepared {
        doc: Cow::Owned(owned),
        files: Vec::new(),
        warnings,
    }
}

/// Whether typst can decode the image, and why not.
fn decodes(bytes: &Bytes, format: ImageFormat) -> Result<(), String> {
    let raster = |format| {
        RasterImage::plain(bytes.clone(), format)
            .map(drop)
            .map_err(|e| e.to_string())
    };
    match format {
        ImageFormat::Png => raster(ExchangeFormat::Png),
        ImageFormat::Jpeg => raster(ExchangeFormat::Jpg),
        ImageFormat::Gif => raster(ExchangeFormat::Gif),
        ImageFormat::Webp => raster(ExchangeFormat::Webp),
        ImageFormat::Svg if links_files(bytes) => Err("an SVG that links other files".into()),
        ImageFormat::Svg => SvgImage::new(bytes.clone())
            .map(drop)
            .map_err(|e| format!("{e:?}")),
    }
}

/// Whether an SVG's `<image>` elements name anything but `data:` URIs: typst fails
/// the whole layout on a linked file it cannot load, and the template serves none.
fn links_files(svg: &[u8]) -> bool {
    let text = String::from_utf8_lossy(svg);
    let mut rest = text.as_ref();
    while let Some(at) = rest.find("image") {
        let tag_start = rest[..at].ends_with('<') || rest[..at].ends_with(':');
        rest = &rest[at + "image".len()..];
        if !tag_start {
            continue;
        }
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        let mut attrs = tag;
        while let Some(h) = attrs.find("href") {
            attrs = attrs[h + 4..].trim_start();
            let Some(value) = attrs.strip_prefix('=') else {
                continue;
            };
            let value = value
                .trim_start()
                .trim_start_matches(['"', '\''])
                .trim_start();
            if !value.starts_with("data:") {
                return true;
            }
        }
    }
    false
}

/// Clears the image index of blocks whose image is not `usable`.
fn detach(blocks: &mut [Block], usable: &dyn Fn(usize) -> bool) {
    for block in blocks {
        match block {
            Block::Image { image, .. } => *image = image.filter(|&i| usable(i)),
            Block::Quote { blocks } => detach(blocks, usable),
            _ => {}
        }
    }
}
