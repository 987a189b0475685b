//! The `Document` walk: every text is normalized with its paragraph's context,
//! then handed back to the inline runs it came from; heading levels follow the
//! markers (spec G1); blocks left empty are dropped.
//!
//! A paragraph is normalized as one string (the runs between two line breaks,
//! joined), so that "使用 Rust <b>语言</b>" loses the space D1 deletes and
//! trimming (A3) applies to the paragraph's ends only. The result is split back
//! into the runs by counting Han characters, letters and digits, which the F0
//! invariant says normalization never adds, removes or reorders.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::model::{plain_text, Block, Document, Inline, Meta, TableCell, TableRow};

use super::engine::Normalizer;
use super::numbers::c5_date_padding;
use super::runs::distribute;
use super::structure::{g1_marker_level, g1_standalone_heading};

/// Normalizes every text of `doc` except URLs and the date. `known` holds texts
/// already normalized (by counting the changes for a report), looked up instead of
/// normalized again.
pub fn normalize_document(
    doc: Document,
    n: &Normalizer,
    known: &HashMap<String, String>,
) -> Document {
    let n = &Texts {
        normalizer: n,
        known,
    };
    Document {
        meta: normalize_meta(doc.meta, n),
        blocks: normalize_blocks(doc.blocks, n),
        images: doc.images,
    }
}

/// The normalizer, with the texts it has already normalized.
struct Texts<'a> {
    normalizer: &'a Normalizer,
    known: &'a HashMap<String, String>,
}

impl Texts<'_> {
    fn text(&self, text: &str) -> String {
        match self.known.get(text) {
            Some(normalized) => normalized.clone(),
            None => self.normalizer.text(text),
        }
    }

    fn runs(&self, id: &str) -> bool {
        self.normalizer.runs(id)
    }
}

fn normalize_optional(text: Option<String>, n: &Texts) -> Option<String> {
    text.map(|t| n.text(&t)).filter(|t| !t.is_empty())
}

fn normalize_meta(meta: Meta, n: &Texts) -> Meta {
    Meta {
        title: n.text(&meta.title),
        source: normalize_optional(meta.source, n),
        author: normalize_optional(meta.author, n),
        description: normalize_optional(meta.description, n),
        keywords: meta
            .keywords
            .iter()
            .map(|k| n.text(k))
            .filter(|k| !k.is_empty())
            .collect(),
        ..meta
    }
}

fn normalize_blocks(blocks: Vec<Block>, n: &Texts) -> Vec<Block> {
    blocks
        .into_iter()
        .filter_map(|block| normalize_block(block, n))
        .collect()
}

fn is_blank(content: &[Inline]) -> bool {
    plain_text(content).trim().is_empty()
}

fn normalize_block(block: Block, n: &Texts) -> Option<Block> {
    match block {
        Block::Heading { level, content } => {
            let content = normalize_inlines(content, n);
            let text = plain_text(&content);
            if text.trim().is_empty() {
                return None;
            }
            let level = g1_marker_level(&text).unwrap_or(level);
            Some(Block::Heading { level, content })
        }
        Block::Paragraph { content } => {
            let content = normalize_inlines(content, n);
            let text = plain_text(&content);
            if text.trim().is_empty() {
                return None;
            }
            Some(match g1_standalone_heading(&text) {
                Some(level) => Block::Heading { level, content },
                None => Block::Paragraph { content },
            })
        }
        Block::List { ordered, items } => {
            let items: Vec<Vec<Inline>> = items
                .into_iter()
                .map(|item| normalize_inlines(item, n))
                .filter(|item| !is_blank(item))
                .collect();
            (!items.is_empty()).then_some(Block::List { ordered, items })
        }
        Block::Table { rows } => {
            let rows: Vec<TableRow> = rows
                .into_iter()
                .map(|row| TableRow {
                    header: row.header,
                    cells: row
                        .cells
                        .into_iter()
                        .map(|cell| TableCell {
                            content: normalize_inlines(cell.content, n),
                            ..cell
                        })
                        .collect(),
                })
                .collect();
            let has_text = rows
                .iter()
                .any(|row| row.cells.iter().any(|cell| !is_blank(&cell.content)));
            has_text.then_some(Block::Table { rows })
        }
        Block::Image {
            src,
            alt,
            caption,
            image,
        } => Some(Block::Image {
            src,
            alt: n.text(&alt),
            caption: normalize_optional(caption, n),
            image,
        }),
        Block::Quote { blocks } => {
            let blocks = normalize_blocks(blocks, n);
            (!blocks.is_empty()).then_some(Block::Quote { blocks })
        }
    }
}

/// The text runs of `content` in reading order, each with the number of the
/// line (between `LineBreak`s) it sits on.
fn collect_runs<'a>(
    content: &'a mut [Inline],
    line: &mut usize,
    runs: &mut Vec<(usize, &'a mut String)>,
) {
    for inline in content.iter_mut() {
        match inline {
            Inline::Text { text } => runs.push((*line, text)),
            Inline::Strong { content }
            | Inline::Emphasis { content }
            | Inline::Link { content, .. } => collect_runs(content, line, runs),
            Inline::LineBreak => *line += 1,
        }
    }
}

/// Normalizes inline content line by line, then drops runs left empty.
fn normalize_inlines(mut content: Vec<Inline>, n: &Texts) -> Vec<Inline> {
    let mut runs = Vec::new();
    collect_runs(&mut content, &mut 0, &mut runs);
    let mut start = 0;
    while start < runs.len() {
        let line = runs[start].0;
        let end = runs[start..]
            .iter()
            .position(|(l, _)| *l != line)
            .map_or(runs.len(), |n| start + n);
        // C5 is the one rule that drops a digit ("03月"→"3月"); applied to each
        // run first, the runs' digits still line up with the result.
        let unpadded: Vec<Cow<'_, str>> = runs[start..end]
            .iter()
            .map(|(_, text)| {
                if n.runs("C5") {
                    c5_date_padding(text)
                } else {
                    Cow::Borrowed(text.as_str())
                }
            })
            .collect();
        let pieces: Vec<&str> = unpadded.iter().map(|piece| piece.as_ref()).collect();
        let joined = pieces.concat();
        let normalized = n.text(&joined);
        let split = distribute(&pieces, &normalized)
            .unwrap_or_else(|| pieces.iter().map(|piece| n.text(piece)).collect());
        drop(unpadded); // ends its borrow of the runs, written below
        for ((_, text), new_text) in runs[start..end].iter_mut().zip(split) {
            **text = new_text;
        }
        start = end;
    }
    prune(content)
}

/// Drops empty text runs and emphasis left with nothing inside. Links stay: their URL is content.
fn prune(content: Vec<Inline>) -> Vec<Inline> {
    content
        .into_iter()
        .filter_map(|inline| match inline {
            Inline::Text { text } if text.is_empty() => None,
            Inline::Strong { content } => {
                let content = prune(content);
                (!content.is_empty()).then_some(Inline::Strong { content })
            }
            Inline::Emphasis { content } => {
                let content = prune(content);
                (!content.is_empty()).then_some(Inline::Emphasis { content })
            }
            Inline::Link { url, content } => Some(Inline::Link {
                url,
                content: prune(content),
            }),
            other => Some(other),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Inline {
        Inline::text(t)
    }

    fn strong(t: &str) -> Inline {
        Inline::Strong {
            content: vec![text(t)],
        }
    }

    fn paragraph(content: Vec<Inline>) -> Block {
        Block::Paragraph { content }
    }

    #[test]
    fn runs_are_normalized_in_context_and_trimmed_as_a_whole() {
        let doc = Document {
            images: Vec::new(),
            meta: Meta::default(),
            blocks: vec![paragraph(vec![
                text("    使用 Rust "),
                strong("语言"),
                text(" 开发,效率高. "),
            ])],
        };
        let blocks = normalize_document(doc, &Normalizer::default(), &HashMap::new()).blocks;
        assert_eq!(
            blocks,
            vec![paragraph(vec![
                text("使用Rust"),
                strong("语言"),
                text("开发，效率高。")
            ])]
        );
    }

    #[test]
    fn zero_padded_dates_keep_their_runs() {
        let doc = Document {
            images: Vec::new(),
            meta: Meta::default(),
            blocks: vec![paragraph(vec![
                text("发布于 "),
                strong("2022年03月07日"),
                text(" 施行"),
            ])],
        };
        let blocks = normalize_document(doc, &Normalizer::default(), &HashMap::new()).blocks;
        assert_eq!(
            blocks,
            vec![paragraph(vec![
                text("发布于"),
                strong("2022年3月7日"),
                text("施行")
            ])]
        );
    }

    #[test]
    fn paragraphs_with_l1_l2_markers_become_headings() {
        let doc = Document {
            images: Vec::new(),
            meta: Meta::default(),
            blocks: vec![
                paragraph(vec![strong("(一)营商环境更加优化")]),
                paragraph(vec![text("一是加强领导。")]),
                Block::Heading {
                    level: 2,
                    content: vec![text("一、党的领导")],
                },
                Block::Heading {
                    level: 3,
                    content: vec![text("工作打算")],
                },
                paragraph(vec![text("\u{A0} ")]),
            ],
        };
        let blocks = normalize_document(doc, &Normalizer::default(), &HashMap::new()).blocks;
        assert_eq!(
            blocks,
            vec![
                Block::Heading {
                    level: 2,
                    content: vec![strong("（一）营商环境更加优化")]
                },
                paragraph(vec![text("一是加强领导。")]),
                Block::Heading {
                    level: 1,
                    content: vec![text("一、党的领导")]
                },
                Block::Heading {
                    level: 3,
                    content: vec![text("工作打算")]
                },
            ]
        );
    }

    #[test]
    fn urls_and_dates_are_never_touched() {
        let doc = Document {
            images: Vec::new(),
            meta: Meta {
                title: " 太原市2021年法治政府建设年度报告 ".into(),
                date: Some("2022-03-07".into()),
                source: Some("太原市司法局 ".into()),
                author: None,
                url: Some("http://a.b/c d".into()),
                ..Default::default()
            },
            blocks: vec![
                paragraph(vec![Inline::Link {
                    url: "http://x.y/a,b".into(),
                    content: vec![text("详见,链接")],
                }]),
                Block::Image {
                    src: "a b.png".into(),
                    alt: " 图1 ".into(),
                    caption: Some(" ".into()),
                    image: None,
                },
            ],
        };
        let out = normalize_document(doc, &Normalizer::default(), &HashMap::new());
        assert_eq!(out.meta.title, "太原市2021年法治政府建设年度报告");
        assert_eq!(out.meta.source.as_deref(), Some("太原市司法局"));
        assert_eq!(out.meta.url.as_deref(), Some("http://a.b/c d"));
        assert_eq!(
            out.blocks,
            vec![
                paragraph(vec![Inline::Link {
                    url: "http://x.y/a,b".into(),
                    content: vec![text("详见，链接")],
                }]),
                Block::Image {
                    src: "a b.png".into(),
                    alt: "图1".into(),
                    caption: None,
                    image: None,
                },
            ]
        );
    }
}
