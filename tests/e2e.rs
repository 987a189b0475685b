//! End-to-end runs of the binary on the `input/` pages: the seed report
//! (../shared/seed/000_9350f1803efad272.txt, wrapped as a saved page by
//! scripts/make-input.py) in UTF-8, GBK, and GBK with no charset declared.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PAGE: &str = "input/taiyuan-2021.html";
const CHROME: [&str; 7] = [
    "订阅号",
    "服务号",
    "当前位置",
    "文章字体",
    "推荐阅读",
    "友情链接",
    "京ICP备",
];

fn zhprint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhprint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run zhprint")
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zhprint-e2e-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Converts `input` into a fresh directory and returns it.
fn convert(input: &str, tag: &str, extra: &[&str]) -> PathBuf {
    let dir = temp_dir(tag);
    let dir_str = dir.to_str().expect("utf-8 temp path");
    let mut args = vec!["convert", input, "-o", dir_str, "--format", "pdf,docx,txt"];
    args.extend_from_slice(extra);
    let out = zhprint(&args);
    assert!(
        out.status.success(),
        "convert failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

/// The paragraphs of the report as the page holds them, before normalization.
fn page_paragraphs() -> Vec<String> {
    let html = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(PAGE))
        .expect("read input page");
    let tag = regex::Regex::new(r"<[^>]+>").expect("regex");
    html.split("<p style=\"text-indent:2em;\">")
        .skip(1)
        .map(|chunk| {
            let inner = chunk.split("</p>").next().unwrap_or_default();
            tag.replace_all(inner, "").replace("&amp;", "&")
        })
        .collect()
}

/// Han characters, letters and digits only: normalization never changes these
/// (spec F0), so they identify a paragraph before and after it.
fn skeleton(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric() && !c.is_whitespace())
        .collect()
}

fn assert_in_order(haystack: &str, paragraphs: &[String], what: &str) {
    let haystack = skeleton(haystack);
    let mut from = 0;
    for paragraph in paragraphs {
        let needle = skeleton(paragraph);
        match haystack[from..].find(&needle) {
            Some(at) => from += at + needle.len(),
            None => panic!("{what}: paragraph missing or out of order: {paragraph}"),
        }
    }
}

/// The normalized forms the seed's defects must take, and the defects themselves.
const FIXED: [&str; 7] = [
    "3.6小时",
    "44.5%、39.4%",
    "99.77%",
    "调解成功22081件",
    "（一）营商环境更加优化",
    "《法治政府建设实施纲要（2021—2025年）》",
    "2021年，太原市",
];
const DEFECTS: [&str; 5] = ["3. 6", "44. 5", "2021-2025", "年,", "(一)"];

fn pdf_text(path: &Path) -> String {
    let doc = lopdf::Document::load(path).expect("load pdf");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    // The page number "— N —" is not part of the body.
    let page_number = regex::Regex::new(r"—\s*\d+\s*—").expect("regex");
    let mut text = String::new();
    for page in pages {
        let page_text = doc.extract_text(&[page]).expect("pdf text");
        text.push_str(&page_number.replace_all(&page_text, ""));
    }
    text
}

fn zip_entry(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).expect("open docx");
    let mut archive = zip::ZipArchive::new(file).expect("docx is a zip");
    let mut entry = archive.by_name(name).expect("zip entry");
    let mut xml = String::new();
    entry.read_to_string(&mut xml).expect("utf-8 xml");
    xml
}

/// The text of word/document.xml, one line per paragraph.
fn docx_text(path: &Path) -> String {
    let xml = zip_entry(path, "word/document.xml");
    let run = regex::Regex::new(r"<w:t(?: [^>]*)?>([^<]*)</w:t>").expect("regex");
    xml.split("</w:p>")
        .map(|p| {
            run.captures_iter(p)
                .map(|c| {
                    c[1].replace("&amp;", "&")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn seed_page_converts_to_clean_pdf_docx_and_txt() {
    let dir = convert(PAGE, "seed", &[]);
    let paragraphs = page_paragraphs();
    assert_eq!(paragraphs.len(), 39, "the seed report has 39 paragraphs");
    let editions = [
        ("pdf", pdf_text(&dir.join("taiyuan-2021.pdf"))),
        ("docx", docx_text(&dir.join("taiyuan-2021.docx"))),
        (
            "txt",
            std::fs::read_to_string(dir.join("taiyuan-2021.txt")).expect("txt"),
        ),
    ];
    for (format, text) in &editions {
        assert_in_order(text, &paragraphs, format);
        let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        for fixed in FIXED {
            assert!(flat.contains(fixed), "{format}: missing {fixed}");
        }
        for defect in DEFECTS {
            assert!(!text.contains(defect), "{format}: still has {defect}");
        }
        for chrome in CHROME {
            assert!(!flat.contains(chrome), "{format}: chrome {chrome} printed");
        }
        assert!(
            flat.contains("太原市2021年法治政府建设年度报告"),
            "{format}: title"
        );
    }
}

#[test]
fn metadata_reaches_pdf_and_docx() {
    let dir = convert(PAGE, "meta", &[]);
    let pdf = lopdf::Document::load(dir.join("taiyuan-2021.pdf")).expect("pdf");
    let info = pdf
        .trailer
        .get(b"Info")
        .and_then(|obj| obj.as_reference())
        .and_then(|id| pdf.get_dictionary(id))
        .expect("pdf info dictionary");
    let title = info.get(b"Title").expect("pdf title");
    let title = lopdf::decode_text_string(title).expect("title text");
    assert_eq!(title, "太原市2021年法治政府建设年度报告");
    let created = info.get(b"CreationDate").expect("creation date");
    let created = String::from_utf8_lossy(created.as_str().expect("date string")).into_owned();
    assert!(created.contains("20220307"), "creation date {created}");

    let core = zip_entry(&dir.join("taiyuan-2021.docx"), "docProps/core.xml");
    assert!(core.contains("太原市2021年法治政府建设年度报告"), "{core}");
    assert!(core.contains("太原市司法局"), "{core}");
    assert!(core.contains("2022-03-07"), "{core}");
}

#[test]
fn charset_variants_give_the_same_document() {
    let json = |page: &str| {
        let out = zhprint(&["extract", page, "--format", "json"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let utf8 = json(PAGE);
    assert_eq!(
        utf8,
        json("input/taiyuan-2021-gbk.html"),
        "GBK copy differs"
    );
    assert_eq!(
        utf8,
        json("input/taiyuan-2021-nocharset.html"),
        "charset-less copy differs"
    );
}

#[test]
fn extract_text_is_one_block_per_line_and_the_title_on_request() {
    let out = zhprint(&["extract", PAGE]);
    assert!(out.status.success());
    let body = String::from_utf8(out.stdout).expect("utf-8");
    assert!(body.starts_with("2021年，太原市坚持"), "{body}");
    let out = zhprint(&["extract", PAGE, "--title"]);
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(text, format!("太原市2021年法治政府建设年度报告\n{body}"));
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines.iter().all(|l| !l.trim().is_empty()),
        "blank line in output"
    );
    assert!(lines.contains(&"一、党对法治政府建设的领导不断加强，法治建设第一责任人职责进一步夯实"));
    assert!(lines.contains(&"（一）营商环境更加优化"));
    assert_eq!(lines.len(), page_paragraphs().len() + 1);
}

#[test]
fn output_is_byte_identical_across_runs_and_thread_counts() {
    let a = convert(PAGE, "det-a", &["--jobs", "1"]);
    let b = convert("input", "det-b", &["--jobs", "2"]);
    for name in ["taiyuan-2021.pdf", "taiyuan-2021.docx", "taiyuan-2021.txt"] {
        let left = std::fs::read(a.join(name)).expect("first run");
        let right = std::fs::read(b.join(name)).expect("second run");
        assert!(left == right, "{name} differs between runs");
    }
}

/// Mending lays documents out several times; the result must still not depend on the
/// thread count or the run.
#[test]
fn mended_output_is_byte_identical_across_thread_counts() {
    for mode in ["mend", "never"] {
        let a = convert(
            PAGE,
            &format!("{mode}-a"),
            &["--jobs", "1", "--lone-lines", mode],
        );
        let b = convert(
            "input",
            &format!("{mode}-b"),
            &["--jobs", "2", "--lone-lines", mode],
        );
        for name in ["taiyuan-2021.pdf", "taiyuan-2021.docx"] {
            let left = std::fs::read(a.join(name)).expect("first run");
            let right = std::fs::read(b.join(name)).expect("second run");
            assert!(left == right, "{mode}: {name} differs between runs");
        }
        // Word's 孤行控制 follows: on only where the PDF keeps lines together.
        let styles = zip_entry(&a.join("taiyuan-2021.docx"), "word/styles.xml");
        let on = if mode == "never" { "1" } else { "0" };
        assert!(
            styles.contains(&format!(r#"<w:widowControl w:val="{on}"/>"#)),
            "{mode}"
        );
    }
}

#[test]
fn bad_inputs_fail_alone_with_one_line_each() {
    let dir = temp_dir("bad");
    let empty = dir.join("empty.html");
    std::fs::write(&empty, b"").expect("write");
    let binary = dir.join("image.html");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01").expect("write");
    let no_article = dir.join("nav-only.html");
    std::fs::write(
        &no_article,
        "<html><body><ul><li><a href='/'>首页</a></li><li><a href='/a'>新闻</a></li></ul></body></html>",
    )
    .expect("write");
    let missing = dir.join("missing.html");
    let out_dir = dir.join("out");
    let inputs = [&empty, &binary, &no_article, &missing].map(|p| p.display().to_string());
    let mut args = vec!["convert", "-o", out_dir.to_str().expect("path"), PAGE];
    args.extend(inputs.iter().map(String::as_str));
    let out = zhprint(&args);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for input in &inputs {
        let lines: Vec<&str> = stderr
            .lines()
            .filter(|l| l.contains(input.as_str()))
            .collect();
        assert_eq!(
            lines.len(),
            1,
            "expected one line for {input} in:\n{stderr}"
        );
    }
    let mut written: Vec<String> = std::fs::read_dir(&out_dir)
        .expect("out dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        // The manifests of incremental runs (zhprint::batch::manifest).
        .filter(|name| name != ".zhprint")
        .collect();
    written.sort();
    assert_eq!(written, ["taiyuan-2021.docx", "taiyuan-2021.pdf"]);
}

#[test]
fn normalize_keeps_lines_and_fixes_them() {
    let dir = temp_dir("norm");
    let file = dir.join("in.txt");
    std::fs::write(
        &file,
        "新办企业登记业务实现“3. 6小时办结”\n\u{a0}\n县(市、区)政府,2021-2025年\n",
    )
    .expect("write");
    let out = zhprint(&["normalize", file.to_str().expect("path")]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).expect("utf-8"),
        "新办企业登记业务实现“3.6小时办结”\n\n县（市、区）政府，2021—2025年\n"
    );
    std::fs::write(&file, b"ok\n\xff\xfe").expect("write");
    let out = zhprint(&["normalize", file.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("in.txt") && stderr.contains("byte 3"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(zhprint(&["convert"]).status.code(), Some(2));
    assert_eq!(
        zhprint(&["convert", PAGE, "--format", "odt"]).status.code(),
        Some(2)
    );
    assert_eq!(
        zhprint(&["convert", PAGE, "--lone-lines", "sometimes"])
            .status
            .code(),
        Some(2)
    );
}
