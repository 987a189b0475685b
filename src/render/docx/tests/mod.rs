//! Reads the produced DOCX back (zip + XML text) and checks it against the document.

use std::io::{Cursor, Read};

use super::*;
use crate::model::{Block, Inline, Meta, TableCell, TableRow};

fn sample() -> Document {
    let t = |s: &str| Inline::text(s);
    let cell = |s: &str, colspan, rowspan| TableCell {
        content: vec![t(s)],
        colspan,
        rowspan,
    };
    Document {
        images: Vec::new(),
        meta: Meta {
            title: "太原市2021年法治政府建设年度报告".into(),
            date: Some("2022-03-07".into()),
            source: Some("太原市司法局".into()),
            author: None,
            url: Some("https://example.org/a?b=1&c=2".into()),
            description: Some("太原市2021年法治政府建设情况".into()),
            keywords: vec!["法治政府".into(), "年度报告".into()],
            ..Meta::default()
        },
        blocks: vec![
            Block::Heading {
                level: 1,
                content: vec![t("一、主要举措")],
            },
            Block::Paragraph {
                content: vec![
                    t("平均用时3.6小时，占比44.5%，"),
                    Inline::Strong {
                        content: vec![t("重点")],
                    },
                    Inline::Emphasis {
                        content: vec![t("强调")],
                    },
                    Inline::LineBreak,
                    Inline::Link {
                        url: "https://example.org/x?a=1&b=<2>".into(),
                        content: vec![t("链接")],
                    },
                    Inline::Link {
                        url: "javascript:alert(1)".into(),
                        content: vec![t("脚本")],
                    },
                    Inline::Link {
                        url: "https://example.org/y".into(),
                        content: vec![t("二")],
                    },
                    t("a<b>&\"c'\u{1}"),
                ],
            },
            Block::Heading {
                level: 2,
                content: vec![t("（一）深化改革")],
            },
            Block::Heading {
                level: 3,
                content: vec![t("1.完善制度")],
            },
            Block::Heading {
                level: 4,
                content: vec![t("（1）细则")],
            },
            Block::Heading {
                level: 9,
                content: vec![t("更深")],
            },
            Block::List {
                ordered: true,
                items: vec![vec![t("甲")], vec![t("乙")]],
            },
            Block::List {
                ordered: false,
                items: vec![vec![t("丙")], vec![]],
            },
            Block::Table {
                rows: vec![
                    TableRow {
                        header: true,
                        cells: vec![cell("项目", 1, 2), cell("数量", 2, 1)],
                    },
                    TableRow {
                        header: false,
                        cells: vec![cell("2021", 1, 1), cell("2022", 1, 1)],
                    },
                ],
            },
            Block::Image {
                src: "https://example.org/p.png".into(),
                alt: "图片".into(),
                caption: Some("图1 示意".into()),
                image: None,
            },
            Block::Quote {
                blocks: vec![Block::Paragraph {
                    content: vec![t("引文")],
                }],
            },
        ],
    }
}

/// Every part of the zip as text (all parts are XML).
fn parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().to_string(), s)
        })
        .collect()
}

fn part(bytes: &[u8], name: &str) -> String {
    entry(bytes, name)
        .map(|b| String::from_utf8(b).expect("XML is UTF-8"))
        .unwrap_or_else(|| panic!("{name} missing"))
}

/// The text of `w:t` elements per paragraph, entities decoded.
fn paragraph_texts(xml: &str) -> Vec<String> {
    xml.split("<w:p ")
        .skip(1)
        .map(|p| {
            let p = p.split("</w:p>").next().unwrap_or("");
            let mut out = String::new();
            for piece in p.split("<w:t").skip(1) {
                let Some(start) = piece.find('>') else {
                    continue;
                };
                if piece[..start].ends_with('/') {
                    continue;
                }
                let text = &piece[start + 1..piece.find("</w:t>").unwrap_or(start + 1)];
                out.push_str(text);
            }
            out.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&")
        })
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn text_matches_the_document_in_order() {
    let doc = sample();
    let out = render(&doc).unwrap();
    let texts = paragraph_texts(&part(&out.bytes, "word/document.xml"));
    assert_eq!(texts[0], doc.meta.title);
    assert_eq!(texts[1], "来源：太原市司法局\u{3000}发布日期：2022年3月7日");
    // Table rows come out cell by cell; the model's lines join them by tabs.
    let expected: Vec<String> = doc
        .blocks
        .iter()
        .flat_map(Block::text_lines)
        .flat_map(|l| {
            l.split('\t')
                .map(|s| s.replace('\n', ""))
                .collect::<Vec<_>>()
        })
        .map(|l| l.replace('\u{1}', ""))
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(&texts[2..], &expected[..]);
    assert_eq!(
        out.warnings,
        vec!["image not embedded: https://example.org/p.png"]
    );
}

#[test]
fn styles_name_east_asian_fonts_and_headings() {
    let out = render(&sample()).unwrap();
    let styles = part(&out.bytes, "word/styles.xml");
    // One Normal, with the body look.
    assert_eq!(styles.matches(r#"w:styleId="Normal""#).count(), 1);
    let normal = styles
        .split(r#"w:styleId="Normal""#)
        .nth(1)
        .unwrap()
        .split("</w:style>")
        .next()
        .unwrap();
    for want in [
        r#"w:eastAsia="仿宋_GB2312""#,
        r#"w:ascii="Times New Roman""#,
        r#"w:hAnsi="Times New Roman""#,
        r#"<w:sz w:val="32"/>"#,
        r#"w:line="579" w:lineRule="exact""#,
        r#"w:firstLineChars="200" w:firstLine="640""#,
        r#"<w:jc w:val="both"/>"#,
        r#"<w:snapToGrid w:val="0"/>"#,
        r#"<w:spacing w:val="-5"/>"#,
        // 孤行控制 off, as in Chinese Word's Normal: pages keep their 22 lines.
        r#"<w:widowControl w:val="0"/>"#,
    ] {
        assert!(normal.contains(want), "Normal lacks {want}");
    }
    let never = DocxOptions::default().with_widow_control(true);
    let on = part(
        &render_with(&sample(), &never).unwrap().bytes,
        "word/styles.xml",
    );
    assert!(on.contains(r#"<w:widowControl w:val="1"/>"#));
    assert!(styles.contains(r#"<w:lang w:val="en-US" w:eastAsia="zh-CN""#));
    // Every rFonts that names a Latin face names an East Asian one too.
    for rfonts in styles.split("<w:rFonts").skip(1) {
        let rfonts = rfonts.split("/>").next().unwrap();
        assert!(
            rfonts.contains("w:eastAsia="),
            "rFonts without eastAsia: {rfonts}"
        );
    }
    for (level, face) in [
        (1, "黑体"),
        (2, "楷体_GB2312"),
        (3, "仿宋_GB2312"),
        (4, "仿宋_GB2312"),
    ] {
        let style = styles
            .split(&format!(r#"w:styleId="Heading{level}""#))
            .nth(1)
            .unwrap()
            .split("</w:style>")
            .next()
            .unwrap();
        assert!(style.contains(&format!(r#"<w:name w:val="heading {level}"/>"#)));
        assert!(style.contains(&format!(r#"<w:outlineLvl w:val="{}"/>"#, level - 1)));
        assert!(style.contains(&format!(r#"w:eastAsia="{face}""#)));
        assert_eq!(style.contains("<w:b/>"), level == 3);
    }
    let title = styles
        .split(r#"w:styleId="Title""#)
        .nth(1)
        .unwrap()
        .split("</w:style>")
        .next()
        .unwrap();
    assert!(
        title.contains(r#"w:eastAsia="方正小标宋简体""#) && title.contains(r#"<w:sz w:val="44"/>"#)
    );
    assert!(title.contains(r#"<w:jc w:val="center"/>"#));
    // Title lines on the body's pitch, then a blank line, as in the PDF.
    assert!(title.contains(r#"w:after="579" w:line="579" w:lineRule="exact""#));
    let fonts = part(&out.bytes, "word/fontTable.xml");
    assert!(fonts.contains(r#"<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>"#));

    let doc = part(&out.bytes, "word/document.xml");
    for (level, style) in [(1, "Heading1"), (2, "Heading2"), (9, "Heading6")] {
        let _ = level;
        assert!(
            doc.contains(&format!(r#"<w:pPr><w:pStyle w:val="{style}" />"#)),
            "{style}"
        );
    }
}

#[test]
fn page_setup_grid_and_footers() {
    let out = render(&sample()).unwrap();
    let doc = part(&out.bytes, "word/document.xml");
    assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838""#));
    for want in [
        r#"w:top="2098""#,
        r#"w:bottom="1984""#,
        r#"w:left="1587""#,
        r#"w:right="1474""#,
    ] {
        assert!(doc.contains(want), "pgMar lacks {want}");
    }
    assert!(
        doc.contains(r#"w:type="linesAndChars" w:linePitch="579" w:charSpace="-8"#),
        "docGrid"
    );
    assert!(doc.contains(r#"<w:footerReference w:type="default""#));
    assert!(doc.contains(r#"<w:footerReference w:type="even""#));
    assert!(part(&out.bytes, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));
    let footers: Vec<_> = parts(&out.bytes)
        .into_iter()
        .filter(|(n, _)| n.starts_with("word/footer"))
        .collect();
    assert_eq!(footers.len(), 2);
    for (_, f) in &footers {
        assert!(f.contains(r#"w:fldCharType="begin""#) && f.contains(r#"w:fldCharType="end""#));
        assert!(f.contains("<w:instrText") && f.contains(" PAGE </w:instrText>"));
        assert_eq!(paragraph_texts(f), vec!["— 1 —"]);
    }
    assert!(footers.iter().any(|(_, f)| f.contains("PageNumberOdd")));
    assert!(footers.iter().any(|(_, f)| f.contains("PageNumberEven")));
}

#[test]
fn tables_links_and_breaks() {
    let out = render(&sample()).unwrap();
    let doc = part(&out.bytes, "word/document.xml");
    assert_eq!(doc.matches("<w:tblHeader />").count(), 1);
    assert!(
        doc.contains("<w:tblGrid>")
            && !doc.contains(
                r#"w:type="dxa" />
"#
            )
    );
    assert!(doc.contains(r#"<w:tblPr><w:tblStyle w:val="TableGrid" /><w:tblW "#));
    assert!(!doc.contains("<w:rPr />"));
    let numbering = part(&out.bytes, "word/numbering.xml");
    assert_eq!(
        numbering.matches(r#"<w:num w:numId="1">"#).count(),
        1,
        "ours do not clash with docx-rs's"
    );
    assert!(numbering.contains(r#"<w:num w:numId="10"><w:abstractNumId w:val="10" />"#));
    assert!(numbering.contains(r#"<w:num w:numId="11"><w:abstractNumId w:val="11" />"#));
    // Section references first, as the schema orders them.
    assert!(doc.contains(r#"<w:sectPr><w:footerReference "#));
    assert!(doc.contains(r#"<w:gridSpan w:val="2" />"#));
    assert!(
        doc.contains(r#"<w:vMerge w:val="restart" />"#)
            && doc.contains(r#"<w:vMerge w:val="continue" />"#)
    );
    assert!(doc.contains(r#"<w:tcW w:w=""#) && doc.contains(r#"w:type="dxa""#));
    assert!(doc.contains(r#"<w:br w:type="textWrapping" />"#));
    assert_eq!(
        doc.matches("<w:hyperlink ").count(),
        2,
        "javascript: stays text"
    );
    let rels = part(&out.bytes, "word/_rels/document.xml.rels");
    assert!(
        rels.contains(r#"Target="https://example.org/x?a=1&amp;b=%3C2%3E""#),
        "{rels}"
    );
    let first = rels.find("rIdHyperlink1").unwrap();
    assert!(first < rels.find("rIdHyperlink2").unwrap());
}

#[test]
fn core_properties_come_from_the_document() {
    let out = render(&sample()).unwrap();
    let core = part(&out.bytes, "docProps/core.xml");
    assert!(core.contains("<dc:title>太原市2021年法治政府建设年度报告</dc:title>"));
    assert!(core.contains("<dc:creator>太原市司法局</dc:creator>"));
    assert!(core.contains("<dc:language>zh-CN</dc:language>"));
    assert!(core.contains(">2022-03-07T00:00:00Z</dcterms:created>"));
    assert!(core.contains(">2022-03-07T00:00:00Z</dcterms:modified>"));
    assert!(core.contains("<dc:identifier>https://example.org/a?b=1&amp;c=2</dc:identifier>"));
    assert!(core.contains("<dc:description>太原市2021年法治政府建设情况</dc:description>"));
    assert!(core.contains("<cp:keywords>法治政府; 年度报告</cp:keywords>"));
}

#[test]
fn app_properties_count_the_document() {
    let doc = sample();
    let out = render(&doc).unwrap();
    let app = part(&out.bytes, "docProps/app.xml");
    assert!(app.contains("<Application>zhprint</Application>"), "{app}");
    let lines: Vec<String> = std::iter::once(doc.meta.title.clone())
        .chain(doc.blocks.iter().flat_map(Block::text_lines))
        .filter(|line| !line.trim().is_empty())
        .collect();
    let hanzi: usize = lines
        .iter()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    assert!(hanzi > 20);
    assert!(
        app.contains(&format!("<Characters>{hanzi}</Characters>")),
        "{app}"
    );
    assert!(
        app.contains(&format!("<Paragraphs>{}</Paragraphs>", lines.len())),
        "{app}"
    );
}

#[test]
fn same_input_same_bytes() {
    let doc = sample();
    let first = render(&doc).unwrap().bytes;
    // Render other documents in between, here and on other threads, so that
    // docx-rs's process-wide and thread-local counters have moved on.
    let _ = render(&Document::default()).unwrap();
    let other = std::thread::spawn(move || render(&sample()).unwrap().bytes)
        .join()
        .unwrap();
    assert_eq!(first, render(&doc).unwrap().bytes);
    assert_eq!(first, other);
    // Every zip entry carries the publish date, not the clock.
    let mut zip = zip::ZipArchive::new(Cursor::new(&first)).unwrap();
    for i in 0..zip.len() {
        let t = zip.by_index(i).unwrap().last_modified().unwrap();
        assert_eq!((t.year(), t.month(), t.day(), t.hour()), (2022, 3, 7, 0));
    }
    // The `zip` crate's `time` feature stays off: with it on, docx-rs's own
    // entries would be dated by the clock (ours are re-dated regardless).
    assert_eq!(zip::DateTime::default_for_write(), zip::DateTime::default());
}

#[test]
fn odd_input_does_not_fail() {
    let cell = |colspan, rowspan| TableCell {
        content: vec![],
        colspan,
        rowspan,
    };
    let doc = Document {
        images: Vec::new(),
        meta: Meta {
            title: "\u{0}\u{FFFF}".into(),
            date: Some("not a date".into()),
            ..Meta::default()
        },
        blocks: vec![
            Block::Heading {
                level: 0,
                content: vec![],
            },
            Block::Table { rows: vec![] },
            Block::Table {
                rows: vec![TableRow {
                    header: true,
                    cells: vec![cell(0, 0), cell(u32::MAX, u32::MAX)],
                }],
            },
            Block::List {
                ordered: true,
                items: vec![],
            },
            Block::Quote {
                blocks: vec![Block::Quote { blocks: vec![] }],
            },
            Block::Paragraph {
                content: vec![Inline::Link {
                    url: "https://a.example/".into(),
                    content: vec![Inline::Link {
                        url: "https://b.example/".into(),
                        content: vec![Inline::text("x\ny")],
                    }],
                }],
            },
        ],
    };
    let out = render(&doc).unwrap();
    let core = part(&out.bytes, "docProps/core.xml");
    assert!(!core.contains("<dc:title>"));
    // No date and (in tests) normally no SOURCE_DATE_EPOCH: the fixed date or the epoch's.
    assert!(core.contains("</dcterms:created>"));
    assert!(render(&Document::default()).is_ok());
}

/// Not a check: with `ZHPRINT_SAMPLE_DIR` set, writes `sample.docx`/`sample.txt`
/// (and `seed.docx`/`seed.txt` from the seed report's text, with `ZHPRINT_SEED`
/// naming it) for looking at in LibreOffice.
#[test]
fn write_samples_when_asked() {
    let Ok(dir) = std::env::var("ZHPRINT_SAMPLE_DIR") else {
        return;
    };
    let dir = std::path::Path::new(&dir);
    let doc = sample();
    std::fs::write(dir.join("sample.docx"), render(&doc).unwrap().bytes).unwrap();
    std::fs::write(dir.join("sample.txt"), crate::render::txt::render(&doc)).unwrap();
    let Ok(seed) = std::env::var("ZHPRINT_SEED") else {
        return;
    };
    let text = std::fs::read_to_string(seed).unwrap();
    let mut doc = Document::default();
    doc.meta.title = "太原市2021年法治政府建设年度报告".into();
    doc.meta.date = Some("2022-03-07".into());
    doc.meta.source = Some("太原市司法局".into());
    let body = text
        .lines()
        .map(str::trim)
        .skip_while(|l| !l.starts_with("2021年"))
        .take_while(|l| !l.starts_with("推荐阅读"));
    for line in body.filter(|l| !l.is_empty()) {
        let level = if "一二三四五六七八九"
            .chars()
            .any(|c| line.starts_with(&format!("{c}、")))
        {
            Some(1)
        } else if line.starts_with('（') || line.starts_with('(') {
            Some(2)
        } else {
            None
        };
        let content = vec![Inline::text(line)];
        doc.blocks.push(match level {
            Some(level) if line.chars().count() < 60 => Block::Heading { level, content },
            _ => Block::Paragraph { content },
        });
    }
    let start = std::time::Instant::now();
    for _ in 0..100 {
        let _ = render(&doc).unwrap();
    }
    eprintln!("seed DOCX: {:?} per document", start.elapsed() / 100);
    std::fs::write(dir.join("seed.docx"), render(&doc).unwrap().bytes).unwrap();
    std::fs::write(dir.join("seed.txt"), crate::render::txt::render(&doc)).unwrap();
}

/// `bytes` with `edit` applied to the text of part `name`.
fn edited(bytes: &[u8], name: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    use std::io::Write;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (part, text) in parts(bytes) {
        let text = if part == name { edit(&text) } else { text };
        out.start_file(part, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn reference_docx_gives_styles_and_page_setup() {
    // A reference as Chinese Word writes one: localized style ids (`a` for
    // Normal, `1` for heading 1), its own body face, other margins, and no
    // style for the source and date line.
    let plain = render(&sample()).unwrap().bytes;
    let reference = edited(&plain, "word/styles.xml", |s| {
        let start = s.find(r#"<w:style w:type="paragraph" w:styleId="DocumentInfo""#);
        let s = match start {
            Some(at) => {
                let end = at + s[at..].find("</w:style>").unwrap() + "</w:style>".len();
                format!("{}{}", &s[..at], &s[end..])
            }
            None => panic!("no DocumentInfo style"),
        };
        s.replace(r#"w:styleId="Normal""#, r#"w:styleId="a""#)
            .replace(r#"w:styleId="Heading1""#, r#"w:styleId="1""#)
            .replace(r#"w:eastAsia="仿宋_GB2312""#, r#"w:eastAsia="宋体""#)
    });
    let reference = edited(&reference, "word/document.xml", |s| {
        s.replace(r#"w:top="2098""#, r#"w:top="1440""#)
    });
    let options = DocxOptions {
        fonts: FontSet::default(),
        reference: Some(std::sync::Arc::new(
            Reference::from_bytes(&reference).unwrap(),
        )),
        ..DocxOptions::default()
    };
    let out = render_with(&sample(), &options).unwrap();
    let styles = part(&out.bytes, "word/styles.xml");
    assert!(styles.contains(r#"w:eastAsia="宋体""#));
    assert!(
        !styles.contains(r#"w:styleId="Heading1""#) && !styles.contains(r#"w:styleId="Normal""#)
    );
    // The style the reference lacks is ours, based on the reference's Normal.
    let info = styles.split(r#"w:styleId="DocumentInfo""#).nth(1).unwrap();
    assert!(info
        .split("</w:style>")
        .next()
        .unwrap()
        .contains(r#"<w:basedOn w:val="a"/>"#));
    let doc = part(&out.bytes, "word/document.xml");
    assert!(doc.contains(r#"<w:pStyle w:val="1" />"#) && doc.contains(r#"<w:pStyle w:val="a" />"#));
    assert!(!doc.contains(r#"w:val="Heading1""#) && !doc.contains(r#"w:val="Normal""#));
    assert!(doc.contains(r#"w:top="1440""#) && !doc.contains(r#"w:top="2098""#));
    // Same text, same bytes every time.
    assert_eq!(
        paragraph_texts(&doc),
        paragraph_texts(&part(&plain, "word/document.xml"))
    );
    assert_eq!(out.bytes, render_with(&sample(), &options).unwrap().bytes);
    assert!(Reference::from_bytes(b"not a zip").is_err());
}

#[test]
fn long_title_breaks_into_balanced_lines() {
    let mut doc = sample();
    doc.meta.title =
        "关于印发《太原市2022年优化营商环境工作要点》和《太原市数字政府建设实施方案》的通知".into();
    let out = render(&doc).unwrap();
    let xml = part(&out.bytes, "word/document.xml");
    let title = xml.split("<w:p ").nth(1).unwrap();
    assert!(title.contains(r#"<w:pStyle w:val="Title" />"#));
    assert_eq!(title.matches("<w:br ").count(), 2);
    assert_eq!(paragraph_texts(&xml)[0], doc.meta.title);
    // The document's title property is the title as it is.
    assert!(part(&out.bytes, "docProps/core.xml")
        .contains(&format!("<dc:title>{}</dc:title>", doc.meta.title)));
}

/// A zip entry's bytes.
fn entry(bytes: &[u8], name: &str) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut f = zip.by_name(name).ok()?;
    let mut out = Vec::new();
    f.read_to_end(&mut out).unwrap();
    Some(out)
}

#[test]
fn images_become_pictures_with_captions() {
    use crate::model::{ImageData, ImageFormat};
    const PNG: &[u8] = include_bytes!("../../../../tests/fixtures/images/chart-64x48.png");
    const JPEG: &[u8] = include_bytes!("../../../../tests/fixtures/images/photo-48x40.jpg");
    let mut webp = Vec::new();
    ::image::codecs::webp::WebPEncoder::new_lossless(&mut webp)
        .encode(
            &[200u8; 50 * 40 * 3],
            50,
            40,
            ::image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    let image = |src: &str, alt: &str, caption: Option<&str>, image| Block::Image {
        src: src.into(),
        alt: alt.into(),
        caption: caption.map(str::to_string),
        image,
    };
    let data = |bytes: &[u8], format, width, height| ImageData {
        bytes: bytes.into(),
        format,
        width,
        height,
        orientation: crate::source::jpeg_orientation(bytes),
    };
    let doc = Document {
        meta: Meta {
            title: "图片".into(),
            date: Some("2022-03-07".into()),
            ..Meta::default()
        },
        blocks: vec![
            image("a.png", "", Some("图1 增长"), Some(0)),
            Block::Quote {
                blocks: vec![image("b.jpg", "照片", None, Some(1))],
            },
            image("c.webp", "", None, Some(2)),
            image("d.svg", "", Some("图4 矢量"), Some(3)),
            image("e.png", "", Some("图5 缺失"), None),
            image("a.png", "", Some("图6 再用"), Some(0)),
            image("f.jpg", "", Some("图7 竖拍"), Some(4)),
        ],
        images: vec![
            data(PNG, ImageFormat::Png, 64, 48),
            data(JPEG, ImageFormat::Jpeg, 48, 40),
            data(&webp, ImageFormat::Webp, 50, 40),
            data(
                br#"<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40"><rect width="80" height="40"/></svg>"#,
                ImageFormat::Svg,
                0,
                0,
            ),
            // A 48 × 40 photo an EXIF quarter turn shows 40 × 48.
            data(
                &crate::source::jpeg_with_orientation(JPEG, 6, true),
                ImageFormat::Jpeg,
                40,
                48,
            ),
        ],
    };
    let out = render(&doc).unwrap();
    assert_eq!(out.warnings, ["image not embedded: e.png"]);
    assert_eq!(
        entry(&out.bytes, "word/media/rIdImage1.png").as_deref(),
        Some(PNG)
    );
    assert_eq!(
        entry(&out.bytes, "word/media/rIdImage2.jpeg").as_deref(),
        Some(JPEG)
    );
    let png = entry(&out.bytes, "word/media/rIdImage3.png").expect("the WebP as PNG");
    assert!(png.starts_with(b"\x89PNG"));
    // The SVG drawn as PNG at 288 dpi, shown at its own size (80 × 40 px at 96 dpi).
    let svg = entry(&out.bytes, "word/media/rIdImage4.png").expect("the SVG as PNG");
    let drawn = ::image::load_from_memory(&svg).expect("a PNG");
    assert_eq!((drawn.width(), drawn.height()), (240, 120));
    // The picture used twice is stored once.
    assert_eq!(entry(&out.bytes, "word/media/rIdImage5.png"), None);

    let xml = part(&out.bytes, "word/document.xml");
    assert_eq!(xml.matches("<w:drawing>").count(), 6);
    // The photo's pixels turned upright, its box portrait.
    let turned = entry(&out.bytes, "word/media/rIdImage6.jpeg").expect("the turned photo");
    let turned = ::image::load_from_memory(&turned).expect("a JPEG");
    assert_eq!((turned.width(), turned.height()), (40, 48));
    assert!(xml.contains(r#"<wp:extent cx="381000" cy="457200" />"#));
    assert!(xml.contains(r#"<wp:extent cx="762000" cy="381000" />"#));
    assert!(xml.contains(r#"<wp:docPr id="2" name="Picture 2" descr="照片" />"#));
    assert!(xml.contains(r#"<wp:docPr id="1" name="Picture 1" descr="图1 增长" />"#));
    // 64 × 48 px at 96 dpi.
    assert!(
        xml.contains(r#"<wp:extent cx="609600" cy="457200" />"#),
        "{xml}"
    );
    assert_eq!(
        paragraph_texts(&xml),
        [
            "图片",
            "发布日期：2022年3月7日",
            "图1 增长",
            "图4 矢量",
            "图5 缺失",
            "图6 再用",
            "图7 竖拍"
        ]
    );
    // The caption follows its picture.
    let at = |s: &str| xml.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(at(r#"r:embed="rIdImage1""#) < at(">图1 增长</w:t>"));
    assert!(xml.contains(r#"<w:pStyle w:val="Figure" />"#));
    // The picture in the quote keeps the quote's indent; the others have none.
    let paragraph_of = |s: &str| {
        let at = at(s);
        let start = xml[..at].rfind("<w:p ").expect("paragraph start");
        xml[start..at].to_string()
    };
    let indent = r#"<w:ind w:left="640""#;
    assert!(
        paragraph_of(r#"r:embed="rIdImage2""#).contains(indent),
        "{xml}"
    );
    assert!(!paragraph_of(r#"r:embed="rIdImage1""#).contains(indent));
    let rels = part(&out.bytes, "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"Target="media/rIdImage2.jpeg""#), "{rels}");
    assert!(part(&out.bytes, "[Content_Types].xml")
        .contains(r#"ContentType="image/jpeg" Extension="jpeg""#));
    assert_eq!(render(&doc).unwrap().bytes, out.bytes);
}

mod headers;
