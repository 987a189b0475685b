//! The GB/T 9704 grid checked on real output, read back with lopdf: lines per page,
//! characters per line, line breaking, the page number's place, fonts, metadata. Each text
//! run typst writes is `q … cm … BT /f Tf … Tm [..] TJ ET Q`, so a run's baseline origin
//! is its transform's translation.

use std::collections::BTreeMap;

use lopdf::{Document as Pdf, Encoding, Object};

use super::super::{render, render_with, Kinsoku, LoneLines, PdfOptions, Standard};
use crate::model::{Block, Document, Inline, Meta};

const MM: f32 = 72.0 / 25.4;
const PAGE_HEIGHT: f32 = 297.0 * MM;
const LEFT: f32 = 28.0 * MM;
const RIGHT: f32 = LEFT + 156.0 * MM;
const TOP: f32 = 37.0 * MM;
const BOTTOM: f32 = TOP + 225.0 * MM;
const PITCH: f32 = 28.95;

/// One text run: baseline origin in top-down page coordinates, size, text.
#[derive(Debug, Clone)]
pub(super) struct Run {
    pub(super) x: f32,
    pub(super) y: f32,
    pub(super) size: f32,
    pub(super) text: String,
    /// Text render mode: 2 is fill and stroke (synthetic bold).
    mode: i64,
}

fn num(o: &Object) -> f32 {
    o.as_float()
        .or_else(|_| o.as_i64().map(|i| i as f32))
        .unwrap_or(0.0)
}

/// `[a b c d e f]` after `[a2 …]`: the product m × n of two PDF matrices.
fn mul(m: [f32; 6], n: [f32; 6]) -> [f32; 6] {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

/// Every page's text runs, in content order.
pub(super) fn pages(bytes: &[u8]) -> Vec<Vec<Run>> {
    let pdf = Pdf::load_mem(bytes).expect("a readable PDF");
    let mut out = Vec::new();
    for (_, id) in pdf.get_pages() {
        let fonts = pdf.get_page_fonts(id).expect("fonts");
        let encodings: BTreeMap<Vec<u8>, Encoding> = fonts
            .iter()
            .map(|(name, font)| (name.clone(), font.get_font_encoding(&pdf).expect("enc")))
            .collect();
        let content = pdf.get_and_decode_page_content(id).expect("content");
        let identity = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
        let (mut ctm, mut stack) = (identity, Vec::new());
        let (mut tm, mut size, mut font, mut mode) = (identity, 0.0, Vec::new(), 0);
        let mut runs = Vec::new();
        for op in content.operations {
            let args: Vec<f32> = op.operands.iter().map(num).collect();
            match op.operator.as_str() {
                "q" => stack.push(ctm),
                "Q" => ctm = stack.pop().unwrap_or(identity),
                "cm" if args.len() == 6 => ctm = mul(args.clone().try_into().expect("6"), ctm),
                "Tm" if args.len() == 6 => tm = args.clone().try_into().expect("6"),
                "Tr" => {
                    mode = op
                        .operands
                        .first()
                        .and_then(|o| o.as_i64().ok())
                        .unwrap_or(0)
                }
                "Tf" => {
                    font = op.operands[0].as_name().expect("name").to_vec();
                    size = args[1];
                }
                "TJ" | "Tj" => {
                    let enc = &encodings[&font];
                    let mut text = String::new();
                    let items = match &op.operands[0] {
                        Object::Array(items) => items.clone(),
                        other => vec![other.clone()],
                    };
                    for item in items {
                        if let Object::String(bytes, _) = item {
                            text += &Pdf::decode_text(enc, &bytes).expect("text");
                        }
                    }
                    let at = mul(tm, ctm);
                    runs.push(Run {
                        x: at[4],
                        y: PAGE_HEIGHT - at[5],
                        size,
                        text,
                        mode,
                    });
                }
                _ => {}
            }
        }
        out.push(runs);
    }
    out
}

/// A page's lines of body-size text inside the type area: (baseline, left x, text).
pub(super) fn body_lines(runs: &[Run]) -> Vec<(f32, f32, String)> {
    let mut lines: Vec<(f32, f32, String)> = Vec::new();
    let mut body: Vec<&Run> = runs
        .iter()
        .filter(|r| r.size == 16.0 && r.y < BOTTOM)
        .collect();
    body.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    for run in body {
        match lines.last_mut() {
            Some(line) if (line.0 - run.y).abs() < 1.0 => line.2 += &run.text,
            _ => lines.push((run.y, run.x, run.text.clone())),
        }
    }
    lines
}

pub(super) fn seed() -> Document {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/input/taiyuan-2021.html");
    let page = crate::source::load(path).expect("the seed page loads");
    let doc = crate::extract::extract(&page.text, page.url.as_ref()).expect("extracts");
    crate::normalize::normalize(doc)
}

#[test]
fn every_full_page_of_the_seed_report_has_22_lines_on_the_grid() {
    let out = render(&seed()).expect("renders");
    let pages = pages(&out.bytes);
    assert!(pages.len() >= 8, "{} pages", pages.len());
    for (n, runs) in pages.iter().enumerate().skip(1).take(pages.len() - 2) {
        let lines = body_lines(runs);
        assert_eq!(lines.len(), 22, "page {}: {lines:?}", n + 1);
        // The first baseline is one line box from the top: 0.88 em plus half the lead.
        let first = TOP + 0.88 * 16.0 + (PITCH - 16.0) / 2.0;
        for (i, line) in lines.iter().enumerate() {
            let want = first + i as f32 * PITCH;
            assert!((line.0 - want).abs() < 0.05, "page {} line {i}", n + 1);
            // Every line starts at the left edge or two 字 in (a paragraph or heading).
            let indent = line.1 - LEFT;
            assert!(
                indent.abs() < 0.05 || (indent - 31.58).abs() < 0.05,
                "{line:?}"
            );
        }
    }
}

#[test]
fn page_numbers_sit_7mm_below_the_type_area_outside_on_alternate_sides() {
    let out = render(&seed()).expect("renders");
    for (n, runs) in pages(&out.bytes).iter().enumerate() {
        let number: Vec<&Run> = runs.iter().filter(|r| r.size == 14.0).collect();
        let text: String = number.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(text.replace(' ', ""), format!("—{}—", n + 1));
        // The dash's middle (0.2675 em above the baseline) lies 7 mm below the type area.
        let dash = number[0].y - 0.2675 * 14.0;
        assert!(
            (dash - (BOTTOM + 7.0 * MM)).abs() < 0.1,
            "page {}: {dash}",
            n + 1
        );
        let x = number[0].x;
        if n % 2 == 0 {
            assert!(x > RIGHT - 80.0, "odd page {} number at x {x}", n + 1);
        } else {
            assert!(
                (x - (LEFT + 14.0)).abs() < 0.1,
                "even page {} at x {x}",
                n + 1
            );
        }
    }
}

/// A paragraph of plain hanzi long enough for three pages.
fn plain_hanzi() -> Document {
    let text = "国家治理体系和能力现代化建设取得重大进展各项工作稳步推进".repeat(60);
    Document {
        images: Vec::new(),
        meta: Meta {
            title: "网格".into(),
            ..Meta::default()
        },
        blocks: vec![Block::Paragraph {
            content: vec![Inline::text(text)],
        }],
    }
}

#[test]
fn a_full_line_of_plain_hanzi_holds_28() {
    let out = render(&plain_hanzi()).expect("renders");
    let pages = pages(&out.bytes);
    let lines = body_lines(&pages[1]);
    assert_eq!(lines.len(), 22);
    for line in &lines {
        assert_eq!(line.2.chars().count(), 28, "{line:?}");
        assert!((line.1 - LEFT).abs() < 0.05);
    }
    // The first line of the paragraph, two 字 in, holds 26.
    let first = body_lines(&pages[0]);
    let para = first
        .iter()
        .find(|l| l.1 > LEFT + 1.0)
        .expect("an indented line");
    assert_eq!(para.2.chars().count(), 26);
}

#[test]
fn no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one() {
    // Each mark is placed where a naive breaker would put it at a line's start or end.
    let han = "国家治理体系和治理能力现代化建设取得重大进展各项工作稳步推进";
    let head: String = han.chars().take(26).collect();
    let mut blocks = Vec::new();
    for c in "、，。；：？！”’）》〉】〕］｝」』〗～·／%℃—".chars() {
        blocks.push(format!("{head}{c}{han}"));
        blocks.push(format!("{head}12{c}{han}"));
    }
    for c in "“‘（《〈【〔［｛「『〖".chars() {
        blocks.push(format!("{}{c}{han}", &head[..head.len() - 3]));
    }
    blocks.push(format!("{head}——{han}"));
    blocks.push(format!("{head}……{han}"));
    let doc = Document {
        images: Vec::new(),
        meta: Meta::default(),
        blocks: blocks
            .iter()
            .map(|t| Block::Paragraph {
                content: vec![Inline::text(t.as_str())],
            })
            .collect(),
    };
    let out = render(&doc).expect("renders");
    for runs in pages(&out.bytes) {
        for (_, _, line) in body_lines(&runs) {
            let first = line.chars().next().unwrap_or(' ');
            let last = line.chars().last().unwrap_or(' ');
            assert!(
                !"、，。；：？！”’）》〉】〕］｝」』〗～·／%℃".contains(first),
                "{line}"
            );
            assert!(!line.starts_with('—') || line.starts_with("——"), "{line}");
            assert!(!line.starts_with('…'), "{line}");
            assert!(!"“‘（《〈【〔［｛「『〖".contains(last), "{line}");
        }
    }
}

#[test]
fn fonts_are_embedded_and_subset() {
    let out = render(&seed()).expect("renders");
    let pdf = Pdf::load_mem(&out.bytes).expect("a readable PDF");
    let mut names = Vec::new();
    for (_, id) in pdf.get_pages() {
        for font in pdf.get_page_fonts(id).expect("fonts").values() {
            let base = font
                .get(b"BaseFont")
                .and_then(Object::as_name)
                .expect("name");
            let base = String::from_utf8_lossy(base).into_owned();
            // A subset's name has a six-letter tag: "ABCDEF+Name".
            assert_eq!(base.find('+'), Some(6), "{base} not subset");
            let descendant = font
                .get(b"DescendantFonts")
                .and_then(Object::as_array)
                .map(|a| pdf.dereference(&a[0]).expect("font").1.clone())
                .expect("a CID font");
            let descriptor = descendant
                .as_dict()
                .and_then(|d| d.get(b"FontDescriptor"))
                .and_then(|o| pdf.dereference(o))
                .and_then(|(_, o)| o.as_dict())
                .expect("a descriptor");
            assert!(
                [b"FontFile2".as_slice(), b"FontFile3"]
                    .iter()
                    .any(|k| descriptor.has(k)),
                "{base} not embedded"
            );
            names.push(base[7..].to_string());
        }
    }
    names.sort();
    names.dedup();
    for want in [
        "NotoSerifCJKsc-Regular",
        "NotoSansCJKsc-Medium",
        "ZhprintKai",
        "ZhprintLatin",
    ] {
        assert!(
            names.iter().any(|n| n.starts_with(want)),
            "{want} not in {names:?}"
        );
    }
}

#[test]
fn the_three_encodings_of_the_seed_page_give_the_same_pdf() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/input/");
    let mut outputs = Vec::new();
    for name in [
        "taiyuan-2021.html",
        "taiyuan-2021-gbk.html",
        "taiyuan-2021-nocharset.html",
    ] {
        let page = crate::source::load(&format!("{dir}{name}")).expect("loads");
        let doc = crate::extract::extract(&page.text, page.url.as_ref()).expect("extracts");
        outputs.push(
            render(&crate::normalize::normalize(doc))
                .expect("renders")
                .bytes,
        );
    }
    assert!(outputs[0] == outputs[1] && outputs[1] == outputs[2]);
}

#[test]
fn standards_are_declared_as_asked() {
    let doc = plain_hanzi();
    let xmp = |standard| {
        let options = PdfOptions {
            standard,
            ..PdfOptions::default()
        };
        let bytes = render_with(&doc, &options).expect("renders").bytes;
        String::from_utf8_lossy(&bytes).into_owned()
    };
    let a2b = xmp(Standard::A2b);
    assert!(a2b.contains("<pdfaid:part>2</pdfaid:part>"));
    assert!(a2b.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    assert!(xmp(Standard::A3b).contains("<pdfaid:part>3</pdfaid:part>"));
    assert!(!xmp(Standard::None).contains("pdfaid:part"));
    let ua = xmp(Standard::Ua1);
    assert!(
        ua.contains("<pdfuaid:part>1</pdfuaid:part>"),
        "no PDF/UA claim"
    );
    assert!(ua.contains("<pdfaid:conformance>A</pdfaid:conformance>"));
}

#[test]
fn the_seed_report_conforms_to_pdf_ua() {
    let options = PdfOptions {
        standard: Standard::Ua1,
        ..PdfOptions::default()
    };
    let out = render_with(&seed(), &options).expect("renders");
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
}

#[test]
fn single_weight_faces_get_bold_from_a_stroke() {
    let strong = |text: &str| Inline::Strong {
        content: vec![Inline::text(text)],
    };
    let doc = Document {
        images: Vec::new(),
        meta: Meta::default(),
        blocks: vec![
            Block::Heading {
                level: 1,
                content: vec![strong("一、整个标题加粗")],
            },
            Block::Paragraph {
                content: vec![
                    Inline::Emphasis {
                        content: vec![Inline::text("楷体"), strong("楷体加粗")],
                    },
                    strong("宋体加粗"),
                ],
            },
        ],
    };
    let out = render(&doc).expect("renders");
    let runs = &pages(&out.bytes)[0];
    let run = |t: &str| runs.iter().find(|r| r.text.contains(t)).expect(t).clone();
    // Zhprint Kai has one weight: stroked. The serif has a bold face: no stroke.
    assert_eq!(run("楷体加粗").mode, 2);
    assert_eq!(run("楷体").mode, 0);
    assert_eq!(run("宋体加粗").mode, 0);
    // A heading wrapped whole in <strong> keeps its level's face, unstroked.
    assert_eq!(run("一、整个标题加粗").mode, 0);
}

#[test]
fn a_long_title_breaks_at_a_joint_into_balanced_lines() {
    let doc = Document {
        images: Vec::new(),
        meta: Meta {
            title: "太原市人民政府办公室关于印发太原市2021年法治政府建设工作要点的通知".into(),
            ..Meta::default()
        },
        blocks: vec![],
    };
    let out = render(&doc).expect("renders");
    let runs = &pages(&out.bytes)[0];
    let mut lines: Vec<(f32, String)> = Vec::new();
    for run in runs.iter().filter(|r| r.size == 22.0) {
        match lines.last_mut() {
            Some(line) if (line.0 - run.y).abs() < 1.0 => line.1 += &run.text,
            _ => lines.push((run.y, run.text.clone())),
        }
    }
    let lines: Vec<&str> = lines.iter().map(|l| l.1.as_str()).collect();
    assert_eq!(
        lines,
        [
            "太原市人民政府办公室关于印发",
            "太原市2021年法治政府建设工作要点的通知"
        ]
    );
}

#[test]
fn a_users_template_gets_the_same_data_and_its_errors_name_the_line() {
    let dir = std::env::temp_dir().join(format!("zhprint-template-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let good = dir.join("house.typ");
    let house = "#let doc = json(\"/doc.json\")\n#let opts = json(\"/options.json\")\n\
                 #set text(font: \"Zhprint Kai\")\n本院：#doc.meta.title #opts.fonts.body.len()\n";
    std::fs::write(&good, house).expect("written");
    let options = PdfOptions::new(Standard::A2b, Some(&good), &[]).expect("options");
    let out = render_with(&plain_hanzi(), &options).expect("renders");
    let text = super::pdf_text(&out.bytes);
    assert_eq!(text, "本院：网格0");

    let bad = dir.join("bad.typ");
    std::fs::write(&bad, "#let x = 1\n#undefined-thing\n").expect("written");
    let options = PdfOptions::new(Standard::A2b, Some(&bad), &[]).expect("options");
    let err = render_with(&plain_hanzi(), &options)
        .expect_err("fails")
        .to_string();
    assert!(err.contains("template line 2"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_system_font_takes_its_role_when_installed() {
    // Machines without DejaVu Serif skip this: system fonts differ by machine.
    let Ok(options) = PdfOptions::new(Standard::A2b, None, &["latin=DejaVu Serif".into()]) else {
        return;
    };
    let doc = Document {
        images: Vec::new(),
        meta: Meta::default(),
        blocks: vec![Block::Paragraph {
            content: vec![Inline::text("共有Latin words和2021年。")],
        }],
    };
    let out = render_with(&doc, &options).expect("renders");
    let pdf = Pdf::load_mem(&out.bytes).expect("a readable PDF");
    let mut names = Vec::new();
    for (_, id) in pdf.get_pages() {
        for font in pdf.get_page_fonts(id).expect("fonts").values() {
            let base = font
                .get(b"BaseFont")
                .and_then(Object::as_name)
                .expect("name");
            names.push(String::from_utf8_lossy(base).into_owned());
        }
    }
    assert!(names.iter().any(|n| n.contains("DejaVuSerif")), "{names:?}");
    assert!(
        !names.iter().any(|n| n.contains("ZhprintLatin")),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n.contains("NotoSerifCJK")),
        "{names:?}"
    );
}

#[test]
fn strict_kinsoku_keeps_the_dash_off_a_line_start() {
    // The dash after 20–27 hanzi of a 26-hanzi first line, and after 12 more on the
    // 28-hanzi lines: somewhere a basic breaker starts a line with ——.
    let han = "国家治理体系和治理能力现代化建设取得重大进展各项工作稳步推进";
    let blocks: Vec<Block> = (20..=27)
        .flat_map(|n| {
            let head: String = han.chars().cycle().take(n).collect();
            let long: String = han.chars().cycle().take(n + 28).collect();
            [head, long]
        })
        .map(|head| Block::Paragraph {
            content: vec![Inline::text(format!("{head}——{han}"))],
        })
        .collect();
    let doc = Document {
        images: Vec::new(),
        meta: Meta::default(),
        blocks,
    };
    let lines = |options: &PdfOptions| -> Vec<String> {
        let out = render_with(&doc, options).expect("renders");
        pages(&out.bytes)
            .iter()
            .flat_map(|runs| body_lines(runs))
            .map(|(_, _, line)| line)
            .collect()
    };
    let basic = lines(&PdfOptions::default());
    assert!(basic.iter().any(|l| l.starts_with("——")), "{basic:?}");
    let strict = lines(&PdfOptions::default().with_kinsoku(Kinsoku::Strict));
    assert!(!strict.iter().any(|l| l.starts_with('—')), "{strict:?}");
    assert_eq!(strict.concat(), basic.concat(), "same text");
}

/// A paragraph's lone line at a page edge, counted from the PDF as
/// `scripts/pdf-layout.py` does: the page's last line indented and flush with the
/// next page going on with it (an orphan), or the next page's first line going on
/// from a flush line, short, and followed by a new paragraph or nothing (a widow).
fn lone_lines(pages: &[Vec<Run>]) -> usize {
    let indented = |line: &(f32, f32, String)| line.1 > LEFT + 1.0;
    // lopdf gives a run's origin, not its advance: a line is taken as flush when it
    // holds about a full line's characters (a paragraph's short last line does not).
    let flush = |line: &(f32, f32, String)| line.2.chars().count() >= 26;
    let mut lone = 0;
    for pair in pages.windows(2) {
        let (this, next) = (body_lines(&pair[0]), body_lines(&pair[1]));
        let (Some(last), Some(first)) = (this.last(), next.first()) else {
            continue;
        };
        if indented(first) || !flush(last) {
            continue;
        }
        if indented(last) {
            lone += 1;
        }
        let ends_there = next.get(1).is_none_or(indented);
        if !flush(first) && ends_there {
            lone += 1;
        }
    }
    lone
}

pub(super) fn fixture(name: &str) -> Document {
    let path = format!(
        "{}/tests/fixtures/corpus/{name}/source.html",
        env!("CARGO_MANIFEST_DIR")
    );
    let page = crate::source::load(&path).expect("the fixture loads");
    let doc = crate::extract::extract(&page.text, page.url.as_ref()).expect("extracts");
    crate::normalize::normalize(doc)
}

/// Fixture pages whose default layout has a paragraph's line alone at a page edge.
const WITH_LONE_LINES: [&str; 3] = [
    "cwce-ccer-report-ab65",
    "cwce-yahoo-cn-atom",
    "mh-kepu-gov-xinhua",
];

#[test]
fn lone_lines_at_page_edges_are_mended_and_pages_stay_full() {
    let mend = PdfOptions::default().with_lone_lines(LoneLines::Mend);
    for name in WITH_LONE_LINES {
        let doc = fixture(name);
        let before = pages(&render(&doc).expect("renders").bytes);
        let after = pages(&render_with(&doc, &mend).expect("renders").bytes);
        let (was, is) = (lone_lines(&before), lone_lines(&after));
        assert!(
            was >= 1 && is < was,
            "{name}: {was} lone lines, mended {is}"
        );
        // Mending moves no line off a page: every page but the last keeps its lines.
        let fill = |pages: &[Vec<Run>]| -> Vec<usize> {
            let n = pages.len().saturating_sub(1);
            pages[..n].iter().map(|p| body_lines(p).len()).collect()
        };
        assert_eq!(fill(&after), fill(&before), "{name}");
    }
}

#[test]
fn never_leaves_a_lone_line_and_fills_pages_where_it_can() {
    let never = PdfOptions::default().with_lone_lines(LoneLines::Never);
    let text = |pages: &[Vec<Run>]| -> String {
        pages
            .iter()
            .flat_map(|p| body_lines(p))
            .map(|l| l.2)
            .collect()
    };
    let (mut short_pages, mut kept_lone) = (0, 0);
    for name in WITH_LONE_LINES {
        let doc = fixture(name);
        let kept = pages(&render(&doc).expect("renders").bytes);
        let after = pages(&render_with(&doc, &never).expect("renders").bytes);
        kept_lone += lone_lines(&kept);
        assert_eq!(lone_lines(&after), 0, "{name}");
        assert_eq!(text(&after), text(&kept), "{name}: the same text");
        // A page is at most two lines short: a three-line paragraph moved whole, or a
        // heading with its paragraph's first two lines. (Page 1's title lines are not
        // body lines: it is measured against the same page kept.)
        let n = after.len().saturating_sub(1);
        for (i, page) in after[..n].iter().enumerate() {
            let full = if i == 0 {
                body_lines(&kept[0]).len()
            } else {
                22
            };
            let lines = body_lines(page).len();
            assert!(
                lines <= full && lines + 2 >= full,
                "{name} page {}: {lines} lines of {full}",
                i + 1
            );
            short_pages += usize::from(lines < full);
        }
    }
    // Without mending, each lone line kept would leave a page short (or more, as moved
    // lines push on); where a paragraph on the page can take a line more or less, the
    // page is filled again.
    assert!(
        short_pages < kept_lone,
        "{short_pages} pages short for {kept_lone} lone lines"
    );
}

#[test]
fn a_users_template_with_odd_marks_is_mended_without_harm() {
    // A grid of absurd numbers, end marks before start marks, paragraphs over pages.
    let dir = std::env::temp_dir().join(format!("zhprint-odd-marks-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    for grid in [
        "top: -5, pitch: 1e300, lines: 1e30, right: 0, indent: -1",
        "top: 1e300, pitch: 1e-300, lines: 3, right: -1e300, indent: 1e300",
    ] {
        let path = dir.join("odd.typ");
        let template = "#let doc = json(\"/doc.json\")\n\
        #metadata((GRID)) <zhprint-grid>\n\
        #for (i, b) in doc.blocks.enumerate() {\n\
          let key = str(i)\n\
          if calc.odd(i) { par[#metadata(key)<zhprint-end>#lorem(300)#metadata(key)<zhprint-start>] }\n\
          else { par[#metadata(key)<zhprint-start>#lorem(300)，#metadata(key)<zhprint-end>] }\n\
        }\n";
        std::fs::write(&path, template.replace("GRID", grid)).expect("written");
        let options = PdfOptions::new(Standard::A2b, Some(&path), &[])
            .expect("options")
            .with_lone_lines(LoneLines::Mend);
        let out = render_with(&seed(), &options).expect("renders");
        assert!(out.bytes.starts_with(b"%PDF"), "{grid}");
        let out =
            render_with(&seed(), &options.with_lone_lines(LoneLines::Never)).expect("renders");
        assert!(out.bytes.starts_with(b"%PDF"), "{grid}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
