//! Pages the main scorer cannot read, run through the binary: the fallback's text
//! reaches the editions and the report names its method; a page with no article fails
//! alone, with one line naming the page and why; a heading over a 20,000-row table
//! (a 名单 notice) converts to PDF and DOCX.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn zhprint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhprint"))
        .args(args)
        .output()
        .expect("run zhprint")
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zhprint-fallback-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn write(dir: &Path, name: &str, html: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, html).expect("write page");
    path.display().to_string()
}

/// An article whose box is hinted as a print area: the scorer passes over it.
const HINTED_AWAY: &str = r#"<html><head><meta charset="utf-8"><title>关于做好冬季供暖工作的通知</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/a">政务公开</a> <a href="/b">新闻中心</a> <a href="/c">办事服务</a></div>
<div id="printArea"><h1>关于做好冬季供暖工作的通知</h1>
<p>各区县人民政府，市直各有关单位：为切实做好今冬明春供暖工作，保障群众温暖过冬，现将有关事项通知如下。</p>
<p>一是提前做好供暖设施检修，确保按时供暖；二是加强燃料储备，做到储足备足；三是畅通投诉渠道，及时回应群众诉求。</p>
</div><div class="footer">版权所有 某某市人民政府 ICP备12345678号</div></body></html>"#;

#[test]
fn the_fallbacks_text_is_converted_and_its_method_reported() {
    let dir = temp_dir("hinted");
    let page = write(&dir, "notice.html", HINTED_AWAY);
    let out = dir.join("out");
    let report = dir.join("report.json");
    let run = zhprint(&[
        "convert",
        &page,
        "-o",
        out.to_str().expect("path"),
        "--format",
        "txt",
        "--report",
        report.to_str().expect("path"),
        "--verbose",
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(stderr.contains("text by readability"), "{stderr}");
    let report = std::fs::read_to_string(&report).expect("report");
    assert!(
        report.contains(r#""extracted_by": "readability""#),
        "{report}"
    );
    let text = std::fs::read_to_string(out.join("notice.txt")).expect("txt edition");
    assert!(text.contains("畅通投诉渠道"), "{text}");
    assert!(
        !text.contains("办事服务") && !text.contains("ICP备"),
        "{text}"
    );
}

#[test]
fn pages_without_an_article_fail_alone_and_say_why() {
    let dir = temp_dir("none");
    let links: String = (1..=15)
        .map(|i| format!("<li><a href=\"/n/{i}.html\">市政府召开第{i}次常务会议研究部署近期重点工作</a> 2021-03-{i:02}</li>"))
        .collect();
    let pages = [
        (
            write(&dir, "nav.html", "<html><body><ul><li><a href='/'>首页</a></li><li><a href='/a'>政务公开</a></li><li><a href='/b'>新闻中心</a></li><li><a href='/c'>办事服务</a></li></ul></body></html>"),
            "mostly links",
        ),
        (write(&dir, "blank.html", "<html><head><title>空白页</title></head><body>\n \n</body></html>"), "shows no text"),
        (
            write(&dir, "index.html", &format!("<html><body><h1>通知公告</h1><ul>{links}</ul></body></html>")),
            "mostly links",
        ),
    ];
    for (page, why) in &pages {
        let run = zhprint(&["extract", page]);
        assert_eq!(run.status.code(), Some(1), "{page}");
        let stderr = String::from_utf8_lossy(&run.stderr);
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{stderr}");
        assert!(lines[0].contains(page.as_str()), "{stderr}");
        assert!(
            lines[0].contains("no article found on the page"),
            "{stderr}"
        );
        assert!(lines[0].contains(why), "{page}: {stderr}");
    }
    // In a batch, the pages without an article fail and the article still converts.
    let good = write(&dir, "notice.html", HINTED_AWAY);
    let out = dir.join("out");
    let mut args = vec![
        "convert",
        "-o",
        out.to_str().expect("path"),
        "--format",
        "txt",
        &good,
    ];
    args.extend(pages.iter().map(|(page, _)| page.as_str()));
    let run = zhprint(&args);
    assert_eq!(run.status.code(), Some(1));
    assert!(out.join("notice.txt").exists());
}

/// A 名单 of 20,000 rows under a heading, in the style of government notices.
fn roster(rows: usize) -> String {
    let surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
    let mut html = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>2021年度公益性岗位拟录用人员名单</title></head><body>\
         <h1>2021年度公益性岗位拟录用人员名单</h1><table border=\"1\"><tr><th>序号</th><th>姓名</th><th>准考证号</th></tr>",
    );
    for i in 1..=rows {
        html += &format!(
            "<tr><td>{i}</td><td>{}某{}</td><td>2021{i:06}</td></tr>",
            surnames[i % 10],
            surnames[(i / 10) % 10]
        );
    }
    html + "</table></body></html>"
}

#[test]
fn a_heading_over_a_twenty_thousand_row_table_converts() {
    let dir = temp_dir("roster");
    let page = write(&dir, "roster.html", &roster(20_000));
    let out = dir.join("out");
    let run = zhprint(&[
        "convert",
        &page,
        "-o",
        out.to_str().expect("path"),
        "--format",
        "pdf,docx",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let pdf = std::fs::read(out.join("roster.pdf")).expect("pdf");
    let pages = lopdf::Document::load_mem(&pdf)
        .expect("a PDF")
        .get_pages()
        .len();
    // About 30 rows a page.
    assert!(pages > 400, "{pages} pages");
    let docx = std::fs::File::open(out.join("roster.docx")).expect("docx");
    let mut archive = zip::ZipArchive::new(docx).expect("a DOCX");
    let mut body = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("word/document.xml").expect("body"),
        &mut body,
    )
    .expect("utf-8");
    assert_eq!(
        body.matches("<w:tr>").count() + body.matches("<w:tr ").count(),
        20_001
    );
    assert!(body.contains("2021020000"));
}
