//! DOCX edition: [`Document`] → a Word file in the GB/T 9704 style.
//!
//! docx-rs 0.4.22 writes the body (paragraphs, runs, hyperlinks, lists, tables),
//! the footers with their PAGE fields, the page setup and the package. What it
//! cannot write is supplied when the package is re-written ([`package`]): the whole
//! `styles.xml` ([`styles`]), `settings.xml` and `docProps/core.xml` ([`parts`]),
//! `fontTable.xml` ([`fonts`]), `w:tblHeader` on header rows, the schema's element
//! order where docx-rs strays from it ([`schema`]), and a stable order of
//! hyperlink relationships. With `--reference-docx`, the user's styles and page
//! setup replace ours ([`reference`]), and its headers and footers, when it has
//! any, our footers ([`headers`]). The result depends on the document and
//! the options alone (and on `SOURCE_DATE_EPOCH` when the document has no
//! date): same input, same bytes.

mod body;
mod fonts;
mod grid;
mod headers;
mod image;
mod layout;
mod package;
mod parts;
mod reference;
mod schema;
mod styles;
mod svg;
mod title;
mod xml;

#[cfg(test)]
mod tests;

use docx_rs as w;

use super::date::Stamp;
use super::Rendered;
use crate::{Document, Error, Result};
pub use fonts::FontSet;
use package::Edit;
pub use reference::Reference;
use styles::ids;

/// How the DOCX is made: the command line's and the config file's choices.
#[derive(Debug, Clone, Default)]
pub struct DocxOptions {
    /// Font names per role (default: what Chinese Word and WPS installs have).
    pub fonts: FontSet,
    /// Styles and page setup from a user's Word file (`--reference-docx`).
    pub reference: Option<std::sync::Arc<Reference>>,
    /// Word's widow and orphan control (孤行控制) in the body style: off, as in
    /// Chinese Word's own Normal style and the PDF's default, so that pages keep their
    /// 22 lines; on with `--lone-lines never`.
    pub widow_control: bool,
}

impl DocxOptions {
    /// Options with the faces of `[docx.fonts]` (role → family), then of
    /// `--docx-fonts` (`[ROLE=]FAMILY` each) applied over the defaults, and the
    /// reference Word file read.
    pub fn new<'a>(
        config_fonts: impl IntoIterator<Item = (&'a str, &'a str)>,
        cli_fonts: &[String],
        reference: Option<&std::path::Path>,
    ) -> Result<DocxOptions, String> {
        let mut fonts = FontSet::default();
        for (role, family) in config_fonts {
            fonts.set(role, family)?;
        }
        for spec in cli_fonts {
            fonts.apply(spec)?;
        }
        let reference = match reference {
            Some(path) => {
                let bytes = std::fs::read(path)
                    .map_err(|e| format!("reference DOCX {}: {e}", path.display()))?;
                let read = Reference::from_bytes(&bytes)
                    .map_err(|e| format!("reference DOCX {}: {e}", path.display()))?;
                Some(std::sync::Arc::new(read))
            }
            None => None,
        };
        Ok(DocxOptions {
            fonts,
            reference,
            widow_control: false,
        })
    }

    /// The same options with Word's widow and orphan control on or off.
    pub fn with_widow_control(self, widow_control: bool) -> DocxOptions {
        DocxOptions {
            widow_control,
            ..self
        }
    }
}

/// Render `doc` as a Word document with the default (Chinese Office) font names.
pub fn render(doc: &Document) -> Result<Rendered> {
    render_with_fonts(doc, &FontSet::default())
}

/// Render `doc` as a Word document whose styles name `fonts`.
pub fn render_with_fonts(doc: &Document, fonts: &FontSet) -> Result<Rendered> {
    render_with(
        doc,
        &DocxOptions {
            fonts: fonts.clone(),
            ..DocxOptions::default()
        },
    )
}

/// Render `doc` as a Word document made as `options` say.
pub fn render_with(doc: &Document, options: &DocxOptions) -> Result<Rendered> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let reference = options.reference.as_deref();
    // docx-rs has `expect`s and `todo!`s on paths we do not take; a panic there
    // must still be one error for one document, not a crashed batch.
    std::panic::catch_unwind(|| build(doc, options, reference, epoch.as_deref()))
        .unwrap_or_else(|_| Err("docx-rs panicked".to_string()))
        .map_err(|reason| Error::Render {
            format: "docx",
            reason,
        })
}

fn build(
    doc: &Document,
    options: &DocxOptions,
    reference: Option<&Reference>,
    epoch: Option<&str>,
) -> Result<Rendered, String> {
    let fonts = &options.fonts;
    let stamp = Stamp::resolve(doc.meta.date.as_deref(), epoch);
    let mut docx = w::Docx::new()
        .page_size(layout::PAGE_W, layout::PAGE_H)
        .page_margin(
            w::PageMargin::new()
                .top(layout::margin_top() as i32)
                .bottom(layout::margin_bottom() as i32)
                .left(layout::margin_left() as i32)
                .right(layout::margin_right() as i32)
                .header(layout::header_distance() as i32)
                .footer(layout::footer_distance() as i32)
                .gutter(0),
        );
    // `Docx` has no `doc_grid()`; the section property on its document does.
    docx.document = docx.document.doc_grid(
        w::DocGrid::new()
            .grid_type(w::DocGridType::LinesAndChars)
            .line_pitch(layout::LINE as usize)
            .char_space(layout::char_space() as isize),
    );

    let mut body = body::Body::new(docx, &fonts.kai).with_images(&doc.images);
    // A long title in balanced lines, broken explicitly (see [`title`]).
    body.text_paragraph(ids::TITLE, &title::lines(&doc.meta.title).join("\n"));
    body.text_paragraph(ids::META, &meta_line(doc));
    for block in &doc.blocks {
        body.block(block, "Normal");
    }
    let odd = page_number_footer(&mut body, ids::PAGE_ODD);
    let even = page_number_footer(&mut body, ids::PAGE_EVEN);
    let warnings = std::mem::take(&mut body.warnings);
    let pictures = std::mem::take(&mut body.pictures);
    let docx = body.docx.footer(odd).even_footer(even);

    let mut raw = std::io::Cursor::new(Vec::new());
    docx.pack(&mut raw).map_err(|e| e.to_string())?;

    let (styles, restyled) = match reference {
        Some(r) => r.styles(&styles::styles_xml(fonts, options.widow_control)),
        None => (styles::styles_xml(fonts, options.widow_control), Vec::new()),
    };
    let headers = reference.and_then(Reference::headers);
    let document = |xml: &str| {
        let xml = image::number_drawings(&schema::document(xml, ids::TABLE)?, &pictures)?;
        let xml = reference::restyle(&xml, &restyled);
        let xml = match reference {
            Some(r) => r.page_setup(&xml),
            None => xml,
        };
        match headers {
            Some(h) => h.section(&xml),
            None => Some(xml),
        }
    };
    let part = |xml: &str| Some(reference::restyle(&schema::parts(xml), &restyled));
    let rels = |xml: &str| {
        let xml = sort_relationships(&image::retarget(xml, &pictures))?;
        match headers {
            Some(h) => h.relationships(&xml),
            None => Some(xml),
        }
    };
    let settings = match headers {
        Some(h) => h.settings(&parts::settings_xml()),
        None => parts::settings_xml(),
    };
    const OUR_FOOTERS: [&str; 2] = ["word/footer1.xml", "word/footer2.xml"];
    let content_types = |xml: &str| headers.and_then(|h| h.content_types(xml, &OUR_FOOTERS));
    let mut edits = vec![
        Edit::Replace("word/styles.xml".into(), styles.into_bytes()),
        Edit::Replace("word/settings.xml".into(), settings.into_bytes()),
        Edit::Replace(
            "word/fontTable.xml".into(),
            fonts::font_table(fonts).into_bytes(),
        ),
        Edit::Replace(
            "docProps/core.xml".into(),
            parts::core_xml(&doc.meta, &stamp).into_bytes(),
        ),
        Edit::Replace(
            "docProps/app.xml".into(),
            parts::app_xml(&doc.meta.title, &doc.blocks).into_bytes(),
        ),
        Edit::Patch("word/document.xml", &document),
        Edit::Patch("word/numbering.xml", &part),
        Edit::Patch("word/_rels/document.xml.rels", &rels),
    ];
    match headers {
        // The reference's headers and footers stand in for ours.
        Some(h) => {
            edits.push(Edit::Patch("[Content_Types].xml", &content_types));
            edits.extend(h.edits(&OUR_FOOTERS));
        }
        None => edits.extend(OUR_FOOTERS.map(|name| Edit::Patch(name, &part))),
    }
    edits.extend(pictures.iter().filter(|p| p.extension != "png").map(|p| {
        let (from, to) = image::media_names(p);
        Edit::Rename(from, to)
    }));
    let bytes = package::repack(raw.get_ref(), &edits, stamp.zip_time())?;
    Ok(Rendered { bytes, warnings })
}

/// The centred line under the title: `来源：…　发布日期：2022年3月7日`, as the PDF
/// has it.
fn meta_line(doc: &Document) -> String {
    let mut parts = Vec::new();
    if let Some(source) = doc.meta.source.as_deref().filter(|s| !s.trim().is_empty()) {
        parts.push(format!("来源：{}", source.trim()));
    }
    if let Some(d) = doc.meta.date.as_deref().filter(|s| !s.trim().is_empty()) {
        let shown = super::date::parse_ymd(d)
            .map(|(y, m, d)| format!("{y}年{m}月{d}日"))
            .unwrap_or_else(|| d.trim().to_string());
        parts.push(format!("发布日期：{shown}"));
    }
    parts.join("\u{3000}")
}

/// `— PAGE —` with the PAGE field built from field characters: docx-rs's
/// `PageNum` cannot carry a style. The cached result "1" is what a reader shows
/// before it updates fields.
fn page_number_footer(body: &mut body::Body, style: &str) -> w::Footer {
    let p = body
        .paragraph(style)
        .add_run(w::Run::new().add_text("— "))
        .add_run(w::Run::new().add_field_char(w::FieldCharType::Begin, false))
        .add_run(w::Run::new().add_instr_text(w::InstrText::Unsupported(" PAGE ".into())))
        .add_run(w::Run::new().add_field_char(w::FieldCharType::Separate, false))
        .add_run(w::Run::new().add_text("1"))
        .add_run(w::Run::new().add_field_char(w::FieldCharType::End, false))
        .add_run(w::Run::new().add_text(" —"));
    w::Footer::new().add_paragraph(p)
}

/// docx-rs collects hyperlink relationships through a `HashMap`, so their order
/// changes from run to run; sort them by their number.
fn sort_relationships(xml: &str) -> Option<String> {
    let start = xml.find("<Relationship ")?;
    let end = xml.rfind("/>")? + 2;
    let (head, body, tail) = (&xml[..start], &xml[start..end], &xml[end..]);
    let mut rels: Vec<&str> = body
        .split_inclusive("/>")
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .collect();
    if !rels.iter().all(|r| r.starts_with("<Relationship ")) {
        return None;
    }
    let link_number = |r: &str| -> Option<u64> {
        let rest = &r[r.find("Id=\"rIdHyperlink")? + 16..];
        rest[..rest.find('"')?].parse().ok()
    };
    // Stable: other relationships keep their order, links go last, by number.
    rels.sort_by_key(|r| link_number(r).map_or((0, 0), |n| (1, n)));
    Some(format!("{head}{}{tail}", rels.concat()))
}
