//! The format-neutral document every stage agrees on, in the spirit of pandoc's AST.
//!
//! `extract` produces a [`Document`], `normalize` maps it to another one, and the
//! renderers consume it. Nothing here knows about HTML, typst or Word: a renderer
//! that needs to know something about the source page means this model lacks a field.
//! The JSON form (serde) is what the PDF template reads, so field names are part of
//! the template's interface.

use serde::{Deserialize, Serialize};

/// One article: its metadata and its body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub meta: Meta,
    pub blocks: Vec<Block>,
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
    /// `src` is absolute when the page URL was known.
    Image {
        src: String,
        alt: String,
        caption: Option<String>,
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
    /// The document as text: the title, then one line per block line, no blank lines.
    /// Line breaks inside a paragraph become spaces so that one block stays one line.
    pub fn to_text_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if !self.meta.title.is_empty() {
            lines.push(self.meta.title.clone());
        }
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
