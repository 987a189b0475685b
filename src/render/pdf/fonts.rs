//! The bundled fonts: OFL subsets compiled into the binary (see `assets/fonts/README.md`),
//! parsed once per process, and the coverage check that names characters none of them has.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use typst::foundations::Bytes;
use typst::text::{is_default_ignorable, Font, FontBook};
use typst::utils::LazyHash;

use crate::model::{Block, Document, Inline};

/// The font files. Their family names are the template's interface: "Noto Serif CJK SC"
/// (宋体 role: body; bold: title), "Noto Sans CJK SC" (黑体 role), and "Zhprint Kai"
/// (楷体 role), a subset of LXGW WenKai renamed because the OFL reserves its names.
static FILES: [&[u8]; 4] = [
    include_bytes!("../../../assets/fonts/NotoSerifSC-Regular.otf"),
    include_bytes!("../../../assets/fonts/NotoSerifSC-Bold.otf"),
    include_bytes!("../../../assets/fonts/NotoSansSC-Medium.otf"),
    include_bytes!("../../../assets/fonts/ZhprintKai-Regular.ttf"),
];

/// The parsed fonts and their book, shared by every document of the process.
pub struct Fonts {
    pub fonts: Vec<Font>,
    pub book: LazyHash<FontBook>,
}

pub static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    // `Bytes::new` over a `&'static [u8]` borrows the embedded data: no copy.
    let fonts: Vec<Font> = FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    let book = LazyHash::new(FontBook::from_fonts(&fonts));
    Fonts { fonts, book }
});

impl Fonts {
    /// Whether some bundled font maps `c` to a glyph.
    fn covers(&self, c: char) -> bool {
        self.fonts
            .iter()
            .any(|font| font.info().coverage.contains(c as u32))
    }
}

/// One warning per distinct character of `doc` that no bundled font has, in code point
/// order. Typst would print such a character as an empty box without saying so.
pub fn missing_glyphs(doc: &Document) -> Vec<String> {
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
    let fonts = &*FONTS;
    chars
        .into_iter()
        .filter(|&c| !c.is_control() && !c.is_whitespace() && !is_default_ignorable(c))
        .filter(|&c| !fonts.covers(c))
        .map(|c| format!("no font has U+{:04X} '{c}'", c as u32))
        .collect()
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
        let book = &FONTS.book;
        for family in ["Noto Serif CJK SC", "Noto Sans CJK SC", "Zhprint Kai"] {
            assert!(
                book.contains_family(&family.to_lowercase()),
                "{family} not loaded"
            );
        }
        assert_eq!(FONTS.fonts.len(), 4);
        for c in ['中', '，', '①', '㈠', '⑴', '℃', 'Ａ', '→', '─', 'é'] {
            assert!(FONTS.covers(c), "{c} not covered");
        }
    }
}
