//! The typst `World` for one document: the shared library, the run's fonts and template
//! ([`PdfOptions`]), the bundled template's regexes as `/patterns.typ`, the options as
//! `/options.json`, the document itself as the virtual file `/doc.json`, its images as
//! `/images/0`, `/images/1`, …, and the widow and orphan changes as `/fit.json`.
//!
//! Everything but the document JSON is built once per process (or per run's options)
//! and shared across threads. The file ids are interned once: typst's global pool holds
//! only 65,536 ids and never frees one.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};

use super::options::PdfOptions;

/// The GB/T 9704 template; the layout lives there, not in Rust.
pub const TEMPLATE: &str = include_str!("../../../assets/template/gbt9704.typ");
/// The template's regexes, a module of their own so that typst compiles them once per
/// process (it keeps an imported module's value; a `regex(…)` in the main file would be
/// compiled again for every document).
pub const PATTERNS: &str = include_str!("../../../assets/template/patterns.typ");

/// What every document shares.
struct Shared {
    library: LazyHash<Library>,
    main: FileId,
    doc: FileId,
    options: FileId,
    fit: FileId,
    template: Source,
    patterns: Source,
}

static SHARED: LazyLock<Option<Shared>> = LazyLock::new(|| {
    let main = RootedPath::new(VirtualRoot::Project, VirtualPath::new("/gbt9704.typ").ok()?);
    let doc = RootedPath::new(VirtualRoot::Project, VirtualPath::new("/doc.json").ok()?);
    let options = RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new("/options.json").ok()?,
    );
    let fit = RootedPath::new(VirtualRoot::Project, VirtualPath::new("/fit.json").ok()?);
    let patterns = RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new("/patterns.typ").ok()?,
    );
    let main = main.intern();
    Some(Shared {
        library: LazyHash::new(Library::default()),
        main,
        doc: doc.intern(),
        options: options.intern(),
        fit: fit.intern(),
        template: Source::new(main, TEMPLATE.to_string()),
        patterns: Source::new(patterns.intern(), PATTERNS.to_string()),
    })
});

/// A user's template text as the main source (it takes the bundled template's path).
/// `None` only if the fixed virtual paths were refused, which would be a bug.
pub fn template_source(text: String) -> Option<Source> {
    Some(Source::new(SHARED.as_ref()?.main, text))
}

/// One document's world: the shared parts, the run's options, the document's JSON and
/// its date.
pub struct DocWorld<'a> {
    shared: &'static Shared,
    options: &'a PdfOptions,
    json: Bytes,
    /// The widow and orphan changes, `/fit.json` ([`super::fit`]).
    fit: Bytes,
    today: Datetime,
    /// The document's images by index; `None` for one the PDF cannot show.
    images: Vec<Option<Bytes>>,
}

impl<'a> DocWorld<'a> {
    /// `None` only if the fixed virtual paths were refused, which would be a bug.
    pub fn new(json: Vec<u8>, today: Datetime, options: &'a PdfOptions) -> Option<Self> {
        let shared = SHARED.as_ref()?;
        Some(Self {
            shared,
            options,
            json: Bytes::new(json),
            fit: Bytes::new(b"{}".to_vec()),
            today,
            images: Vec::new(),
        })
    }

    /// Serves `images[n]` as `/images/n`. The paths are the same for every document,
    /// so that typst interns a bounded number of ids.
    pub fn with_images(mut self, images: Vec<Option<Bytes>>) -> Self {
        self.images = images;
        self
    }

    /// The document JSON served as `/doc.json` (a cheap handle).
    pub fn doc_json(&self) -> Bytes {
        self.json.clone()
    }

    /// Serves `json` as `/doc.json` from now on.
    pub fn set_doc(&mut self, json: Bytes) {
        self.json = json;
    }

    /// Serves `fit` as `/fit.json`.
    pub fn set_fit(&mut self, fit: Vec<u8>) {
        self.fit = Bytes::new(fit);
    }

    fn image(&self, id: FileId) -> Option<Bytes> {
        if !matches!(id.root(), VirtualRoot::Project) {
            return None;
        }
        let n = id.vpath().get_with_slash().strip_prefix("/images/")?;
        self.images.get(n.parse::<usize>().ok()?)?.clone()
    }

    fn template(&self) -> &Source {
        self.options
            .template
            .as_ref()
            .unwrap_or(&self.shared.template)
    }
}

impl DocWorld<'_> {
    /// Typst's errors as one line, each with its line in the template when it has one.
    pub fn describe(&self, diags: &[SourceDiagnostic]) -> String {
        let text = self.template().text();
        let list: Vec<String> = diags
            .iter()
            .map(|d| match self.range(d.span) {
                Some(range) if d.span.id() == Some(self.shared.main) => {
                    // Lines before the error's start, plus its own.
                    let line = text.get(..range.start).map_or(0, |s| s.lines().count());
                    format!("{} (template line {line})", d.message)
                }
                _ => d.message.to_string(),
            })
            .collect();
        list.join("; ")
    }
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.options.fonts.book
    }

    fn main(&self) -> FileId {
        self.shared.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.shared.main {
            Ok(self.template().clone())
        } else if id == self.shared.patterns.id() {
            Ok(self.shared.patterns.clone())
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.shared.doc {
            Ok(self.json.clone())
        } else if id == self.shared.options {
            Ok(self.options.json.clone())
        } else if id == self.shared.fit {
            Ok(self.fit.clone())
        } else if id == self.shared.main {
            Ok(Bytes::from_string(self.template().clone()))
        } else if id == self.shared.patterns.id() {
            Ok(Bytes::from_string(self.shared.patterns.clone()))
        } else {
            self.image(id).ok_or_else(|| not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.options.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // The document's own date, never the clock: the output must not depend on when it ran.
        Some(self.today)
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_with_slash().into())
}
