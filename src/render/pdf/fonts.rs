//! The fonts a PDF may use: the bundled OFL subsets compiled into the binary (see
//! `assets/fonts/README.md`), parsed once per process, plus any system fonts asked for
//! by family name (`--font`), and the coverage check that names characters none has.

use std::collections::BTreeSet;
use std::sync::{Arc, LazyLock};

use typst::foundations::Bytes;
use typst::text::{is_default_ignorable, Font, FontBook, FontWeight};
use typst::utils::LazyHash;

use crate::model::{Block, Document, Inline};

/// The font files. Their family names are the template's interface: "Noto Serif CJK SC"
/// (宋体 role: body; bold: title), "Noto Sans CJK SC" (黑体 role), "Zhprint Kai" (楷体
/// role), a subset of LXGW WenKai renamed because the OFL reserves its names, and
/// "Zhprint Latin" (digits and Latin letters in the serif roles), a Latin subset of
/// Liberation Serif renamed for the same reason.
pub(crate) static FILES: [&[u8]; 6] = [
    include_bytes!("../../../assets/fonts/NotoSerifSC-Regular.ttf"),
    include_bytes!("../../../assets/fonts/NotoSerifSC-Bold.ttf"),
    include_bytes!("../../../assets/fonts/NotoSansSC-Medium.ttf"),
    include_bytes!("../../../assets/fonts/ZhprintKai-Regular.ttf"),
    include_bytes!("../../../assets/fonts/ZhprintLatin-Regular.ttf"),
    include_bytes!("../../../assets/fonts/ZhprintLatin-Bold.ttf"),
];

/// Parsed fonts and their book.
pub struct FontSet {
    pub fonts: Vec<Font>,
    pub book: LazyHash<FontBook>,
}

/// The bundled fonts, shared by every document of the process.
pub static BUNDLED: LazyLock<Arc<FontSet>> = LazyLock::new(|| {
    // `Bytes::new` over a `&'static [u8]` borrows the embedded data: no copy.
    let fonts = FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    Arc::new(FontSet::new(fonts))
});

impl FontSet {
    fn new(fonts: Vec<Font>) -> Self {
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        Self { fonts, book }
    }

    /// The bundled fonts plus every face of the system families `families` (names in any
    /// language the font gives, case-insensitive). Returns the set and, per family asked
    /// for, the name typst knows it by; an error names a family no system font has.
    pub fn with_system(families: &[String]) -> Result<(FontSet, Vec<String>), String> {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        let mut fonts = BUNDLED.fonts.clone();
        let mut names = Vec::new();
        for family in families {
            let wanted = family.to_lowercase();
            // Sorted by path and index, so the order (and so the output) never depends
            // on the order the file system listed them in.
            let mut faces: Vec<(String, u32)> = db
                .faces()
                .filter(|face| {
                    face.families
                        .iter()
                        .any(|(name, _)| name.to_lowercase() == wanted)
                })
                .filter_map(|face| match &face.source {
                    fontdb::Source::File(path) => {
                        Some((path.to_string_lossy().into_owned(), face.index))
                    }
                    _ => None,
                })
                .collect();
            faces.sort();
            faces.dedup();
            let mut found = None;
            for (path, index) in faces {
                let data = std::fs::read(&path).map_err(|e| format!("{path}: {e}"))?;
                if let Some(font) = Font::new(Bytes::new(data), index) {
                    found.get_or_insert_with(|| font.info().family.clone());
                    fonts.push(font);
                }
            }
            names.push(found.ok_or_else(|| format!("no system font of family {family:?}"))?);
        }
        Ok((FontSet::new(fonts), names))
    }

    /// The families (lower case, as typst compares them) that have a face of weight 600
    /// or more: the others get their bold from a stroke in the template.
    pub fn bold_families(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .fonts
            .iter()
            .filter(|font| font.info().variant.weight >= FontWeight::SEMIBOLD)
            .map(|font| font.info().family.to_lowercase())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Whether some font of the set maps `c` to a glyph.
    fn covers(&self, c: char) -> bool {
        self.fonts
            .iter()
            .any(|font| font.info().coverage.contains(c as u32))
    }

    /// One warning per distinct character of `doc` that no font of the set has, in code
    /// point order. Typst would print such a character as an empty box without saying so.
    pub fn missing_glyphs(&self, doc: &Document) -> Vec<String> {
        let mut chars = BTreeSet::new();
        let mut add = |s: &str| chars.extend(s.chars());
        add(&doc.meta.title);
        for s in [&doc.meta.source, &doc.meta.author, &doc.meta.date]
            .into_iter()
            .flatten()
        {
            add(s);
        }
        for block in &doc.blocks {
            block_text(block, &mut add);
        }
        chars
            .into_iter()
            .filter(|&c| !c.is_control() && !c.is_whitespace() && !is_default_ignorable(c))
            .filter(|&c| !self.covers(c))
            .map(|c| format!("no font has U+{:04X} '{c}'", c as u32))
            .collect()
    }
}

/// Feeds every string of `block` that the template prints to `add`.
fn block_text(block: &Block, add: &mut impl FnMut(&str)) {
    match block {
        Block::Heading { content, .. } | Block::Paragraph { content } => inline_text(content, add),
        Block::List { items, .. } => items.iter().for_each(|item| inline_text(item, add)),
        Block::Table { rows } => rows
            .iter()
            .flat_map(|row| &row.cells)
            .for_each(|cell| inline_text(&cell.content, add)),
        Block::Image { alt, caption, .. } => {
            add(alt);
            caption.as_deref().into_iter().for_each(&mut *add);
        }
        Block::Quote { blocks } => blocks.iter().for_each(|b| block_text(b, add)),
    }
}

fn inline_text(content: &[Inline], add: &mut impl FnMut(&str)) {
    for inline in content {
        match inline {
            Inline::Text { text } => add(text),
            Inline::Strong { content }
            | Inline::Emphasis { content }
            | Inline::Link { content, .. } => inline_text(content, add),
            Inline::LineBreak => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_families_are_loaded() {
        let book = &BUNDLED.book;
        for family in [
            "Noto Serif CJK SC",
            "Noto Sans CJK SC",
            "Zhprint Kai",
            "Zhprint Latin",
        ] {
            assert!(
                book.contains_family(&family.to_lowercase()),
                "{family} not loaded"
            );
        }
        assert_eq!(BUNDLED.fonts.len(), 6);
        for c in ['中', '，', '①', '㈠', '⑴', '℃', 'Ａ', '→', '─', 'é'] {
            assert!(BUNDLED.covers(c), "{c} not covered");
        }
        let bold = BUNDLED.bold_families();
        assert_eq!(bold, ["noto serif cjk sc", "zhprint latin"]);
    }

    #[test]
    fn an_unknown_system_family_is_an_error() {
        let err = FontSet::with_system(&["No Such Family 字体".into()]).err();
        assert_eq!(
            err.as_deref(),
            Some("no system font of family \"No Such Family 字体\"")
        );
    }
}
