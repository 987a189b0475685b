//! `word/settings.xml`, `docProps/core.xml` and `docProps/app.xml`, written whole.
//!
//! docx-rs writes `w:evenAndOddHeaders` after `w:compat` (the schema wants it
//! before), has no zh-CN theme language, and gives core properties no title,
//! creator or language through its public API.

use super::xml::escape;
use crate::model::{Block, Meta};
use crate::render::date::Stamp;

/// `word/settings.xml`: odd/even footers, punctuation compression, zh-CN.
/// Elements are in the schema's order (CT_Settings), which Word checks.
pub fn settings_xml() -> String {
    concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
        r#"<w:zoom w:percent="100"/>"#,
        r#"<w:defaultTabStop w:val="420"/>"#,
        r#"<w:evenAndOddHeaders/>"#,
        r#"<w:characterSpacingControl w:val="compressPunctuation"/>"#,
        r#"<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/>"#,
        r#"<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>"#,
        r#"<w:compatSetting w:name="overrideTableStyleFontSizeAndJustification" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>"#,
        r#"<w:compatSetting w:name="enableOpenTypeFeatures" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>"#,
        r#"<w:compatSetting w:name="doNotFlipMirrorIndents" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>"#,
        r#"</w:compat>"#,
        r#"<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>"#,
        r#"<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>"#,
        r#"</w:settings>"#
    )
    .to_string()
}

/// `docProps/core.xml`: title, creator = source (else author), the page URL as
/// identifier, the page's description (Word's "Comments") and keywords, language
/// zh-CN, and the one date the renderer was given.
pub fn core_xml(meta: &Meta, stamp: &Stamp) -> String {
    let mut out = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
    ));
    let mut element = |tag: &str, value: &str| {
        let value = escape(value.trim());
        if !value.trim().is_empty() {
            out.push_str(&format!("<{tag}>{}</{tag}>", value.trim()));
        }
    };
    element("dc:title", &meta.title);
    let creator = meta
        .source
        .as_deref()
        .or(meta.author.as_deref())
        .unwrap_or("");
    element("dc:creator", creator);
    element("dc:identifier", meta.url.as_deref().unwrap_or(""));
    element("dc:description", meta.description.as_deref().unwrap_or(""));
    element("cp:keywords", &meta.keywords.join("; "));
    element("dc:language", "zh-CN");
    element("cp:revision", "1");
    let when = stamp.w3cdtf();
    out.push_str(&format!(
        r#"<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified></cp:coreProperties>"#
    ));
    out
}

/// `docProps/app.xml`: the application, and the counts Word shows under File → Info
/// (characters without and with spaces, paragraphs), counted from the document so
/// that they are right before Word recounts. docx-rs leaves the part empty.
pub fn app_xml(title: &str, blocks: &[Block]) -> String {
    let lines: Vec<String> = std::iter::once(title.to_owned())
        .chain(blocks.iter().flat_map(Block::text_lines))
        .filter(|line| !line.trim().is_empty())
        .collect();
    let with_spaces: usize = lines.iter().map(|line| line.chars().count()).sum();
    let without: usize = lines
        .iter()
        .map(|line| line.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#,
            "<Application>zhprint</Application><DocSecurity>0</DocSecurity>",
            "<Characters>{without}</Characters><Paragraphs>{paragraphs}</Paragraphs>",
            "<ScaleCrop>false</ScaleCrop>",
            "<LinksUpToDate>false</LinksUpToDate><CharactersWithSpaces>{with_spaces}</CharactersWithSpaces>",
            "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>",
            "</Properties>"
        ),
        without = without,
        paragraphs = lines.len(),
        with_spaces = with_spaces,
    )
}
