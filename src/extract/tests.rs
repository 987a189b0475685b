//! Whole-extraction tests on small pages written in the style of the sites we target.

use super::*;
use crate::model::{plain_text, Extractor, Inline};

/// A page like the seed's: publisher lines, nav, breadcrumb, title, metadata line,
/// `<p>` body with `<p><strong>` headings, 推荐阅读, 友情链接, ICP footer.
const SEED_LIKE: &str = r##"<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>太原市2021年法治政府建设年度报告-法治时代</title>
<script>var x = "脚本里的文字不应出现";</script>
<style>.a { color: red }</style>
</head><body>
<div class="top"><p>中国出版传媒股份有限公司主管 中国民主法制出版社有限公司主办</p></div>
<div class="nav"><ul><li><a href="/gzh">公众号</a><ul><li><a href="/dyh">订阅号</a></li><li><a href="/fwh">服务号</a></li></ul></li>
<li><a href="/xxqg">学习强国</a></li><li><a href="/m">手机版</a></li><li><a href="/qk">电子期刊</a></li><li><a href="/login">登录</a></li><li><a href="/reg">注册</a></li></ul></div>
<div class="location">当前位置:<a href="/">首页</a> &gt; <a href="/fzzf">法治政府</a></div>
<div class="main">
  <div class="lanmu">法治政府</div>
  <h1 class="title">太原市2021年法治政府建设年度报告</h1>
  <div class="info">文章字体:【<a href="javascript:fontZoom(16)">大</a> <a href="javascript:fontZoom(14)">中</a> <a href="javascript:fontZoom(12)">小</a>】 发布日期: 2022-03-07 来源:太原市司法局</div>
  <div class="content" id="zoom">
    <p>　　2021年,太原市坚持以习近平新时代中国特色社会主义思想为指导,认真学习贯彻习近平法治思想和中央全面依法治国工作会议精神,法治政府建设稳步向前。现将有关情况汇报如下。</p>
    <p><strong>一、党对法治政府建设的领导不断加强</strong></p>
    <p>市委、市政府领导班子持续强化理论武装,坚持把学深悟透习近平法治思想作为首要政治任务,认真落实“第一议题”制度。</p>
    <p><strong>（一）完善依法行政制度体系</strong></p>
    <p>全市政务服务事项平均办理时间压缩至3. 6小时,网上可办率达到44.5%。</p>
    <table><tr><th>项目</th><th>数量</th></tr><tr><td>规章</td><td>3</td></tr><tr><td colspan="2">合计</td></tr></table>
    <p><img src="/img/chart.png" alt="统计图"></p>
    <p>太原市司法局<br>2022年3月7日</p>
  </div>
  <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
</div>
<div class="tuijian"><h3>推荐阅读</h3><ul><li><a href="/a1">某地法治政府建设年度报告</a></li><li><a href="/a2">另一篇报告</a></li></ul></div>
<div class="links">友情链接:<a href="http://a.cn">中国人大网</a> <a href="http://b.cn">中国政府网</a></div>
<div class="footer"><p>版权所有:法治时代杂志 京ICP备12049208号-6</p></div>
</body></html>"##;

fn lines(doc: &Document) -> Vec<String> {
    doc.to_text_lines()
}

#[test]
fn seed_like_page() {
    let url = url::Url::parse("http://www.fzsdzz.com/fzzf/2022/0307/1.html").unwrap();
    let doc = extract(SEED_LIKE, Some(&url)).unwrap();
    assert_eq!(doc.meta.title, "太原市2021年法治政府建设年度报告");
    assert_eq!(doc.meta.date.as_deref(), Some("2022-03-07"));
    assert_eq!(doc.meta.source.as_deref(), Some("太原市司法局"));
    assert_eq!(doc.meta.url.as_deref(), Some(url.as_str()));
    let text = lines(&doc).join("\n");
    for chrome in [
        "订阅号",
        "当前位置",
        "文章字体",
        "推荐阅读",
        "友情链接",
        "京ICP备",
        "分享到",
        "脚本",
        "主办",
        "发布日期",
        "color",
    ] {
        assert!(!text.contains(chrome), "{chrome} in:\n{text}");
    }
    let body = &doc.blocks;
    assert!(
        matches!(&body[0], Block::Paragraph { content } if plain_text(content).starts_with("2021年,太原市"))
    );
    assert!(
        matches!(&body[1], Block::Heading { level: 1, content } if plain_text(content) == "一、党对法治政府建设的领导不断加强")
    );
    assert!(matches!(&body[3], Block::Heading { .. }));
    assert!(text.contains("3. 6小时"), "defects are normalize's job");
    let Some(Block::Table { rows }) = body.iter().find(|b| matches!(b, Block::Table { .. })) else {
        panic!("no table: {body:?}");
    };
    assert!(rows[0].header);
    assert_eq!(rows[2].cells[0].colspan, 2);
    let Some(Block::Image { src, alt, .. }) =
        body.iter().find(|b| matches!(b, Block::Image { .. }))
    else {
        panic!("no image");
    };
    assert_eq!(src, "http://www.fzsdzz.com/img/chart.png");
    assert_eq!(alt, "统计图");
    let Some(Block::Paragraph { content }) = body.last() else {
        panic!("last block");
    };
    assert!(
        content.contains(&Inline::LineBreak),
        "signature keeps its line break"
    );
}

#[test]
fn no_article() {
    use crate::error::NoArticle;
    let links = (1..=12)
        .map(|i| {
            format!(
                "<li><a href=/n/{i}.html>市政府召开第{i}次常务会议研究部署近期重点工作</a></li>"
            )
        })
        .collect::<String>();
    for (html, why) in [
        ("", NoArticle::NoText),
        ("<html><body></body></html>", NoArticle::NoText),
        ("<html><body><ul><li><a href=/>首页</a></li></ul></body></html>", NoArticle::NoText),
        (
            "<html><body><script>var a = '很长很长的脚本文字，很长很长的脚本文字。';</script></body></html>",
            NoArticle::NoText,
        ),
        (
            "<html><body><ul><li><a href=/>首页</a></li><li><a href=/a>政务公开</a></li>\
             <li><a href=/b>新闻中心</a></li><li><a href=/c>办事服务</a></li></ul></body></html>",
            NoArticle::OnlyLinks,
        ),
        (&format!("<html><body><h1>通知公告</h1><ul>{links}</ul></body></html>"), NoArticle::OnlyLinks),
        ("<html><body><p>首页</p><p>新闻</p><p>联系我们</p><p>网站地图</p></body></html>", NoArticle::NoRunningText),
    ] {
        match extract(html, None) {
            Err(Error::NoArticle(found)) => assert_eq!(found, why, "{html}"),
            other => panic!("{html}: {other:?}"),
        }
    }
}

/// An article in a box whose class says "print area": the hint makes the scorer pass
/// over all of it; the fallback, which ignores hints, finds it.
#[test]
fn an_article_the_scorer_passes_over_comes_from_the_fallback() {
    let html = r#"<html><head><meta charset="utf-8"><title>关于做好冬季供暖工作的通知</title></head><body>
<div class="header"><a href="/">首页</a> <a href="/a">政务公开</a> <a href="/b">新闻中心</a> <a href="/c">办事服务</a></div>
<div id="printArea">
<h1>关于做好冬季供暖工作的通知</h1>
<p>各区县人民政府，市直各有关单位：为切实做好今冬明春供暖工作，保障群众温暖过冬，现将有关事项通知如下。</p>
<p>一是提前做好供暖设施检修，确保按时供暖；二是加强燃料储备，做到储足备足；三是畅通投诉渠道，及时回应群众诉求。</p>
<p>各单位要高度重视，压实责任，确保各项措施落到实处。</p>
</div>
<div class="footer">版权所有 某某市人民政府 ICP备12345678号</div>
</body></html>"#;
    let page = Html::parse_document(html);
    assert!(scoring::Analysis::of(&page).main_content(&page).is_empty());
    let doc = extract(html, None).expect("the fallback's text");
    assert_eq!(doc.meta.extracted_by, Extractor::Readability);
    assert_eq!(doc.meta.title, "关于做好冬季供暖工作的通知");
    let lines = doc.body_text_lines();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[0].starts_with("各区县人民政府"));
    assert!(lines[2].starts_with("各单位要高度重视"));
    // A page the scorer reads is left to it.
    assert_eq!(
        extract(SEED_LIKE, None).expect("seed").meta.extracted_by,
        Extractor::Scorer
    );
}

/// A 名单 notice: a heading over a table of short rows, no sentence anywhere.
#[test]
fn a_heading_over_a_data_table_is_an_article() {
    let rows: String = (1..=300)
        .map(|i| format!("<tr><td>{i}</td><td>考生{i:04}</td></tr>"))
        .collect();
    let html = format!(
        "<html><head><title>名单</title></head><body><h2>2021年度公益性岗位拟录用人员名单</h2>\
         <table><tr><th>序号</th><th>姓名</th></tr>{rows}</table></body></html>"
    );
    let doc = extract(&html, None).expect("the table is the article");
    let Some(Block::Table { rows }) = doc.blocks.iter().find(|b| matches!(b, Block::Table { .. }))
    else {
        panic!("no table in {:?}", doc.blocks);
    };
    assert_eq!(rows.len(), 301);
    assert!(doc
        .to_text_lines()
        .iter()
        .any(|l| l.contains("拟录用人员名单")));
}

#[test]
fn text_wrapper_page_and_br_paragraphs() {
    let long =
        |n: u32| format!("这是正文的第{n}段，内容足够长，用来判断单个换行是否分段。").repeat(3);
    let (a, b, c) = (long(1), long(2), long(3));
    let html = format!(
        r#"<text id="http://x.cn/a.html" title="标题文字很长的一篇文章-搜狐">
<html><head><title>标题文字很长的一篇文章-搜狐</title></head><body>
<table><tr><td><a href=/>首页</a> | <a href=/n>新闻</a></td></tr>
<tr><td class="text">{a}<br>{b}<br><br>{c}</td></tr></table></body></html></text>"#
    );
    let doc = extract(&html, None).unwrap();
    assert_eq!(doc.meta.title, "标题文字很长的一篇文章");
    assert_eq!(doc.blocks.len(), 3, "{:?}", doc.blocks);
}

#[test]
fn heading_levels_are_relative_and_lists_kept() {
    let p = "<p>正文段落，有逗号，也有句号。正文段落，有逗号，也有句号。</p>".repeat(4);
    let html = format!(
        "<html><body><article><h2>第一部分标题</h2>{p}<h3>小节</h3>{p}<ol><li>第一项内容</li><li>第二项内容</li></ol>\
         <blockquote><p>引用的话，很有道理。</p></blockquote></article></body></html>"
    );
    let doc = extract(&html, None).unwrap();
    let levels: Vec<u8> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .collect();
    assert_eq!(levels, [1, 2]);
    assert!(doc
        .blocks
        .iter()
        .any(|b| matches!(b, Block::List { ordered: true, items } if items.len() == 2)));
    assert!(doc.blocks.iter().any(|b| matches!(b, Block::Quote { .. })));
}

#[test]
fn hostile_input_does_not_panic() {
    let deep = "<div>".repeat(100_000)
        + "很深的文字，很深的文字，很深的文字。"
        + &"</div>".repeat(100_000);
    let _ = extract(&deep, None);
    let tiny = "<p>短</p>".repeat(20_000);
    let _ = extract(&tiny, None);
    let junk: String = (0..50_000u32)
        .map(|i| char::from_u32(i % 0x3000 + 1).unwrap_or('x'))
        .collect();
    let _ = extract(&junk, None);
}

#[test]
fn disclosure_table_outside_the_content_is_kept() {
    let p =
        "<p>各有关单位：现将有关事项通知如下，请认真贯彻执行。各有关单位要高度重视。</p>".repeat(4);
    let html = format!(
        r#"<html><body><table class="xxgk"><tr><td>索引号：</td><td>11140100/2022-00123</td>
<td>发文机关：</td><td>太原市人民政府办公室</td></tr><tr><td>成文日期：</td><td>2022年03月01日</td>
<td>发文字号：</td><td>并政办发〔2022〕5号</td></tr></table>
<div class="content">{p}</div></body></html>"#
    );
    let doc = extract(&html, None).unwrap();
    let Some(Block::Table { rows }) = doc.blocks.first() else {
        panic!("no disclosure table first: {:?}", doc.blocks);
    };
    assert_eq!(rows.len(), 2);
    assert!(doc
        .to_text_lines()
        .join("\n")
        .contains("并政办发〔2022〕5号"));
}

#[test]
fn description_and_keywords_from_meta_tags() {
    let body = "<p>今年以来，我市坚持以习近平法治思想为指导，扎实推进法治政府建设，各项工作取得新进展。</p>".repeat(4);
    let page = |head: &str| {
        format!("<html><head><title>报告_太原市人民政府</title>{head}</head><body><h1>报告</h1><div class=content>{body}</div></body></html>")
    };
    let doc = extract(
        &page(r#"<meta name="Keywords" content="法治政府，年度报告, 法治政府；太原"><meta name="description" content=" 太原市2021年法治政府建设情况 ">"#),
        None,
    )
    .unwrap();
    assert_eq!(doc.meta.keywords, ["法治政府", "年度报告", "太原"]);
    assert_eq!(
        doc.meta.description.as_deref(),
        Some("太原市2021年法治政府建设情况")
    );
    // Space-separated Chinese keywords; English keywords keep their spaces.
    let spaced = extract(
        &page(r#"<meta name="keywords" content="太原 法治  报告">"#),
        None,
    )
    .unwrap();
    assert_eq!(spaced.meta.keywords, ["太原", "法治", "报告"]);
    let english = extract(
        &page(r#"<meta name="keywords" content="rule of law, annual report">"#),
        None,
    )
    .unwrap();
    assert_eq!(english.meta.keywords, ["rule of law", "annual report"]);
    // None declared: nothing invented.
    let bare = extract(&page(""), None).unwrap();
    assert!(bare.meta.keywords.is_empty() && bare.meta.description.is_none());
}
