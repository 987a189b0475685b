//! Images in the PDF: embedded as image XObjects at their 96-dpi size, capped to the
//! text width, with their captions; unreadable ones left out with a warning.

use std::sync::Arc;

use lopdf::{Document as Pdf, Object};

use super::super::{render, render_with, PdfOptions, Standard};
use super::pdf_text;
use crate::model::{Block, Document, ImageData, ImageFormat, Inline, Meta};

const PNG: &[u8] = include_bytes!("../../../../tests/fixtures/images/chart-64x48.png");
const JPEG: &[u8] = include_bytes!("../../../../tests/fixtures/images/photo-48x40.jpg");

fn image(src: &str, image: Option<usize>, caption: Option<&str>) -> Block {
    Block::Image {
        src: src.into(),
        alt: String::new(),
        caption: caption.map(str::to_string),
        image,
    }
}

fn data(bytes: &[u8], format: ImageFormat, width: u32, height: u32) -> ImageData {
    ImageData {
        bytes: Arc::from(bytes),
        format,
        width,
        height,
        orientation: None,
    }
}

fn doc(blocks: Vec<Block>, images: Vec<ImageData>) -> Document {
    Document {
        meta: Meta {
            title: "图片测试".into(),
            date: Some("2022-03-07".into()),
            ..Meta::default()
        },
        blocks: std::iter::once(Block::Paragraph {
            content: vec![Inline::text("正文第一段。")],
        })
        .chain(blocks)
        .collect(),
        images,
    }
}

/// The image XObjects of every page: (pixel width, pixel height).
fn image_xobjects(pdf: &Pdf) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    for object in pdf.objects.values() {
        if let Object::Stream(stream) = object {
            let dict = &stream.dict;
            let is = |key: &[u8], name: &[u8]| {
                dict.get(key)
                    .and_then(Object::as_name)
                    .is_ok_and(|n| n == name)
            };
            if is(b"Type", b"XObject") && is(b"Subtype", b"Image") && dict.get(b"SMask").is_ok()
                || is(b"Subtype", b"Image") && !is(b"ColorSpace", b"DeviceGray")
            {
                let int = |key: &[u8]| dict.get(key).and_then(Object::as_i64).unwrap_or(0);
                out.push((int(b"Width"), int(b"Height")));
            }
        }
    }
    out.sort();
    out
}

/// The size each image is drawn at, in pt, in page order: the scale of the transform
/// typst sets just before it paints the image.
fn drawn_sizes(pdf: &Pdf) -> Vec<(f32, f32)> {
    let mut out = Vec::new();
    for page in pdf.get_pages().into_values() {
        let content = pdf.get_page_content(page);
        let ops = lopdf::content::Content::decode(&content).expect("content");
        let mut scale = (0.0, 0.0);
        for op in ops.operations {
            let num = |i: usize| op.operands.get(i).and_then(|o| o.as_float().ok());
            match op.operator.as_str() {
                "cm" => scale = (num(0).unwrap_or(0.0), num(3).unwrap_or(0.0)),
                "Do" => out.push(scale),
                _ => {}
            }
        }
    }
    out
}

#[test]
fn images_are_embedded_with_their_captions() {
    let doc = doc(
        vec![
            image("x_files/chart.png", Some(0), Some("图1 增长情况")),
            Block::Quote {
                blocks: vec![image("x_files/photo.jpg", Some(1), None)],
            },
            image(
                "https://example.org/missing.png",
                None,
                Some("图3 未能载入"),
            ),
        ],
        vec![
            data(PNG, ImageFormat::Png, 64, 48),
            data(JPEG, ImageFormat::Jpeg, 48, 40),
        ],
    );
    let out = render(&doc).expect("renders");
    assert_eq!(
        out.warnings,
        ["image not embedded: https://example.org/missing.png"]
    );
    let pdf = Pdf::load_mem(&out.bytes).expect("a readable PDF");
    let images = image_xobjects(&pdf);
    assert!(images.contains(&(64, 48)), "{images:?}");
    assert!(images.contains(&(48, 40)), "{images:?}");
    // One CSS pixel is 0.75 pt (96 dpi).
    assert_eq!(drawn_sizes(&pdf), [(48.0, 36.0), (36.0, 30.0)]);
    let text = pdf_text(&out.bytes);
    assert!(text.contains("图1增长情况"), "{text}");
    assert!(text.contains("图3未能载入"), "{text}");
    // Same input, same bytes.
    assert_eq!(render(&doc).expect("renders").bytes, out.bytes);
}

/// A grey PNG of any size, written here (stored deflate blocks) to test sizes that
/// would make large fixtures.
fn grey_png(width: u32, height: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let crc = crc32fast::hash(&out[start..]);
        out.extend_from_slice(&crc.to_be_bytes());
    }
    let row = std::iter::once(0u8).chain(std::iter::repeat_n(160u8, width as usize));
    let raw: Vec<u8> = row
        .cycle()
        .take((width as usize + 1) * height as usize)
        .collect();
    let mut zlib = vec![0x78, 0x01];
    let chunks: Vec<&[u8]> = raw.chunks(0xffff).collect();
    for (i, block) in chunks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == chunks.len()));
        let len = block.len() as u16;
        zlib.extend_from_slice(&len.to_le_bytes());
        zlib.extend_from_slice(&(!len).to_le_bytes());
        zlib.extend_from_slice(block);
    }
    let (a, b) = raw.iter().fold((1u32, 0u32), |(a, b), &x| {
        let a = (a + u32::from(x)) % 65521;
        (a, (b + a) % 65521)
    });
    zlib.extend_from_slice(&(b << 16 | a).to_be_bytes());
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &zlib);
    chunk(&mut out, b"IEND", &[]);
    out
}

#[test]
fn large_images_fit_the_text_width_and_a_page() {
    let doc = doc(
        vec![
            image("wide.png", Some(0), Some("图1 宽图")),
            image("tall.png", Some(1), Some("图2 长图")),
        ],
        vec![
            data(&grey_png(2000, 1500), ImageFormat::Png, 2000, 1500),
            data(&grey_png(100, 3000), ImageFormat::Png, 100, 3000),
        ],
    );
    let out = render(&doc).expect("renders");
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let pdf = Pdf::load_mem(&out.bytes).expect("a readable PDF");
    let sizes = drawn_sizes(&pdf);
    let text_width = 156.0 * 72.0 / 25.4;
    let (w, h) = sizes[0];
    assert!(
        (w - text_width).abs() < 0.5 && (h - text_width * 0.75).abs() < 0.5,
        "{sizes:?}"
    );
    // 225 mm less three lines: the caption's and room around the picture.
    let (w, h) = sizes[1];
    let max_height = 225.0 * 72.0 / 25.4 - 3.0 * 28.95;
    assert!(
        (h - max_height).abs() < 0.5 && (w - h / 30.0).abs() < 0.5,
        "{sizes:?}"
    );
    assert_eq!(
        pdf.get_pages().len(),
        2,
        "the tall image and its caption move to page 2 whole"
    );
}

#[test]
fn an_image_typst_cannot_decode_is_a_warning() {
    let mut broken = PNG[..40].to_vec();
    broken.extend_from_slice(&[0; 40]);
    let doc = doc(
        vec![
            image("broken.png", Some(0), Some("图1 坏图")),
            image("ok.jpg", Some(1), None),
        ],
        vec![
            data(&broken, ImageFormat::Png, 64, 48),
            data(JPEG, ImageFormat::Jpeg, 48, 40),
        ],
    );
    let out = render(&doc).expect("renders anyway");
    assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    assert!(
        out.warnings[0].starts_with("image not embedded: broken.png: "),
        "{:?}",
        out.warnings
    );
    let pdf = Pdf::load_mem(&out.bytes).expect("a readable PDF");
    assert_eq!(drawn_sizes(&pdf), [(36.0, 30.0)]);
    assert!(pdf_text(&out.bytes).contains("图1坏图"));
}

#[test]
fn images_keep_pdf_ua() {
    let doc = doc(
        vec![
            image("chart.png", Some(0), Some("图1 增长情况")),
            image("decoration.jpg", Some(1), None),
        ],
        vec![
            data(PNG, ImageFormat::Png, 64, 48),
            data(JPEG, ImageFormat::Jpeg, 48, 40),
        ],
    );
    let options = PdfOptions {
        standard: Standard::Ua1,
        ..PdfOptions::default()
    };
    let out = render_with(&doc, &options).expect("renders");
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
}

#[test]
fn svg_images_are_drawn_unless_they_link_files() {
    let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" width="96" height="48"><rect width="96" height="48" fill="#c03030"/></svg>"##;
    let linking = br##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink" width="96" height="48"><x:image x:href = '/etc/passwd' width="9" height="9"/></svg>"##;
    let doc = doc(
        vec![
            image("chart.svg", Some(0), Some("图1 矢量图")),
            image("linking.svg", Some(1), Some("图2 链接图")),
        ],
        vec![
            data(svg, ImageFormat::Svg, 0, 0),
            data(linking, ImageFormat::Svg, 0, 0),
        ],
    );
    let out = render(&doc).expect("renders");
    assert_eq!(
        out.warnings,
        ["image not embedded: linking.svg: an SVG that links other files"]
    );
    let text = pdf_text(&out.bytes);
    assert!(
        text.contains("图1矢量图") && text.contains("图2链接图"),
        "{text}"
    );
}

#[test]
fn images_that_fail_the_layout_are_left_out() {
    // A template that reads every image as SVG fails on a PNG: the document comes out
    // without its images, and says so.
    let dir = std::env::temp_dir().join(format!("zhprint-image-template-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let path = dir.join("svg-only.typ");
    let template = "#let doc = json(\"/doc.json\")\n#for b in doc.blocks {\n\
                    if b.type == \"image\" and \"image\" in b { image(read(\"/images/\" + str(b.image), encoding: none), format: \"svg\") }\n\
                    else if b.type == \"paragraph\" [正文] }\n";
    std::fs::write(&path, template).expect("written");
    let options = PdfOptions::new(Standard::A2b, Some(&path), &[]).expect("options");
    let doc = doc(
        vec![image("chart.png", Some(0), None)],
        vec![data(PNG, ImageFormat::Png, 64, 48)],
    );
    let out = render_with(&doc, &options).expect("renders without the image");
    assert_eq!(out.warnings.len(), 2, "{:?}", out.warnings);
    assert_eq!(out.warnings[0], "image not embedded: chart.png");
    assert!(
        out.warnings[1].starts_with("images left out: "),
        "{:?}",
        out.warnings
    );
    let _ = std::fs::remove_dir_all(&dir);
}
