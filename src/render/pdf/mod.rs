//! PDF edition: [`Document`] → GB/T 9704-style PDF bytes, through typst used as a library.
//!
//! The layout lives in the bundled template (`assets/template/gbt9704.typ`) or a user's
//! ([`PdfOptions`]). The document goes in as data, its serde JSON served as the virtual
//! file `/doc.json`, so no character of a web page can act as typst markup; the options
//! (fonts chosen per role) as `/options.json`. Fonts are the bundled subsets ([`fonts`])
//! plus any system fonts asked for. The output depends only on the document and the
//! options: its date (else `SOURCE_DATE_EPOCH`, else a fixed date) stands in for "today"
//! and the creation date.

mod date;
mod fit;
mod fonts;
mod images;
mod options;
mod world;

/// The bundled font files, for other renderers that draw text (SVG pictures in the DOCX).
pub(crate) use fonts::FILES as BUNDLED_FONT_FILES;
pub use options::{Kinsoku, LoneLines, PdfOptions, Standard, ROLES};
/// The bundled template's text (part of what decides whether an output is up to date).
pub use world::{PATTERNS as BUNDLED_PATTERNS, TEMPLATE as BUNDLED_TEMPLATE};

#[cfg(test)]
mod tests;

use typst::diag::SourceDiagnostic;
use typst::foundations::{Bytes, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfStandard, PdfStandards, Timestamp};

use super::Rendered;
use crate::{Document, Error, Result};

/// Render `doc` as a GB/T 9704-style PDF with the bundled template and fonts (PDF/A-2b
/// when the content allows it).
pub fn render(doc: &Document) -> Result<Rendered> {
    static DEFAULT: std::sync::LazyLock<PdfOptions> = std::sync::LazyLock::new(PdfOptions::default);
    render_with(doc, &DEFAULT)
}

/// Render `doc` as a PDF with `options`' template, fonts and standard.
pub fn render_with(doc: &Document, options: &PdfOptions) -> Result<Rendered> {
    let prepared = images::prepare(doc);
    if !prepared.serves_any() {
        return render_prepared(prepared, options);
    }
    // An image typst decoded on its own can still fail in layout (an SVG that links
    // other files): then the document goes without its images rather than failing.
    render_prepared(prepared, options).or_else(|error| {
        let mut bare = render_prepared(images::without(doc), options)?;
        let reason = match error {
            Error::Render { reason, .. } => reason,
            other => other.to_string(),
        };
        bare.warnings.push(format!("images left out: {reason}"));
        Ok(bare)
    })
}

fn render_prepared(images: images::Prepared, options: &PdfOptions) -> Result<Rendered> {
    let doc = images.doc.as_ref();
    let json = serde_json::to_vec(doc).map_err(|e| fail(format!("cannot serialize: {e}")))?;
    let today = date::document_date(doc.meta.date.as_deref())
        .ok_or_else(|| fail("no valid date".into()))?;
    let mut world = world::DocWorld::new(json, today, options)
        .ok_or_else(|| fail("the template's virtual paths were refused".into()))?
        .with_images(images.files);

    let warned = typst::compile::<PagedDocument>(&world);
    let mut warnings = options.fonts.missing_glyphs(doc);
    warnings.extend(images.warnings);
    warnings.extend(
        warned
            .warnings
            .iter()
            .map(|d| format!("typst: {}", d.message)),
    );
    let result = warned
        .output
        .map_err(|errors| fail(world.describe(&errors)))
        .map(|paged| match options.lone_lines {
            LoneLines::Keep => paged,
            LoneLines::Mend | LoneLines::Never => {
                let whole = world.doc_json();
                let tries = match options.lone_lines {
                    LoneLines::Never => fit::NEVER_TRIES,
                    _ => fit::MEND_TRIES,
                };
                fit::mend(doc, paged, tries, |what| {
                    let (doc_json, fit) = match what {
                        fit::Layouts::Whole(fit) => (whole.clone(), fit),
                        fit::Layouts::Probe(probe, fit) => {
                            (Bytes::new(serde_json::to_vec(probe).ok()?), fit)
                        }
                    };
                    world.set_doc(doc_json);
                    world.set_fit(serde_json::to_vec(fit).ok()?);
                    typst::compile::<PagedDocument>(&world).output.ok()
                })
            }
        })
        .and_then(|paged| {
            let long = paged.pages().len() > LONG_DOCUMENT_PAGES;
            export(doc, &paged, today, options.standard, &mut warnings).map(|pdf| (pdf, long))
        })
        .map(|(pdf, long)| {
            if long {
                // Its cache entries are nearly all its own, and hundreds of MB.
                comemo::evict(0);
            }
            pdf
        });

    evict_now_and_then();
    result.map(|bytes| Rendered { bytes, warnings })
}

/// A document of more pages than this leaves comemo's caches emptied behind it.
const LONG_DOCUMENT_PAGES: usize = 100;

/// comemo memoizes across documents; without eviction its caches grow ~2.6 MB per
/// document. An eviction walks every cache (2–3% of a render), so it runs after every
/// fourth render, dropping what the last three rounds (8–12 renders) did not use: the
/// template's entries stay warm, and memory stays where one eviction per render with
/// an age of 10 kept it.
fn evict_now_and_then() {
    static RENDERS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    if RENDERS.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % 4 == 3 {
        comemo::evict(3);
    }
}

/// Writes the laid-out document as the standard asked for, or as plain PDF (with a
/// warning) when the content cannot conform, e.g. a character with no glyph.
fn export(
    doc: &Document,
    paged: &PagedDocument,
    today: typst::foundations::Datetime,
    standard: Standard,
    warnings: &mut Vec<String>,
) -> Result<Vec<u8>> {
    let ident = doc.meta.url.clone().unwrap_or_else(|| {
        format!(
            "{} {}",
            doc.meta.title,
            doc.meta.date.as_deref().unwrap_or("")
        )
    });
    let options = |standards| typst_pdf::PdfOptions {
        // A stable identifier makes the PDF's /ID depend on the document only.
        ident: Smart::Custom(format!("zhprint:{ident}")),
        creator: Smart::Custom(Some(concat!("zhprint ", env!("CARGO_PKG_VERSION")).into())),
        timestamp: Some(Timestamp::new_utc(today)),
        standards,
        ..typst_pdf::PdfOptions::default()
    };
    let (wanted, name): (&[PdfStandard], _) = match standard {
        Standard::None => return plain(paged, &options(PdfStandards::default())),
        Standard::A2b => (&[PdfStandard::A_2b], "PDF/A-2b"),
        Standard::A3b => (&[PdfStandard::A_3b], "PDF/A-3b"),
        Standard::Ua1 => (
            &[PdfStandard::A_2a, PdfStandard::Ua_1],
            "PDF/UA-1 and PDF/A-2a",
        ),
    };
    let standards = PdfStandards::new(wanted).map_err(|e| fail(e.message().to_string()))?;
    match typst_pdf::pdf(paged, &options(standards)) {
        Ok(bytes) => Ok(bytes),
        Err(errors) => {
            warnings.push(format!("not {name}: {}", messages(&errors)));
            plain(paged, &options(PdfStandards::default()))
        }
    }
}

fn plain(paged: &PagedDocument, options: &typst_pdf::PdfOptions) -> Result<Vec<u8>> {
    typst_pdf::pdf(paged, options).map_err(|errors| fail(messages(&errors)))
}

fn messages(diags: &[SourceDiagnostic]) -> String {
    let list: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    list.join("; ")
}

fn fail(reason: String) -> Error {
    Error::Render {
        format: "pdf",
        reason,
    }
}
