//! The typst `World` for one document: the shared library, fonts and template, plus the
//! document itself as the virtual file `/doc.json`.
//!
//! Everything but the JSON is built once per process and shared across threads. The two
//! file ids are interned once: typst's global pool holds only 65,536 ids and never frees one.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};

use super::fonts::FONTS;

/// The GB/T 9704 template; the layout lives there, not in Rust.
const TEMPLATE: &str = include_str!("../../../assets/template/gbt9704.typ");

/// What every document shares.
struct Shared {
    library: LazyHash<Library>,
    main: FileId,
    doc: FileId,
    template: Source,
}

static SHARED: LazyLock<Option<Shared>> = LazyLock::new(|| {
    let main = RootedPath::new(VirtualRoot::Project, VirtualPath::new("/gbt9704.typ").ok()?);
    let doc = RootedPath::new(VirtualRoot::Project, VirtualPath::new("/doc.json").ok()?);
    let main = main.intern();
    Some(Shared {
        library: LazyHash::new(Library::default()),
        main,
        doc: doc.intern(),
        template: Source::new(main, TEMPLATE.to_string()),
    })
});

/// One document's world: the shared parts plus its JSON and its date.
pub struct DocWorld {
    shared: &'static Shared,
    json: Bytes,
    today: Datetime,
}

impl DocWorld {
    /// `None` only if the fixed virtual paths were refused, which would be a bug.
    pub fn new(json: Vec<u8>, today: Datetime) -> Option<Self> {
        let shared = SHARED.as_ref()?;
        Some(Self {
            shared,
            json: Bytes::new(json),
            today,
        })
    }
}

impl DocWorld {
    /// Typst's errors as one line, each with its line in the template when it has one.
    pub fn describe(&self, diags: &[SourceDiagnostic]) -> String {
        let list: Vec<String> = diags
            .iter()
            .map(|d| match self.range(d.span) {
                Some(range)
                    if range.end <= TEMPLATE.len() && d.span.id() == Some(self.shared.main) =>
                {
                    let line = TEMPLATE.get(..range.start).map_or(0, |s| s.lines().count());
                    format!("{} (template line {line})", d.message)
                }
                _ => d.message.to_string(),
            })
            .collect();
        list.join("; ")
    }
}

impl World for DocWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.shared.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.shared.main {
            Ok(self.shared.template.clone())
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.shared.doc {
            Ok(self.json.clone())
        } else if id == self.shared.main {
            Ok(Bytes::from_string(self.shared.template.clone()))
        } else {
            Err(not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // The document's own date, never the clock: the output must not depend on when it ran.
        Some(self.today)
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_with_slash().into())
}
