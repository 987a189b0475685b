//! Chrome: converted blocks → the blocks of the article alone.
//!
//! Chinese sites surround (and interleave) the text with the same few kinds of lines:
//! breadcrumbs (当前位置), font-size and print widgets (字体：大 中 小, 打印, 关闭),
//! share bars (分享到), related links (推荐阅读, 相关新闻, 上一篇/下一篇), footers
//! (版权所有, ICP备, 网站地图) and the metadata line (发布日期：… 来源：…), whose facts
//! are in [`Meta`] already. Western pages add ad labels, gallery and video controls,
//! caption and credit labels, bylines and an author's bio; blogs and forums add
//! trackbacks, comment boxes and poster panels. These are dropped wherever they are
//! (bylines and metadata only above the text); link-heavy lines are dropped at the
//! edges; a "related" heading near the end cuts everything after it.

use std::sync::LazyLock;

use regex::Regex;

use super::blocks::Converted;
use super::dom::regex;
use super::variants;
use crate::model::{Block, Meta};

/// Lines that are chrome whatever else they say (when short).
static CHROME: LazyLock<Regex> = LazyLock::new(|| {
    regex(concat!(
        r"^(当前位置|您的位置|你的位置|您现在的位置|你现在的位置|当前的位置|所在位置|现在位置)[:：]?",
        r"|(文章|正文)?(字体|字号)[:：︰]?[【\[（(]?\s*[大中小]|(字体|字号)[:：︰]\s*[【\[]|^调整字(体|级|号)",
        r"|[【\[]\s*[大中小]\s*[大中小]\s*[大中小]\s*[】\]]|[【\[]大[】\]]\s*[【\[]中[】\]]\s*[【\[]小[】\]]",
        r"|(文字|字体|字号)大小[:：︰]|^(字号|字体)$",
        // Breadcrumbs that start at the home page: `首页 > 新闻中心 > …`.
        r"|^\S{0,12}(首页|主页|Home)\s*[>»＞›]",
        r"|[【\[](打印|关闭|打印本页|关闭窗口|收藏|纠错|返回顶部)[】\]]",
        r"|^(打印本页|关闭窗口|打印此页|关闭本页|返回顶部|返回首页)",
        // Print and mail buttons as whole lines (列印 is Taiwan's and Hong Kong's 打印).
        r"|^(打印|列印)(本文|新闻|文章)?$|^(寄给朋友|转寄|转寄好友|推荐给朋友|发送给朋友|电邮给朋友|分享工具|我要分享)$",
        r"|^(分享到|分享至|分享：|扫一扫|手机扫|微信扫|用微信扫)|^分享\s*[|｜]?$",
        // Credit lines: `文/记者 王五`, `制图/李四`.
        r"|^(文|图|文图|图文|撰文|摄影|制图|绘图)\s*[/／|｜]\s*[^，。,]{1,30}$",
        // A line of bracketed fields: `[稿源：红网] [作者：范思鼎] [编辑：肖娟]`.
        r"|^([\[【]\s*\S{1,6}\s*[:：][^\]】]{0,30}[\]】]\s*){2,}$",
        r"|^[\[【]\s*(稿源|来源|作者|编辑|责编|记者|通讯员|摄影|审核|校对)\s*[:：][^\]】]{0,30}[\]】]$",
        // A gallery's counter: `1 / 7`.
        r"|^\d{1,3}\s*/\s*\d{1,3}$",
        // Mood polls under the text: `给力（0票）`.
        r"|^\S{1,6}\s*[（(]\d+\s*票[)）]$|^我来说两句",
        r"|^(点击进入|进入).{0,30}专题",
        r"|^(上一篇|下一篇|上一条|下一条|上一页|下一页|上一则|下一则)[:：]?",
        r"|^友情链接",
        r"|版权所有|Copyright|©|ICP备|ICP证|公网安备|网站地图|网站标识码|网站识别码",
        r"|^[（(【\[]?\s*(责任编辑|网络编辑|编辑|责编|审核|校对|监制|主编|编审)\s*[:：]",
        r"|^[【\[]?(免责声明|版权声明)[】\]]?[:：]",
        r"|(浏览|阅读|点击)(次数|量|数)\s*[:：]\s*\d*",
        r"|^(登录|注册)(\s|$)",
        r"|^[【\[]?(关键字|关键词|标签|Tags|TAG)\s*[】\]]?[:：]",
        // Blogs and forums: trackbacks, comment links, post footers, poster panels,
        // floor labels (楼主, 2楼) and thread pagers.
        r"|^(Trackback|TrackBack|引用通告|永久链接|Permalink)(?-u:\b)|点击此处收藏",
        r"|^(添加评论|发表评论|我要评论|查看评论|网友评论|评论\s*[(（]?\d*[)）]?)$",
        r"|^发表于\s*\d{4}",
        // A source line on its own (its name is in the metadata), wherever it stands.
        r"|^(来源|文章来源|信息来源|稿源)\s*[:：]\s*\S{1,20}$",
        r"|^(级别|等级|积分|经验|威望|金钱|帖子|精华|注册时间|在线时间|最后登录|阅读权限|UID|能力值|专家分|魅力|声望|财富)\s*[:：]",
        r"|(楼主|沙发|板凳|地板|\d+\s*楼)$|上一页.{0,20}下一页",
    ))
});

/// Reprint and copyright notices, disclaimers and invitations to follow the site:
/// chrome even when they run to two sentences.
static NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    regex(concat!(
        r"未经.{0,10}(授权|许可|同意).{0,6}(不得|禁止|严禁|请勿|谢绝)|(不得|禁止|严禁|请勿|谢绝)(转载|复制|转贴|摘编)",
        r"|转载请注明|书面授权",
        r"|不代表本(网|站|报|台)|不表明证实|^[【\[（(]?(免责声明|版权声明)",
        r"|((?i:like|follow)|关注|订阅|追踪|加入)\s*我们的.{0,6}(专页|微博|微信|公众号|粉丝)|(?i:like|follow)\s*我们",
    ))
});

/// The same for English and other Western news pages: ad labels, gallery and video
/// controls, caption and credit labels, screen-reader prompts (whole short lines).
// Word boundaries are ASCII ones (`(?-u:\b)`): a Unicode `\b` keeps the regex engine
// off its fast path on Chinese text, which cost seconds on big pages.
static CHROME_EN: LazyLock<Regex> = LazyLock::new(|| {
    regex(concat!(
        r"(?i)^(advertisements?|sponsored( content)?|story continues below( advertisement)?",
        r"|continue reading( the main story)?|skip to (main )?(content|navigation)|full screen|autoplay",
        r"|close|×|view (photos|gallery)|buy photo|back to gallery|caption|photo|image|video",
        r"|read more|share( this( article| story)?)?|comments?|\d+ comments?|loading\W*|正在加载\W*)$",
        r"|^(media caption|image caption|image copyright|image credit|photo|photograph|picture|credit)\s*:",
        r"|^media caption\s",
        r"|^a version of this article appears in print",
        r"|^follow(?-u:\b).{0,80}(?-u:\b)(on|at) (facebook|twitter|instagram)",
        r"|^\(?(additional )?(reporting|writing|editing) by(?-u:\b)",
    ))
});

/// Bylines and datelines of Western pages, looked for above the text only.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    regex(concat!(
        r"^(By|BY|Par|PAR|Von|Por|Di)\s+\p{Lu}",
        r"|^(Updated|Published|Posted|Last updated)(?-u:\b)|^(Mis à jour|Publié)",
        r"|(?i)(?-u:\b)(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}(?-u:\b)",
        r"|(?i)(?-u:\b)\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-zéû]*\.?\s+\d{4}(?-u:\b)",
        r"|(?-u:\b)\d{1,2}[./]\d{1,2}[./]\d{4}(?-u:\b)",
    ))
});

/// An author's biography closing a Western article.
static BIO: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^\p{Lu}[\w.'-]+(\s\p{Lu}[\w.'-]+){1,3},? (is|was) (an?|the) [^.]{0,80}(?-u:\b)(correspondent|reporter|writer|editor|journalist|columnist|contributor|critic)(?-u:\b)",
    )
});

/// Headings of "related" boxes: at the end of an article, everything from here on is
/// chrome.
static RELATED: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^[【\[]?(推荐阅读|相关新闻|相关阅读|相关文章|相关链接|相关报道|延伸阅读|热点推荐|猜你喜欢|热门推荐|更多新闻|热门文章|精彩推荐|往期回顾|热点新闻|最新新闻|相关稿件|更多精彩|今日推荐|相关报导|相关连结|热门新闻|最新消息)[】\]]?[:：]?$",
    )
});

/// The metadata line: its date and source are in [`Meta`], not in the body.
static META_LINE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(发布日期|发布时间|发稿时间|发文日期|更新时间|信息来源|文章来源|来源|作者|时间|日期)\s*[:：]",
    )
});

static DATE_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(\s*\d{1,2}:\d{2}(:\d{2})?)?$")
});

/// Drop the chrome from `blocks`, given what the metadata already holds.
pub fn clean(blocks: Vec<Converted>, meta: &Meta) -> Vec<Converted> {
    let lead = lead_len(&blocks);
    let mut blocks: Vec<Converted> = blocks
        .into_iter()
        .enumerate()
        .filter_map(|(i, c)| filter_block(c, Place::of(i, lead)))
        .collect();
    cut_related_tail(&mut blocks);
    drop_title(&mut blocks, &meta.title);
    drop_furniture(&mut blocks);
    drop_repeats(&mut blocks, &meta.title);
    trim_edges(&mut blocks);
    blocks
}

/// Text said twice: an image's alt text or caption again as a paragraph, the title
/// as alt text, and a long text right after itself or inside the text before it (a
/// gallery's caption, once per viewer, or cut short behind a `… more` / `less`
/// toggle). Other paragraphs repeating paragraphs stay: pages repeat lines on purpose
/// (the same specification for two cars).
fn drop_repeats(blocks: &mut Vec<Converted>, title: &str) {
    let title = squeezed(title);
    let mut seen = std::collections::HashSet::new();
    let mut previous = String::new();
    blocks.retain_mut(|c| {
        let text = squeezed(&text_of(&c.block));
        let shown = without_toggle(&text);
        if shown.chars().count() >= MIN_REPEAT_CHARS && previous.contains(shown) {
            return false;
        }
        previous = text;
        true
    });
    blocks.retain_mut(|c| match &mut c.block {
        Block::Image { alt, caption, .. } => {
            if squeezed(alt) == title {
                alt.clear();
            }
            for text in [Some(&*alt), caption.as_ref()].into_iter().flatten() {
                if text.chars().count() >= 20 {
                    seen.insert(squeezed(text));
                }
            }
            true
        }
        Block::Paragraph { .. } | Block::Heading { .. } => {
            !seen.contains(&squeezed(&text_of(&c.block)))
        }
        _ => true,
    });
}

/// A short label said three times or more is the page's own furniture (a product
/// name or a button under every picture), not a refrain; sentences may repeat.
fn drop_furniture(blocks: &mut Vec<Converted>) {
    let labels: Vec<Option<String>> = blocks
        .iter()
        .map(|c| match c.block {
            Block::Paragraph { .. } => Some(squeezed(&text_of(&c.block))).filter(|text| {
                text.chars().count() <= MAX_FURNITURE_CHARS
                    && !text.contains(['。', '，', '！', '？', '；'])
            }),
            _ => None,
        })
        .collect();
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for label in labels.iter().flatten() {
        *counts.entry(label).or_default() += 1;
    }
    let mut keep = labels.iter().map(|label| {
        label
            .as_deref()
            .and_then(|label| counts.get(label))
            .is_none_or(|&n| n < 3)
    });
    blocks.retain(|_| keep.next().unwrap_or(true));
}

/// `text` without its whitespace, for comparing texts however they were wrapped.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Labels up to this long, repeated, are furniture.
const MAX_FURNITURE_CHARS: usize = 100;

/// A text this long said twice in a row is a repeat, not a refrain.
const MIN_REPEAT_CHARS: usize = 80;

/// `text` (whitespace squeezed out) without a caption viewer's toggle at its end:
/// `… more`, `... more`, `less`.
fn without_toggle(text: &str) -> &str {
    let text = text
        .strip_suffix("more")
        .or_else(|| text.strip_suffix("less"))
        .unwrap_or(text);
    text.trim_end_matches(['.', '…'])
}

/// Where a line stands in the content: metadata and bylines are only looked for
/// near the top.
#[derive(Clone, Copy)]
pub struct Place {
    index: usize,
    /// Above the first block of running text.
    lead: bool,
}

impl Place {
    fn of(index: usize, lead: usize) -> Place {
        Place {
            index,
            lead: index < lead,
        }
    }

    #[cfg(test)]
    fn top() -> Place {
        Place {
            index: 0,
            lead: true,
        }
    }
}

/// Blocks before the first one of running text (a sentence of some length), capped:
/// the zone where title repeats, bylines and metadata lines stand.
fn lead_len(blocks: &[Converted]) -> usize {
    blocks
        .iter()
        .take(12)
        .position(|c| {
            matches!(c.block, Block::Paragraph { .. }) && {
                let text = text_of(&c.block);
                let len = text.chars().filter(|c| !c.is_whitespace()).count();
                // A dateline has commas too (`Updated 1:39 am EST, Wednesday, …`).
                let byline = len < 100 && BYLINE.is_match(&text);
                !byline && (len >= 120 || (len >= 40 && text.contains(['。', '，', '.', ','])))
            }
        })
        .unwrap_or(0)
}

/// Lines that are chrome wherever they stand (when short).
fn is_always_chrome(line: &str) -> bool {
    line.chars().count() <= MAX_CHROME_CHARS && is_always_chrome_folded(&variants::fold(line))
}

/// No chrome line is longer: longer lines are text, and skip the patterns.
const MAX_CHROME_CHARS: usize = 200;

/// [`is_always_chrome`] of a line no longer than [`MAX_CHROME_CHARS`], its traditional
/// characters folded. A notice may run to two sentences; other chrome is one at most.
fn is_always_chrome_folded(line: &str) -> bool {
    NOTICE.is_match(line)
        || (line.matches('。').count() <= 1 && (CHROME.is_match(line) || CHROME_EN.is_match(line)))
}

/// Is this one line chrome where it stands?
pub fn is_chrome_line(line: &str, place: Place) -> bool {
    let len = line.chars().count();
    if len > MAX_CHROME_CHARS {
        return false;
    }
    let line = &*variants::fold(line);
    let sentences = line.matches('。').count();
    if is_always_chrome_folded(line) {
        return true;
    }
    if is_nav(line) {
        return true;
    }
    let top = place.index < 6 || place.lead;
    if len <= 100 && sentences == 0 && META_LINE.is_match(line) && top {
        return true;
    }
    if place.lead && len <= 100 && !line.contains(['，', '。']) && BYLINE.is_match(line) {
        return true;
    }
    // Counters above the text (views, comments, likes) are bare numbers.
    if place.lead && len <= 12 && line.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return true;
    }
    (place.index < 3 || place.lead) && DATE_ONLY.is_match(line)
}

/// A few words with no sentence in them: a rank, a badge, a date.
fn is_short_label(line: &str) -> bool {
    line.chars().count() <= 15 && !line.contains(['，', '。', ',', '.'])
}

/// A line of short menu words: `首页 | 新闻 | 政务 | 服务`.
fn is_nav(line: &str) -> bool {
    if line.chars().count() > 80 || line.contains(['，', '。', '；']) {
        return false;
    }
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || "|｜·•/>»".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    words.len() >= 4 && words.iter().all(|w| w.chars().count() <= 4)
}

fn filter_block(mut converted: Converted, place: Place) -> Option<Converted> {
    match &mut converted.block {
        Block::Heading { content, .. } | Block::Paragraph { content } => {
            let text = crate::model::plain_text(content);
            let lines: Vec<&str> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            // Any line of a multi-line paragraph can be a metadata or chrome line.
            if lines.iter().all(|l| is_chrome_line(l, place)) {
                return None;
            }
            // A metadata line with short labels under it, above the text: a forum
            // poster's panel (`作者：…` over a rank such as `振威将军(从一品)`).
            if lines.len() > 1
                && is_chrome_line(lines[0], place)
                && META_LINE.is_match(lines[0])
                && lines[1..].iter().all(|l| is_short_label(l))
            {
                return None;
            }
        }
        Block::List { items, .. } => {
            items.retain(|item| !is_chrome_line(crate::model::plain_text(item).trim(), place));
            if items.is_empty() || converted.link_ratio > 0.6 {
                return None;
            }
        }
        Block::Table { rows } => {
            // Layout tables that passed as data: a forum's post header row. Only
            // the always-chrome lines go: a disclosure table's 成文日期 row stays.
            // A short row with a chrome cell (`发表评论`) is a toolbar.
            rows.retain(|row| {
                let cells: Vec<String> = row
                    .cells
                    .iter()
                    .map(|cell| crate::model::plain_text(&cell.content).trim().to_owned())
                    .collect();
                let line = cells.join(" ");
                let toolbar = line.chars().count() <= 100
                    && cells.iter().any(|c| !c.is_empty() && is_always_chrome(c));
                !toolbar && !is_always_chrome(&line)
            });
            if rows.is_empty() || converted.link_ratio > 0.6 {
                return None;
            }
        }
        // A picture whose only words are a button's (分享至微博, 列印) is the button.
        Block::Image { alt, caption, .. } => {
            if caption.is_none() && !alt.is_empty() && is_always_chrome(alt) {
                return None;
            }
        }
        Block::Quote { .. } => {}
    }
    Some(converted)
}

fn text_of(block: &Block) -> String {
    block.text_lines().join("\n")
}

/// A related-links heading in the second half ends the article.
fn cut_related_tail(blocks: &mut Vec<Converted>) {
    let half = blocks.len() / 2;
    let cut = blocks
        .iter()
        .enumerate()
        .skip(half.max(1))
        .find(|(_, c)| is_related_heading(c))
        .map(|(i, _)| i);
    if let Some(at) = cut {
        blocks.truncate(at);
    }
    // Anywhere, the heading line itself goes.
    blocks.retain(|c| !is_related_heading(c));
}

fn is_related_heading(converted: &Converted) -> bool {
    RELATED.is_match(variants::fold(text_of(&converted.block).trim()).as_ref())
}

/// The title repeated as the first block(s) of the body.
fn drop_title(blocks: &mut Vec<Converted>, title: &str) {
    let title: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    if title.is_empty() {
        return;
    }
    let repeats = |c: &Converted| {
        if !matches!(c.block, Block::Heading { .. } | Block::Paragraph { .. }) {
            return false;
        }
        let text: String = text_of(&c.block)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        !text.is_empty()
            && (text == title
                || (text.contains(&title) && text.chars().count() <= title.chars().count() + 4))
    };
    let limit = blocks.len().min(4);
    let Some(at) = blocks[..limit].iter().position(repeats) else {
        return;
    };
    // What stands above the article's heading (column names, breadcrumbs) is
    // page furniture, when it is short.
    let above_is_furniture = blocks[..at].iter().all(|c| {
        let text = text_of(&c.block);
        text.chars().count() <= 20 && !text.contains(['。', '，'])
    });
    if above_is_furniture {
        blocks.drain(..=at);
    } else {
        blocks.remove(at);
    }
    // Pages that print the title twice (a kicker heading, a print header) do so
    // before the text starts.
    let lead = lead_len(blocks).min(blocks.len());
    let mut index = 0;
    blocks.retain(|c| {
        index += 1;
        index > lead || !repeats(c)
    });
}

/// Link-heavy short lines at the start and the end are navigation, not text.
fn trim_edges(blocks: &mut Vec<Converted>) {
    let is_edge_chrome = |c: &Converted| {
        let len = text_of(&c.block)
            .chars()
            .filter(|c| !c.is_whitespace())
            .count();
        c.link_ratio > 0.5 && len < 60 && !matches!(c.block, Block::Image { .. })
    };
    let lead = blocks.iter().take_while(|c| is_edge_chrome(c)).count();
    blocks.drain(..lead);
    while blocks
        .last()
        .is_some_and(|c| is_edge_chrome(c) || BIO.is_match(&text_of(&c.block)))
    {
        blocks.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_lines() {
        for line in [
            "当前位置:首页 > 法治政府",
            "文章字体:【大 中 小】 发布日期: 2022-03-07 来源:太原市司法局",
            "文章字体:【 】 发布日期: 2022-03-07 来源:太原市司法局",
            "【打印】【关闭】",
            "分享到：",
            "上一篇：关于印发某某办法的通知",
            "友情链接:",
            "版权所有:法治时代杂志 京ICP备12049208号-6",
            "（责任编辑：王五）",
            "公众号 订阅号 服务号 学习强国 手机版 电子期刊 登录",
        ] {
            assert!(is_chrome_line(line, Place::top()), "{line}");
        }
        for line in [
            "2021年,太原市坚持以习近平新时代中国特色社会主义思想为指导，认真学习贯彻。",
            "一、党对法治政府建设的领导不断加强",
            "时间过得很快，我们来到了新的一年，这里有许多人。",
        ] {
            assert!(!is_chrome_line(line, Place::top()), "{line}");
        }
        assert!(RELATED.is_match("推荐阅读"));
        assert!(BIO.is_match(
            "Erin Cunningham is an Egypt-based correspondent for The Post. She previously …"
        ));
        for line in [
            "Advertisement",
            "Photo: Damian Dovarganes, AP",
            "Media caption Mr Obama told the BBC",
            "(Reporting by Greg Roumeliotis; editing by Martin Howell.)",
        ] {
            assert!(is_chrome_line(line, Place::top()), "{line}");
        }
        assert!(BYLINE.is_match("Updated 1:39 am EST, Wednesday, November 20, 2019"));
        assert!(BYLINE.is_match("By Tom Krisher"));
        assert!(!BYLINE.is_match("By the end of the year the plant will close."));
    }

    fn paragraph(text: &str) -> Converted {
        Converted {
            block: Block::Paragraph {
                content: vec![crate::model::Inline::text(text)],
            },
            link_ratio: 0.0,
            from_h: false,
        }
    }

    #[test]
    fn a_long_text_right_after_itself_goes_short_refrains_stay() {
        let caption = "Karma Automotive Andreas Thurner, Vice President for Global Design, \
                       unveils the Karma SC2 concept vehicle at the Los Angeles Auto Show.";
        let mut blocks: Vec<Converted> = [caption, caption, "正文。", "排量：2.0T", "排量：2.0T"]
            .into_iter()
            .map(paragraph)
            .collect();
        drop_repeats(&mut blocks, "标题");
        let texts: Vec<String> = blocks.iter().map(|c| text_of(&c.block)).collect();
        assert_eq!(texts, [caption, "正文。", "排量：2.0T", "排量：2.0T"]);

        // A gallery's caption with its credit, then again behind `less` and cut short
        // behind `… more`: the two toggled copies go.
        let full = format!("{caption} Photo: Damian Dovarganes, AP");
        let short = format!("{} ... more", &caption[..100]);
        let mut blocks: Vec<Converted> =
            [full.as_str(), &format!("{caption} less"), &short, "正文。"]
                .into_iter()
                .map(paragraph)
                .collect();
        drop_repeats(&mut blocks, "标题");
        let texts: Vec<String> = blocks.iter().map(|c| text_of(&c.block)).collect();
        assert_eq!(texts, [full.as_str(), "正文。"]);
    }

    #[test]
    fn a_posters_panel_goes_a_metadata_line_over_text_stays() {
        let top = Place::top();
        assert!(filter_block(paragraph("作者： 放飞&心情\n振威将军(从一品)"), top).is_none());
        assert!(filter_block(paragraph("能力值:545803"), top).is_none());
        // Under the metadata line, a sentence is text: the paragraph stays.
        let text = "来源：新华社\n记者从市政府获悉，全市今年新建学校十二所。";
        assert!(filter_block(paragraph(text), top).is_some());
        // Further down, a `作者：` line with a short line under it is the text's own.
        let deep = Place {
            index: 30,
            lead: false,
        };
        assert!(filter_block(paragraph("作者：张三\n2021年3月"), deep).is_some());
    }
}
