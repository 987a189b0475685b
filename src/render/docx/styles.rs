//! `word/styles.xml`, written whole: the GB/T 9704 look defined once, by name.
//!
//! docx-rs's style builder drops `w:firstLineChars`, cannot write `w:lang`, kinsoku
//! or `w:snapToGrid`, and always adds its own empty `Normal`, so a second `Normal`
//! would duplicate the built-in one. The document body that docx-rs writes refers
//! to these style ids: [`ids`].
//!
//! The section's document grid says 22 lines × 28 characters (Word's page setup
//! shows it), but paragraphs stay off it (`w:snapToGrid="0"`): LibreOffice gives a
//! 16 pt glyph two cells of a 15.8 pt grid, halving the line. The 28 characters
//! come from −0.25 pt tracking on the body instead, the same in every reader.
//!
//! Every paragraph and run style names its East Asian face (`w:eastAsia`) apart from
//! the Latin one (`w:ascii`/`w:hAnsi`): a style that sets only `w:ascii` leaves
//! Chinese text in whatever face the reader's defaults say.

use super::fonts::FontSet;
use super::layout::{tracking, BODY_SZ, INDENT_1_SMALL, INDENT_2, LINE, SMALL_SZ, TITLE_SZ};
use super::xml::escape;

/// Style ids the body refers to.
pub mod ids {
    pub const TITLE: &str = "Title";
    pub const META: &str = "DocumentInfo";
    pub const QUOTE: &str = "Quote";
    pub const CAPTION: &str = "Caption";
    pub const FIGURE: &str = "Figure";
    pub const TABLE_TEXT: &str = "TableText";
    pub const LIST: &str = "ListParagraph";
    pub const PAGE_ODD: &str = "PageNumberOdd";
    pub const PAGE_EVEN: &str = "PageNumberEven";
    pub const STRONG: &str = "Strong";
    pub const EMPHASIS: &str = "Emphasis";
    pub const HYPERLINK: &str = "Hyperlink";
    pub const TABLE: &str = "TableGrid";

    /// `Heading1`…`Heading6` for levels 1–6; anything deeper is level 6.
    pub fn heading(level: u8) -> String {
        format!("Heading{}", level.clamp(1, 6))
    }
}

/// `w:rFonts` with the East Asian face apart from the Latin one.
fn fonts(east_asia: &str, latin: &str) -> String {
    let (e, l) = (escape(east_asia), escape(latin));
    format!(r#"<w:rFonts w:ascii="{l}" w:eastAsia="{e}" w:hAnsi="{l}" w:cs="{l}"/>"#)
}

fn size(half_points: u32) -> String {
    format!(r#"<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>"#)
}

/// Bold, italic and colour set explicitly, so that a reader's built-in heading
/// look (LibreOffice's is bold and larger) does not leak in.
fn plain(bold: bool) -> String {
    let b = if bold { "" } else { r#" w:val="0""# };
    format!(r#"<w:b{b}/><w:bCs{b}/><w:i w:val="0"/><w:iCs w:val="0"/><w:color w:val="000000"/>"#)
}

/// Styles not set at body size drop the body's tracking.
const NO_TRACKING: &str = r#"<w:spacing w:val="0"/>"#;

const NO_INDENT: &str = r#"<w:ind w:firstLineChars="0" w:firstLine="0"/>"#;

/// One paragraph style. `ppr`/`rpr` are the inner elements in schema order.
fn paragraph_style(
    id: &str,
    name: &str,
    based_on: Option<&str>,
    extra: &str,
    ppr: &str,
    rpr: &str,
) -> String {
    let based = based_on
        .map(|b| format!(r#"<w:basedOn w:val="{b}"/><w:next w:val="Normal"/>"#))
        .unwrap_or_default();
    format!(
        r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/>{based}{extra}<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"#
    )
}

fn character_style(id: &str, name: &str, rpr: &str) -> String {
    format!(
        r#"<w:style w:type="character" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="22"/><w:qFormat/><w:rPr>{rpr}</w:rPr></w:style>"#
    )
}

/// The whole `word/styles.xml`.
pub fn styles_xml(f: &FontSet, widow_control: bool) -> String {
    let latin = &f.latin;
    let body_fonts = fonts(&f.fangsong, latin);
    let line_exact =
        format!(r#"<w:spacing w:before="0" w:after="0" w:line="{LINE}" w:lineRule="exact"/>"#);
    let body_indent = format!(r#"<w:ind w:firstLineChars="200" w:firstLine="{INDENT_2}"/>"#);
    let no_snap = r#"<w:snapToGrid w:val="0"/>"#;
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
    );
    // Kinsoku and punctuation overflow on, no automatic space between CJK and
    // Latin/digits (spec §H3, D3); zh-CN for East Asian text.
    s.push_str(&format!(
        r#"<w:docDefaults><w:rPrDefault><w:rPr>{body_fonts}<w:kern w:val="2"/>{}<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:kinsoku/><w:overflowPunct/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>{line_exact}</w:pPr></w:pPrDefault></w:docDefaults>"#,
        size(BODY_SZ)
    ));
    s.push_str(&format!(
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="{}"/>{no_snap}{line_exact}{body_indent}<w:jc w:val="both"/></w:pPr><w:rPr>{body_fonts}<w:spacing w:val="{}"/>{}</w:rPr></w:style>"#,
        u8::from(widow_control),
        tracking(),
        size(BODY_SZ)
    ));
    s.push_str(r#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#);
    s.push_str(r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#);
    s.push_str(&paragraph_style(
        ids::TITLE,
        "Title",
        Some("Normal"),
        "",
        &format!(r#"<w:keepNext/>{no_snap}<w:spacing w:before="0" w:after="{LINE}" w:line="{LINE}" w:lineRule="exact"/>{NO_INDENT}<w:jc w:val="center"/>"#),
        &format!("{}{}{NO_TRACKING}{}", fonts(&f.title, latin), plain(false), size(TITLE_SZ)),
    ));
    // As the PDF lays out the first page: each title line on the body's line
    // pitch (a 22 pt glyph fits a 28.95 pt line), one blank line, the source and
    // date line, one blank line, the body; so the body stays on the page's grid.
    s.push_str(&paragraph_style(
        ids::META,
        "Document Info",
        Some("Normal"),
        "",
        &format!(r#"<w:spacing w:before="0" w:after="{LINE}" w:line="{LINE}" w:lineRule="exact"/>{NO_INDENT}<w:jc w:val="center"/>"#),
        &format!("{}{}", fonts(&f.kai, latin), size(BODY_SZ)),
    ));
    // Heading fonts per spec §H2: 1 黑体, 2 楷体, 3 仿宋 bold, 4 仿宋; same size and
    // indent as the body. Levels 5–6 look like 4 but keep their outline level.
    for level in 1u8..=6 {
        let (face, bold) = match level {
            1 => (&f.hei, false),
            2 => (&f.kai, false),
            3 => (&f.fangsong, true),
            _ => (&f.fangsong, false),
        };
        s.push_str(&paragraph_style(
            &ids::heading(level),
            &format!("heading {level}"),
            Some("Normal"),
            r#"<w:uiPriority w:val="9"/>"#,
            &format!(
                r#"<w:keepNext/><w:keepLines/><w:outlineLvl w:val="{}"/>"#,
                level - 1
            ),
            &format!("{}{}{}", fonts(face, latin), plain(bold), size(BODY_SZ)),
        ));
    }
    s.push_str(&paragraph_style(
        ids::QUOTE,
        "Quote",
        Some("Normal"),
        "",
        &format!(r#"<w:ind w:leftChars="200" w:left="{INDENT_2}" w:firstLineChars="200" w:firstLine="{INDENT_2}"/>"#),
        &format!("{}{}", fonts(&f.kai, latin), size(BODY_SZ)),
    ));
    s.push_str(&paragraph_style(
        ids::CAPTION,
        "caption",
        Some("Normal"),
        "",
        &format!(r#"<w:keepLines/>{NO_INDENT}<w:jc w:val="center"/>"#),
        &format!("{}{}", fonts(&f.kai, latin), size(BODY_SZ)),
    ));
    // A picture's paragraph: centred, single spacing (an exact line would clip the
    // picture to one line's height), kept with its caption.
    s.push_str(&paragraph_style(
        ids::FIGURE,
        "Figure",
        Some("Normal"),
        "",
        &format!(r#"<w:keepNext/>{no_snap}<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>{NO_INDENT}<w:jc w:val="center"/>"#),
        "",
    ));
    s.push_str(&paragraph_style(
        ids::LIST,
        "List Paragraph",
        Some("Normal"),
        "",
        "",
        &format!("{}{}", body_fonts, size(BODY_SZ)),
    ));
    // Table cells: 四号, single spacing, off the character grid (a 14 pt glyph on a
    // 16 pt grid would be spaced out).
    s.push_str(&paragraph_style(
        ids::TABLE_TEXT,
        "Table Text",
        Some("Normal"),
        "",
        &format!(r#"{no_snap}<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>{NO_INDENT}<w:jc w:val="left"/>"#),
        &format!("{}{NO_TRACKING}{}", body_fonts, size(SMALL_SZ)),
    ));
    // Page numbers: 四号 半角 宋体 for the digits too (spec §H2), one character
    // of space on the outside edge.
    let footer_rpr = format!("{}{NO_TRACKING}{}", fonts(&f.song, &f.song), size(SMALL_SZ));
    let footer_ppr =
        format!(r#"{no_snap}<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>"#);
    s.push_str(&paragraph_style(
        "Footer",
        "footer",
        Some("Normal"),
        "",
        &format!("{footer_ppr}{NO_INDENT}"),
        &footer_rpr,
    ));
    s.push_str(&paragraph_style(
        ids::PAGE_ODD,
        "Page Number Odd",
        Some("Footer"),
        "",
        &format!(r#"{footer_ppr}<w:ind w:rightChars="100" w:right="{INDENT_1_SMALL}" w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="right"/>"#),
        &footer_rpr,
    ));
    s.push_str(&paragraph_style(
        ids::PAGE_EVEN,
        "Page Number Even",
        Some("Footer"),
        "",
        &format!(r#"{footer_ppr}<w:ind w:leftChars="100" w:left="{INDENT_1_SMALL}" w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/>"#),
        &footer_rpr,
    ));
    s.push_str(&character_style(ids::STRONG, "Strong", r#"<w:b/><w:bCs/>"#));
    // Chinese has no true italic: emphasis is set in 楷体, as print does.
    s.push_str(&character_style(
        ids::EMPHASIS,
        "Emphasis",
        &format!(r#"<w:rFonts w:eastAsia="{}"/>"#, escape(&f.kai)),
    ));
    // Underlined, not coloured: this is a print edition.
    s.push_str(&character_style(
        ids::HYPERLINK,
        "Hyperlink",
        r#"<w:u w:val="single"/>"#,
    ));
    s.push_str(&format!(
        r#"<w:style w:type="table" w:styleId="{}"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:pPr><w:jc w:val="left"/></w:pPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders></w:tblPr></w:style>"#,
        ids::TABLE
    ));
    s.push_str("</w:styles>");
    s
}
