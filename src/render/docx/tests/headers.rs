//! `--reference-docx` headers and footers: a letterhead header with an emblem, a
//! first-page footer of its own, and the reference's even and odd footers.

use std::io::Write;

use super::*;

const PNG: &[u8] = include_bytes!("../../../../tests/fixtures/images/chart-64x48.png");
const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture""#;
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// `bytes` with parts added or replaced (`Some`) or left out (`None`), and `edit`
/// applied to the text of every other part.
fn rebuilt(
    bytes: &[u8],
    parts_to_set: &[(&str, Option<Vec<u8>>)],
    edit: impl Fn(&str, String) -> String,
) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().to_string();
        if parts_to_set.iter().any(|(n, _)| *n == name) {
            continue;
        }
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        let bytes = match String::from_utf8(bytes) {
            Ok(text) => edit(&name, text).into_bytes(),
            Err(e) => e.into_bytes(),
        };
        out.start_file(name.as_str(), options).unwrap();
        out.write_all(&bytes).unwrap();
    }
    for (name, bytes) in parts_to_set {
        if let Some(bytes) = bytes {
            out.start_file(*name, options).unwrap();
            out.write_all(bytes).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

/// A reference as an office would make one from our own edition: a header with the
/// issuing body's name and its emblem on every page, and on the first page a footer
/// of its own (`w:titlePg`).
fn letterhead() -> Vec<u8> {
    let plain = render(&sample()).unwrap().bytes;
    let header = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {W}><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing><wp:inline><wp:extent cx="609600" cy="457200"/><wp:docPr id="101" name="emblem"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="emblem.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="609600" cy="457200"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r><w:r><w:t>某某市人民政府办公室</w:t></w:r></w:p></w:hdr>"#
    );
    let header_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/image" Target="media/emblem.png"/></Relationships>"#
    );
    let first_footer = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr {W}><w:p><w:r><w:t>首页页脚</w:t></w:r></w:p></w:ftr>"#
    );
    rebuilt(
        &plain,
        &[
            ("word/header1.xml", Some(header.into_bytes())),
            (
                "word/_rels/header1.xml.rels",
                Some(header_rels.into_bytes()),
            ),
            ("word/media/emblem.png", Some(PNG.to_vec())),
            ("word/footer3.xml", Some(first_footer.into_bytes())),
        ],
        |name, text| {
            match name {
            "word/document.xml" => text.replacen(
                "<w:sectPr>",
                r#"<w:sectPr><w:headerReference w:type="default" r:id="rIdH1"/><w:footerReference w:type="first" r:id="rIdF3"/>"#,
                1,
            )
            .replacen("<w:docGrid", "<w:titlePg/><w:docGrid", 1),
            "word/_rels/document.xml.rels" => text.replacen(
                "</Relationships>",
                &format!(
                    r#"<Relationship Id="rIdH1" Type="{REL}/header" Target="header1.xml"/><Relationship Id="rIdF3" Type="{REL}/footer" Target="/word/footer3.xml"/></Relationships>"#
                ),
                1,
            ),
            "[Content_Types].xml" => text.replacen(
                "</Types>",
                r#"<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer3.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>"#,
                1,
            ),
            _ => text,
        }
        },
    )
}

fn with_reference(bytes: &[u8]) -> DocxOptions {
    DocxOptions {
        fonts: FontSet::default(),
        reference: Some(std::sync::Arc::new(Reference::from_bytes(bytes).unwrap())),
        ..DocxOptions::default()
    }
}

/// The `(type, target)` of every header and footer the last section names.
fn section_parts(out: &[u8]) -> Vec<(String, String, String)> {
    let doc = part(out, "word/document.xml");
    let rels = part(out, "word/_rels/document.xml.rels");
    let section = &doc[doc.rfind("<w:sectPr").unwrap()..];
    let mut found = Vec::new();
    for element in ["headerReference", "footerReference"] {
        for tag in section.split(&format!("<w:{element} ")).skip(1) {
            let attr = |tag: &str, name: &str| {
                let at = tag.find(&format!(r#"{name}=""#)).unwrap() + name.len() + 2;
                tag[at..at + tag[at..].find('"').unwrap()].to_string()
            };
            let id = attr(tag, "r:id");
            let rel = rels
                .split("<Relationship ")
                .find(|r| r.contains(&format!(r#"Id="{id}""#)))
                .unwrap_or_else(|| panic!("{id} has no relationship"));
            found.push((
                element.to_string(),
                attr(tag, "w:type"),
                attr(rel, "Target"),
            ));
        }
    }
    found
}

#[test]
fn reference_headers_and_footers_replace_ours() {
    let out = render_with(&sample(), &with_reference(&letterhead())).unwrap();
    let named = section_parts(&out.bytes);
    assert_eq!(
        named,
        [
            ("headerReference", "default", "reference-header1.xml"),
            ("footerReference", "first", "reference-footer2.xml"),
            ("footerReference", "default", "reference-footer3.xml"),
            ("footerReference", "even", "reference-footer4.xml"),
        ]
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    );
    // Every part named is there and typed; ours are gone, with their relationships
    // and content types.
    let types = part(&out.bytes, "[Content_Types].xml");
    for (element, _, target) in &named {
        let kind = if element == "headerReference" {
            "header"
        } else {
            "footer"
        };
        assert!(
            entry(&out.bytes, &format!("word/{target}")).is_some(),
            "{target}"
        );
        assert!(
            types.contains(&format!(
                r#"<Override PartName="/word/{target}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml" />"#
            )),
            "{target}"
        );
    }
    for ours in [
        "word/footer1.xml",
        "word/footer2.xml",
        "word/_rels/footer1.xml.rels",
    ] {
        assert!(entry(&out.bytes, ours).is_none(), "{ours} left");
    }
    assert!(!types.contains("/word/footer1.xml"));
    let rels = part(&out.bytes, "word/_rels/document.xml.rels");
    assert!(!rels.contains(r#"Target="footer1.xml""#), "{rels}");
    // The header keeps its text and its emblem, copied under a name of our own.
    let header = part(&out.bytes, "word/reference-header1.xml");
    assert!(header.contains("某某市人民政府办公室") && header.contains(r#"r:embed="rId1""#));
    let header_rels = part(&out.bytes, "word/_rels/reference-header1.xml.rels");
    assert!(
        header_rels.contains(r#"Target="media/reference-1-emblem.png""#),
        "{header_rels}"
    );
    assert_eq!(
        entry(&out.bytes, "word/media/reference-1-emblem.png").as_deref(),
        Some(PNG)
    );
    assert!(
        types.contains(r#"PartName="/word/media/reference-1-emblem.png" ContentType="image/png""#)
    );
    assert!(part(&out.bytes, "word/reference-footer2.xml").contains("首页页脚"));
    // Its first page and even-and-odd setting; the body as without a reference.
    let doc = part(&out.bytes, "word/document.xml");
    let section = &doc[doc.rfind("<w:sectPr").unwrap()..];
    assert!(section.contains("<w:titlePg/><w:docGrid"), "{section}");
    assert!(part(&out.bytes, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));
    let plain = render(&sample()).unwrap().bytes;
    assert_eq!(
        paragraph_texts(&doc),
        paragraph_texts(&part(&plain, "word/document.xml"))
    );
    assert_eq!(
        out.bytes,
        render_with(&sample(), &with_reference(&letterhead()))
            .unwrap()
            .bytes
    );
}

#[test]
fn a_reference_without_headers_keeps_ours_and_odd_ones_are_refused() {
    let plain = render(&sample()).unwrap().bytes;
    // No header or footer, and no even-and-odd setting.
    let bare = rebuilt(
        &plain,
        &[("word/footer1.xml", None), ("word/footer2.xml", None)],
        |name, text| match name {
            "word/document.xml" => {
                let start = text.find("<w:footerReference").unwrap();
                let end = text.find("<w:pgSz").unwrap();
                format!("{}{}", &text[..start], &text[end..])
            }
            _ => text,
        },
    );
    let out = render_with(&sample(), &with_reference(&bare)).unwrap();
    assert_eq!(
        section_parts(&out.bytes),
        section_parts(&plain),
        "our footers stay"
    );
    assert!(part(&out.bytes, "word/footer1.xml").contains("PAGE"));
    // A header the reference names but does not hold is a clear error.
    let broken = rebuilt(&letterhead(), &[("word/header1.xml", None)], |_, t| t);
    let err = Reference::from_bytes(&broken).unwrap_err();
    assert!(err.contains("word/header1.xml"), "{err}");
}

/// `ZHPRINT_SAMPLE_DIR=dir`: writes the letterhead reference there, to try it in an
/// office suite (`zhprint convert --reference-docx dir/letterhead.docx`).
#[test]
fn write_the_letterhead_when_asked() {
    if let Ok(dir) = std::env::var("ZHPRINT_SAMPLE_DIR") {
        std::fs::write(
            std::path::Path::new(&dir).join("letterhead.docx"),
            letterhead(),
        )
        .unwrap();
    }
}
