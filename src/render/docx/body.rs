//! The body: [`Block`]s and [`Inline`]s → docx-rs paragraphs, runs, hyperlinks,
//! numbered lists and tables, all referring to the styles in [`super::styles`].
//!
//! Ids docx-rs would take from process-wide counters (paragraph ids, hyperlink
//! relationship ids) are numbered here per document, so the output does not depend
//! on what else the process or thread rendered before.

use docx_rs as w;

use super::image::{self, Picture};
use super::styles::ids;
use super::svg;
use super::xml::{clean, escape};
use crate::model::{image_label, Block, ImageData, ImageFormat, Inline, TableRow};

/// Builds the body into a [`w::Docx`].
pub struct Body {
    pub docx: w::Docx,
    pub warnings: Vec<String>,
    /// The pictures placed, in order, for the package's fixes ([`image`]).
    pub pictures: Vec<Picture>,
    /// The document's images, which image blocks index.
    images: Vec<ImageData>,
    /// East Asian face for emphasis combined with another run style.
    kai: String,
    next_para: u32,
    next_link: usize,
    next_num: usize,
    /// Whether the ordered / bullet abstract numberings were added.
    abstract_added: [bool; 2],
}

/// Inline formatting in effect.
#[derive(Clone, Copy, Default)]
struct Fmt {
    strong: bool,
    emphasis: bool,
}

/// Abstract numbering ids: ordered lists and bullet lists. docx-rs's numbering
/// part always holds its own abstract numbering and `w:num` with id 1; ids from
/// 10 on stay clear of them.
const ORDERED: usize = 10;
const BULLET: usize = 11;
const FIRST_NUM: usize = 10;

/// Word's maximum number of table columns.
const MAX_COLUMNS: usize = 63;

impl Body {
    pub fn new(docx: w::Docx, kai: &str) -> Self {
        Body {
            docx,
            warnings: Vec::new(),
            pictures: Vec::new(),
            images: Vec::new(),
            kai: kai.to_string(),
            next_para: 0,
            next_link: 0,
            next_num: 0,
            abstract_added: [false; 2],
        }
    }

    /// The document's images, for its image blocks.
    pub fn with_images(mut self, images: &[ImageData]) -> Self {
        self.images = images.to_vec();
        self
    }

    /// A new paragraph with a per-document id and a style.
    pub fn paragraph(&mut self, style: &str) -> w::Paragraph {
        self.next_para += 1;
        w::Paragraph::new()
            .id(format!("{:08X}", self.next_para))
            .style(style)
    }

    fn push(&mut self, p: w::Paragraph) {
        self.docx = std::mem::take(&mut self.docx).add_paragraph(p);
    }

    /// A paragraph of `style` holding `text`, unless `text` is blank.
    pub fn text_paragraph(&mut self, style: &str, text: &str) {
        self.shaped_text_paragraph(style, text, |p| p);
    }

    /// [`Self::text_paragraph`], its paragraph properties changed by `shape` (a quote's indent).
    fn shaped_text_paragraph(
        &mut self,
        style: &str,
        text: &str,
        shape: impl Fn(w::Paragraph) -> w::Paragraph,
    ) {
        if clean(text).trim().is_empty() {
            return;
        }
        let p = self.paragraph(style);
        let p = self.inlines(p, &[Inline::text(text)], Fmt::default());
        self.push(shape(p));
    }

    /// One block; `para_style` is the style of plain paragraphs here (body or quote).
    pub fn block(&mut self, block: &Block, para_style: &str) {
        match block {
            Block::Heading { level, content } => {
                self.content_paragraph(&ids::heading(*level), content, Fmt::default())
            }
            Block::Paragraph { content } => {
                self.content_paragraph(para_style, content, Fmt::default())
            }
            Block::List { ordered, items } => self.list(*ordered, items),
            Block::Table { rows } => self.table(rows),
            Block::Image {
                src,
                alt,
                caption,
                image,
            } => {
                // Inside a quote, the picture and caption keep the quote's indent and
                // centre in what is left, as in the PDF.
                let indent = if para_style == ids::QUOTE {
                    super::layout::INDENT_2
                } else {
                    0
                };
                self.image(src, alt, caption.as_deref(), *image, indent)
            }
            Block::Quote { blocks } => {
                for inner in blocks {
                    self.block(inner, ids::QUOTE);
                }
            }
        }
    }

    /// The picture in a paragraph of its own and its caption below; without a
    /// picture, the caption (else the alt text) stands for it.
    fn image(
        &mut self,
        src: &str,
        alt: &str,
        caption: Option<&str>,
        index: Option<usize>,
        indent: u32,
    ) {
        let descr = if alt.trim().is_empty() {
            caption.unwrap_or_default()
        } else {
            alt
        };
        let indented = |p: w::Paragraph| match indent {
            0 => p,
            twips => p.indent(Some(twips as i32), None, None, None),
        };
        match self.picture(index, descr, indent) {
            Ok(pic) => {
                let p = self
                    .paragraph(ids::FIGURE)
                    .add_run(w::Run::new().add_image(pic));
                self.push(indented(p));
                if let Some(caption) = caption {
                    self.shaped_text_paragraph(ids::CAPTION, caption, indented);
                }
            }
            Err(reason) => {
                self.shaped_text_paragraph(ids::CAPTION, caption.unwrap_or(alt), indented);
                let label = image_label(src);
                self.warnings.push(match reason {
                    Some(reason) => format!("image not embedded: {label}: {reason}"),
                    None => format!("image not embedded: {label}"),
                });
            }
        }
    }

    /// The picture of image `index`, with a per-document id, for a text width less
    /// `indent`; why not, when the image has no bytes (`None`) or Word cannot show it.
    fn picture(
        &mut self,
        index: Option<usize>,
        descr: &str,
        indent: u32,
    ) -> Result<w::Pic, Option<String>> {
        let data = index
            .and_then(|i| self.images.get(i))
            .filter(|d| !d.bytes.is_empty())
            .ok_or(None)?;
        // The bytes Word gets, their size in pixels, and the size shown (CSS pixels).
        let pixels = (data.width, data.height);
        let (bytes, extension, pixels, shown) = match (data.format, image::extension(data.format)) {
            // A phone photo's EXIF quarter turn or flip, applied to its pixels.
            (ImageFormat::Jpeg, Some(extension)) => {
                let bytes = match data.orientation {
                    Some(turn) if turn > 1 => image::upright_jpeg(&data.bytes, turn)?,
                    _ => data.bytes.to_vec(),
                };
                (bytes, extension, pixels, pixels)
            }
            (_, Some(extension)) => (data.bytes.to_vec(), extension, pixels, pixels),
            (ImageFormat::Webp, None) => (image::webp_to_png(&data.bytes)?, "png", pixels, pixels),
            (ImageFormat::Svg, None) => {
                let drawn = svg::to_png(&data.bytes).map_err(Some)?;
                (drawn.png, "png", drawn.pixels, drawn.css)
            }
            (format, None) => {
                return Err(Some(format!(
                    "Word cannot show {}",
                    format.extension().to_uppercase()
                )))
            }
        };
        let id = format!("rIdImage{}", self.pictures.len() + 1);
        self.pictures.push(Picture {
            id: id.clone(),
            extension,
            descr: descr.to_string(),
        });
        let (cx, cy) = image::size_emu(shown.0, shown.1, indent);
        Ok(w::Pic::new_with_dimensions(bytes, pixels.0, pixels.1)
            .id(id)
            .size(cx, cy))
    }

    fn content_paragraph(&mut self, style: &str, content: &[Inline], fmt: Fmt) {
        if clean(&crate::model::plain_text(content)).trim().is_empty() {
            return;
        }
        let p = self.paragraph(style);
        let p = self.inlines(p, content, fmt);
        self.push(p);
    }

    fn list(&mut self, ordered: bool, items: &[Vec<Inline>]) {
        let abstract_id = if ordered { ORDERED } else { BULLET };
        let slot = usize::from(!ordered);
        if !self.abstract_added[slot] {
            self.abstract_added[slot] = true;
            let (format, text) = if ordered {
                ("decimal", "%1.")
            } else {
                ("bullet", "●")
            };
            let level = w::Level::new(
                0,
                w::Start::new(1),
                w::NumberFormat::new(format),
                w::LevelText::new(text),
                w::LevelJc::new("left"),
            )
            // The body's two-character first-line indent; without it readers
            // put the marker at the margin.
            .indent(
                Some(0),
                Some(w::SpecialIndentType::FirstLine(
                    super::layout::INDENT_2 as i32,
                )),
                None,
                None,
            );
            let abs = w::AbstractNumbering::new(abstract_id).add_level(level);
            self.docx = std::mem::take(&mut self.docx).add_abstract_numbering(abs);
        }
        // Each list is its own numbering instance, so every ordered list restarts at 1.
        let num_id = FIRST_NUM + self.next_num;
        self.next_num += 1;
        let num =
            w::Numbering::new(num_id, abstract_id).add_override(w::LevelOverride::new(0).start(1));
        self.docx = std::mem::take(&mut self.docx).add_numbering(num);
        for item in items {
            if crate::model::plain_text(item).trim().is_empty() {
                continue;
            }
            let p = self
                .paragraph(ids::LIST)
                .numbering(w::NumberingId::new(num_id), w::IndentLevel::new(0));
            let p = self.inlines(p, item, Fmt::default());
            self.push(p);
        }
    }

    /// Appends `content` to `p`: runs, with consecutive runs of one link grouped
    /// into a hyperlink.
    fn inlines(&mut self, mut p: w::Paragraph, content: &[Inline], fmt: Fmt) -> w::Paragraph {
        let mut pieces: Vec<(Option<String>, w::Run)> = Vec::new();
        self.flatten(content, fmt, None, &mut pieces);
        let mut pending: Option<(String, Vec<w::Run>)> = None;
        for (link, run) in pieces {
            match (link, &mut pending) {
                (Some(url), Some((open, runs))) if *open == url => runs.push(run),
                (link, _) => {
                    if let Some((url, runs)) = pending.take() {
                        p = p.add_hyperlink(self.hyperlink(&url, runs));
                    }
                    match link {
                        Some(url) => pending = Some((url, vec![run])),
                        None => p = p.add_run(run),
                    }
                }
            }
        }
        if let Some((url, runs)) = pending {
            p = p.add_hyperlink(self.hyperlink(&url, runs));
        }
        p
    }

    /// Built by hand: `Hyperlink::new` numbers relationships from a process-wide
    /// counter.
    fn hyperlink(&mut self, url: &str, runs: Vec<w::Run>) -> w::Hyperlink {
        self.next_link += 1;
        w::Hyperlink {
            link: w::HyperlinkData::External {
                rid: format!("rIdHyperlink{}", self.next_link),
                path: escape(url),
            },
            history: None,
            children: runs
                .into_iter()
                .map(|r| w::ParagraphChild::Run(Box::new(r)))
                .collect(),
        }
    }

    fn flatten(
        &self,
        content: &[Inline],
        fmt: Fmt,
        link: Option<&str>,
        out: &mut Vec<(Option<String>, w::Run)>,
    ) {
        for inline in content {
            match inline {
                Inline::Text { text } => {
                    // A raw line end in text is a line break too; tabs read as spaces.
                    let text = clean(text).replace(['\t', '\r'], " ");
                    for (i, line) in text.split('\n').enumerate() {
                        if i > 0 {
                            out.push((
                                link.map(str::to_string),
                                self.run(fmt, link.is_some())
                                    .add_break(w::BreakType::TextWrapping),
                            ));
                        }
                        if !line.is_empty() {
                            out.push((
                                link.map(str::to_string),
                                self.run(fmt, link.is_some()).add_text(line),
                            ));
                        }
                    }
                }
                Inline::Strong { content } => self.flatten(
                    content,
                    Fmt {
                        strong: true,
                        ..fmt
                    },
                    link,
                    out,
                ),
                Inline::Emphasis { content } => self.flatten(
                    content,
                    Fmt {
                        emphasis: true,
                        ..fmt
                    },
                    link,
                    out,
                ),
                // A link inside a link keeps the outer one; a URL Word would
                // reject stays plain text.
                Inline::Link { url, content } => match (link, link_target(url)) {
                    (None, Some(target)) => self.flatten(content, fmt, Some(&target), out),
                    _ => self.flatten(content, fmt, link, out),
                },
                Inline::LineBreak => out.push((
                    link.map(str::to_string),
                    self.run(fmt, link.is_some())
                        .add_break(w::BreakType::TextWrapping),
                )),
            }
        }
    }

    /// A run with one character style and the rest as direct formatting.
    fn run(&self, fmt: Fmt, in_link: bool) -> w::Run {
        let run = w::Run::new();
        let (run, bold_direct, kai_direct) = if in_link {
            (run.style(ids::HYPERLINK), fmt.strong, fmt.emphasis)
        } else if fmt.strong {
            (run.style(ids::STRONG), false, fmt.emphasis)
        } else if fmt.emphasis {
            (run.style(ids::EMPHASIS), false, false)
        } else {
            (run, false, false)
        };
        let run = if bold_direct { run.bold() } else { run };
        if kai_direct {
            run.fonts(w::RunFonts::new().east_asia(&self.kai))
        } else {
            run
        }
    }

    fn table(&mut self, rows: &[TableRow]) {
        let grid = super::grid::Grid::new(rows, MAX_COLUMNS);
        if grid.columns == 0 {
            return;
        }
        let widths = grid.column_widths(super::layout::text_width() as usize);
        // Header rows repeat on every page only when they open the table.
        let leading_headers = rows.iter().take_while(|r| r.header).count();
        let mut table_rows = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            let mut cells = Vec::new();
            for slot in grid.row(r) {
                let span = slot.span;
                let width: usize = widths[slot.col..slot.col + span].iter().sum();
                let mut cell = w::TableCell::new().width(width, w::WidthType::Dxa);
                if span > 1 {
                    cell = cell.grid_span(span);
                }
                let p = self.paragraph(ids::TABLE_TEXT);
                let p = match slot.cell.and_then(|c| row.cells.get(c)) {
                    Some(source) if !slot.continued => self.inlines(
                        p,
                        &source.content,
                        Fmt {
                            strong: row.header,
                            ..Fmt::default()
                        },
                    ),
                    _ => p,
                };
                if slot.continued {
                    cell = cell.vertical_merge(w::VMergeType::Continue);
                } else if slot.rows > 1 {
                    cell = cell.vertical_merge(w::VMergeType::Restart);
                }
                cells.push(cell.add_paragraph(p));
            }
            let mut table_row = w::TableRow::new(cells);
            // `cantSplit` marks the rows that get `w:tblHeader` when the package is
            // patched (docx-rs has no setter for it); a header row should not split.
            if r < leading_headers {
                table_row = table_row.cant_split();
            }
            table_rows.push(table_row);
        }
        let total: usize = widths.iter().sum();
        // The table style is added by `schema::document`, where the schema wants it.
        let table = w::Table::new(table_rows)
            .set_grid(widths)
            .width(total, w::WidthType::Dxa)
            .layout(w::TableLayoutType::Fixed);
        self.docx = std::mem::take(&mut self.docx).add_table(table);
    }
}

/// An absolute http(s), ftp or mailto URL in its serialised (percent-encoded)
/// form, which Word accepts as a relationship target; anything else stays text.
fn link_target(url: &str) -> Option<String> {
    url::Url::parse(url.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https" | "mailto" | "ftp"))
        .map(String::from)
}
