//! The format-neutral document every stage agrees on, in the spirit of pandoc's AST.
//!
//! `extract` produces a [`Document`], `normalize` maps it to another one, and the
//! renderers consume it. Nothing here knows about HTML, typst or Word: a renderer
//! that needs to know something about the source page means this model lacks a field.
//! The JSON form (serde) is what the PDF template reads, so field names are part of
//! the template's interface.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// One article: its metadata and its body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub meta: Meta,
    pub blocks: Vec<Block>,
    /// The images [`Block::Image`] refers to by index, once loaded
    /// (`source::load_images`); empty before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<ImageData>,
}

/// A loaded image. Its bytes stay out of the JSON form: the PDF template reads
/// the rest as data and gets the bytes as a file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageData {
    #[serde(skip)]
    pub bytes: Arc<[u8]>,
    pub format: ImageFormat,
    /// Size in pixels as shown (a JPEG's EXIF quarter turn swaps the stored width
    /// and height); 0 for SVG, whose size is in its own units.
    pub width: u32,
    pub height: u32,
    /// The EXIF orientation a JPEG declares (1 as stored, 3 upside down, 6 and 8 a
    /// quarter turn, 2, 4, 5 and 7 mirrored): typst turns the picture itself, Word
    /// draws pixels as stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orientation: Option<u8>,
}

/// The image formats both editions can carry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageFormat {
    #[default]
    Png,
    /// Serialized as `jpg`, the name typst and file extensions use.
    #[serde(rename = "jpg")]
    Jpeg,
    Gif,
    Webp,
    Svg,
}

impl ImageFormat {
    /// The usual file extension (and typst's name of the format).
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Gif => "gif",
            ImageFormat::Webp => "webp",
            ImageFormat::Svg => "svg",
        }
    }
}

/// An image's `src` as warnings show it: a `data:` URI is cut to its head, since
/// it can be megabytes long.
pub fn image_label(src: &str) -> std::borrow::Cow<'_, str> {
    const HEAD: usize = 40;
    if src.len() > HEAD
        && src
            .get(..5)
            .is_some_and(|s| s.eq_ignore_ascii_case("data:"))
    {
        let mut end = HEAD;
        while !src.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}… ({} bytes)", &src[..end], src.len()).into()
    } else {
        src.into()
    }
}

/// What is known about the article besides its body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// The article's heading; empty when the page had none.
    pub title: String,
    /// Publish date as ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Publisher or originating office (`来源`).
    pub source: Option<String>,
    pub author: Option<String>,
    /// Where the page came from, when it was fetched or declared a canonical URL.
    pub url: Option<String>,
    /// The page's own summary (`<meta name="description">`): the PDF's subject, the
    /// DOCX's comments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The page's declared keywords (`<meta name="keywords">`), in order, without repeats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// Which method of extraction found the body (reports and `--verbose` say it).
    #[serde(default)]
    pub extracted_by: Extractor,
}

/// The methods extraction has for finding an article's body.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Extractor {
    /// The container that scores highest for running text (the usual case).
    #[default]
    Scorer,
    /// Readability.js's algorithm (dom_smoothie): a fallback.
    Readability,
    /// The densest run of text blocks over the whole body: the fallback for pages
    /// where the scorer finds nothing or much less than the page holds.
    Density,
}

impl Extractor {
    pub fn name(self) -> &'static str {
        match self {
            Extractor::Scorer => "scorer",
            Extractor::Readability => "readability",
            Extractor::Density => "density",
        }
    }
}

/// A block of the body, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// Level 1 is the highest (`一、`), 2 `（一）`, 3 `1.`, 4 `（1）`, deeper levels up to 6.
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    Paragraph {
        content: Vec<Inline>,
    },
    List {
        ordered: bool,
        items: Vec<Vec<Inline>>,
    },
    Table {
        rows: Vec<TableRow>,
    },
    /// `src` is absolute when the page URL was known. `image` indexes
    /// [`Document::images`] once the image is loaded.
    Image {
        src: String,
        alt: String,
        caption: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        image: Option<usize>,
    },
    Quote {
        blocks: Vec<Block>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableRow {
    /// A header row repeats across pages.
    pub header: bool,
    pub cells: Vec<TableCell>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableCell {
    pub content: Vec<Inline>,
    pub colspan: u32,
    pub rowspan: u32,
}

/// Inline content of a block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    Text {
        text: String,
    },
    Strong {
        content: Vec<Inline>,
    },
    Emphasis {
        content: Vec<Inline>,
    },
    Link {
        url: String,
        content: Vec<Inline>,
    },
    /// A `<br>` that means something (addresses, signatures).
    LineBreak,
}

impl Inline {
    pub fn text(text: impl Into<String>) -> Self {
        Inline::Text { text: text.into() }
    }
}

/// The text of inline content, with line breaks as `\n`.
pub fn plain_text(content: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(content, &mut out);
    out
}

fn push_plain(content: &[Inline], out: &mut String) {
    for inline in content {
        match inline {
            Inline::Text { text } => out.push_str(text),
            Inline::Strong { content }
            | Inline::Emphasis { content }
            | Inline::Link { content, .. } => push_plain(content, out),
            Inline::LineBreak => out.push('\n'),
        }
    }
}

impl Block {
    /// The block as lines of plain text: one line for a heading or paragraph,
    /// one per list item, one per table row (cells joined by tabs).
    pub fn text_lines(&self) -> Vec<String> {
        match self {
            Block::Heading { content, .. } | Block::Paragraph { content } => {
                vec![plain_text(content)]
            }
            Block::List { items, .. } => items.iter().map(|item| plain_text(item)).collect(),
            Block::Table { rows } => rows
                .iter()
                .map(|row| {
                    row.cells
                        .iter()
                        .map(|cell| plain_text(&cell.content))
                        .collect::<Vec<_>>()
                        .join("\t")
                })
                .collect(),
            Block::Image { alt, caption, .. } => caption
                .iter()
                .chain(Some(alt).filter(|alt| !alt.is_empty() && caption.is_none()))
                .cloned()
                .collect(),
            Block::Quote { blocks } => blocks.iter().flat_map(Block::text_lines).collect(),
        }
    }
}

impl Document {
    /// Every image block's `src` and image index, in reading order (quotes included).
    pub fn image_refs(&self) -> Vec<(&str, Option<usize>)> {
        fn walk<'a>(blocks: &'a [Block], out: &mut Vec<(&'a str, Option<usize>)>) {
            for block in blocks {
                match block {
                    Block::Image { src, image, .. } => out.push((src, *image)),
                    Block::Quote { blocks } => walk(blocks, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.blocks, &mut out);
        out
    }

    /// How many table cells the document holds, quotes included: what a renderer's
    /// memory grows with (typst keeps several laid-out copies of every cell).
    pub fn table_cells(&self) -> usize {
        fn walk(blocks: &[Block]) -> usize {
            blocks
                .iter()
                .map(|block| match block {
                    Block::Table { rows } => rows.iter().map(|row| row.cells.len()).sum(),
                    Block::Quote { blocks } => walk(blocks),
                    _ => 0,
                })
                .sum()
        }
        walk(&self.blocks)
    }

    /// The document as text: the title, then [`Self::body_text_lines`].
    pub fn to_text_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if !self.meta.title.is_empty() {
            lines.push(self.meta.title.clone());
        }
        lines.extend(self.body_text_lines());
        lines
    }

    /// The main text: one line per block line, no blank lines. Line breaks inside a
    /// paragraph become spaces so that one block stays one line.
    pub fn body_text_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for block in &self.blocks {
            for line in block.text_lines() {
                let line = line.replace('\n', " ");
                if !line.trim().is_empty() {
                    lines.push(line);
                }
            }
        }
        lines
    }
}
