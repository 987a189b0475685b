//! Renders small documents and reads them back with lopdf: no system tools needed.

use super::render;
use crate::model::{Block, Document, Inline, Meta, TableCell, TableRow};

fn para(text: &str) -> Block {
    Block::Paragraph {
        content: vec![Inline::text(text)],
    }
}

fn cell(text: &str) -> TableCell {
    TableCell {
        content: vec![Inline::text(text)],
        colspan: 1,
        rowspan: 1,
    }
}

fn sample() -> Document {
    Document {
        images: Vec::new(),
        meta: Meta {
            title: "太原市2021年法治政府建设年度报告".into(),
            date: Some("2022-03-07".into()),
            source: Some("太原市司法局".into()),
            author: None,
            url: None,
            description: Some("太原市2021年法治政府建设情况".into()),
            keywords: vec!["法治政府".into(), "年度报告".into()],
            ..Meta::default()
        },
        blocks: vec![
            Block::Heading {
                level: 1,
                content: vec![Inline::text("一、主要举措和成效")],
            },
            para("2021年，全市各级行政机关办理行政复议案件同比增长44.5%，平均办理时间3.6小时。"),
            Block::Heading {
                level: 2,
                content: vec![Inline::text("（一）深入学习贯彻习近平法治思想")],
            },
            Block::Paragraph {
                content: vec![
                    Inline::text("坚持"),
                    Inline::Strong {
                        content: vec![Inline::text("依法行政")],
                    },
                    Inline::text("，详见"),
                    Inline::Link {
                        url: "https://example.org/a".into(),
                        content: vec![Inline::text("规划全文")],
                    },
                    Inline::text("。"),
                ],
            },
            Block::Table {
                rows: vec![
                    TableRow {
                        header: true,
                        cells: vec![cell("指标"), cell("数值")],
                    },
                    TableRow {
                        header: false,
                        cells: vec![cell("复议案件"), cell("1,024件")],
                    },
                ],
            },
            Block::List {
                ordered: true,
                items: vec![
                    vec![Inline::text("完善制度体系")],
                    vec![Inline::text("强化监督考核")],
                ],
            },
        ],
    }
}

/// All the text of a PDF with whitespace removed: line breaks and justification spaces
/// are the renderer's, not the document's.
fn pdf_text(bytes: &[u8]) -> String {
    let pdf = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    let text = pdf.extract_text(&pages).expect("extractable text");
    squeeze(&text)
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn text_comes_back_in_order() {
    let out = render(&sample()).expect("renders");
    assert!(out.bytes.starts_with(b"%PDF-"));
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let text = pdf_text(&out.bytes);
    let expected = [
        "太原市2021年法治政府建设年度报告",
        "来源：太原市司法局",
        "发布日期：2022年3月7日",
        "一、主要举措和成效",
        "平均办理时间3.6小时。",
        "（一）深入学习贯彻习近平法治思想",
        "坚持依法行政，详见规划全文。",
        "指标",
        "1,024件",
        "完善制度体系",
        "强化监督考核",
        "—1—",
    ];
    let mut from = 0;
    for want in expected {
        let want = squeeze(want);
        let at = text[from..]
            .find(&want)
            .unwrap_or_else(|| panic!("{want:?} missing after byte {from} of {text:?}"));
        from += at + want.len();
    }
}

#[test]
fn metadata_and_pdfa() {
    let out = render(&sample()).expect("renders");
    let pdf = lopdf::Document::load_mem(&out.bytes).expect("a readable PDF");
    let info = pdf
        .trailer
        .get(b"Info")
        .and_then(|o| o.as_reference())
        .and_then(|id| pdf.get_dictionary(id))
        .expect("an Info dictionary");
    let title = info.get(b"Title").expect("a title");
    let title = lopdf::decode_text_string(title).expect("a text string");
    assert_eq!(title, "太原市2021年法治政府建设年度报告");
    let author = lopdf::decode_text_string(info.get(b"Author").expect("an author"));
    assert_eq!(author.expect("a text string"), "太原市司法局");
    let subject = lopdf::decode_text_string(info.get(b"Subject").expect("a subject"));
    assert_eq!(
        subject.expect("a text string"),
        "太原市2021年法治政府建设情况"
    );
    let keywords = lopdf::decode_text_string(info.get(b"Keywords").expect("keywords"));
    assert_eq!(keywords.expect("a text string"), "法治政府, 年度报告");
    let created = info.get(b"CreationDate").expect("a creation date");
    let created = created.as_str().expect("a date string");
    assert!(created.starts_with(b"D:20220307"), "{created:?}");
    let xmp = String::from_utf8_lossy(&out.bytes);
    assert!(
        xmp.contains("<pdfaid:part>2</pdfaid:part>"),
        "no PDF/A-2 claim"
    );
}

#[test]
fn typst_syntax_prints_literally() {
    let nasty = r#"#import "x.typ": * $x^2$ @ref <lbl> *a* _b_ \ `raw` // c /* d */ = h #set page(width: 1pt) ]"#;
    let doc = Document {
        images: Vec::new(),
        meta: Meta {
            title: "#let x = 1 $y$".into(),
            ..Meta::default()
        },
        blocks: vec![
            para(nasty),
            Block::Heading {
                level: 1,
                content: vec![Inline::text("= *不是* 标记 #h(1em)")],
            },
        ],
    };
    let out = render(&doc).expect("renders");
    let text = pdf_text(&out.bytes);
    for want in ["#let x = 1 $y$", nasty, "= *不是* 标记 #h(1em)"] {
        assert!(text.contains(&squeeze(want)), "{want:?} not in {text:?}");
    }
}

#[test]
fn a_users_template_imports_the_bundled_patterns_and_nothing_else() {
    let dir = std::env::temp_dir().join(format!("zhprint-patterns-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let with_template = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("template written");
        let options =
            super::PdfOptions::new(super::Standard::None, Some(&path), &[]).expect("template read");
        super::render_with(&sample(), &options)
    };
    let own = with_template(
        "own.typ",
        r#"#import "patterns.typ"
#let doc = json("/doc.json")
#let m = doc.meta.date.match(patterns.iso-date)
#m.captures.join("/")"#,
    )
    .expect("renders");
    assert_eq!(pdf_text(&own.bytes), "2022/03/07");
    let other = with_template("other.typ", "#import \"own.typ\"\nx");
    let _ = std::fs::remove_dir_all(&dir);
    let err = other.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("own.typ"), "{err}");
}

#[test]
fn same_bytes_every_time_and_on_any_thread() {
    let doc = sample();
    let first = render(&doc).expect("renders").bytes;
    let second = render(&doc).expect("renders").bytes;
    assert!(first == second, "two renders differ");
    let third = std::thread::Builder::new()
        .stack_size(16 << 20)
        .spawn(move || render(&doc).expect("renders").bytes)
        .expect("a thread")
        .join()
        .expect("no panic");
    assert!(first == third, "a render on another thread differs");
}

#[test]
fn missing_glyphs_and_images_are_reported() {
    let doc = Document {
        images: Vec::new(),
        meta: Meta {
            title: "缺字".into(),
            ..Meta::default()
        },
        blocks: vec![
            para("生僻字𠀀和表情😀都没有字形。"),
            Block::Image {
                src: "https://example.org/p.png".into(),
                alt: "".into(),
                caption: Some("图1 示意图".into()),
                image: None,
            },
        ],
    };
    let out = render(&doc).expect("renders anyway");
    let has = |w: &str| out.warnings.iter().any(|x| x == w);
    assert!(has("no font has U+20000 '𠀀'"), "{:?}", out.warnings);
    assert!(has("no font has U+1F600 '😀'"), "{:?}", out.warnings);
    assert!(has("image not embedded: https://example.org/p.png"));
    // PDF/A forbids the .notdef glyph, so such a document comes out as plain PDF.
    assert!(
        out.warnings.iter().any(|w| w.starts_with("not PDF/A-2b")),
        "{:?}",
        out.warnings
    );
    let text = pdf_text(&out.bytes);
    assert!(text.contains("图1示意图"), "{text:?}");
}

#[test]
fn odd_input_does_not_fail() {
    let doc = Document {
        images: Vec::new(),
        meta: Meta::default(),
        blocks: vec![
            Block::Heading {
                level: 0,
                content: vec![],
            },
            Block::Heading {
                level: 200,
                content: vec![Inline::text("深")],
            },
            para(""),
            Block::List {
                ordered: false,
                items: vec![],
            },
            Block::Table { rows: vec![] },
            Block::Table {
                rows: vec![
                    TableRow {
                        header: true,
                        cells: vec![TableCell {
                            content: vec![Inline::text("跨")],
                            colspan: 0,
                            rowspan: 9,
                        }],
                    },
                    TableRow {
                        header: false,
                        cells: vec![
                            TableCell {
                                content: vec![Inline::text("宽")],
                                colspan: 1000,
                                rowspan: 1000,
                            },
                            cell("短"),
                        ],
                    },
                    TableRow {
                        header: true,
                        cells: vec![],
                    },
                ],
            },
            Block::Paragraph {
                content: vec![Inline::Link {
                    url: String::new(),
                    content: vec![Inline::LineBreak],
                }],
            },
            Block::Quote { blocks: vec![] },
        ],
    };
    let out = render(&doc).expect("renders");
    assert!(out.bytes.starts_with(b"%PDF-"));
}

/// A report of about ten pages: the sample's body repeated.
fn ten_pages() -> Document {
    let mut doc = sample();
    let body = doc.blocks.clone();
    let long = para(&"全市各级行政机关坚持依法行政，推进法治政府建设取得新成效。".repeat(12));
    for _ in 0..9 {
        doc.blocks.extend(body.iter().cloned());
        doc.blocks.push(long.clone());
    }
    doc
}

/// Time per document with fonts loaded once:
/// `cargo test --release --lib render::pdf::tests::bench -- --ignored --nocapture`.
#[test]
#[ignore = "a benchmark, not a check"]
fn bench_ten_page_report() {
    let doc = ten_pages();
    let start = std::time::Instant::now();
    std::sync::LazyLock::force(&super::fonts::BUNDLED);
    let fonts = start.elapsed();
    let start = std::time::Instant::now();
    let first = render(&doc).expect("renders");
    let cold = start.elapsed();
    let pages = lopdf::Document::load_mem(&first.bytes)
        .expect("a readable PDF")
        .get_pages()
        .len();
    let runs: u32 = 30;
    let start = std::time::Instant::now();
    for _ in 0..runs {
        render(&doc).expect("renders");
    }
    let each = start.elapsed() / runs;
    println!(
        "{pages} pages, {} bytes: fonts {fonts:?}, first {cold:?}, then {each:?} per document",
        first.bytes.len()
    );
}

mod font_boxes;
mod geometry;
mod images;
mod line_breaks;
mod tables;
