//! DOM helpers shared by the extraction passes: which elements are invisible, inline or
//! block-level, what their class/id hints say, and how their text is counted.

use std::sync::LazyLock;

use std::ops::Deref;

use regex::Regex;
use scraper::{ElementRef, Node};

/// A node of scraper's tree (ego_tree's `NodeRef<Node>`, named through scraper, which
/// does not re-export ego_tree).
pub type NodeRef<'a> = <ElementRef<'a> as Deref>::Target;

/// A stable identity for a node while its tree lives: the address of its value.
pub fn key(node: NodeRef<'_>) -> usize {
    std::ptr::from_ref(node.value()) as usize
}

/// Elements whose content is never text a reader sees.
pub fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "svg"
            | "canvas"
            | "object"
            | "embed"
            | "audio"
            | "video"
            | "select"
            | "option"
            | "button"
            | "input"
            | "textarea"
            | "map"
            | "area"
    )
}

/// Elements that start a new block of text (everything else flows inline).
pub fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "aside"
            | "header"
            | "footer"
            | "nav"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "form"
            | "fieldset"
            | "address"
            | "center"
            | "hr"
            | "body"
            | "html"
            | "text"
            | "details"
            | "summary"
            | "menu"
    )
}

/// Heading level of `h1`…`h6`.
pub fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// Class/id words of the main text on Chinese and Western sites.
static POSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)article|content|detail|trs_editor|zoom|\btext|main|body|entry|post|story|rich_media|neirong|zhengwen|conter|cont\b|con_|_con\b|txt|artic|fontzoom|page-content|news_?con",
    )
});

/// Class/id words of site chrome.
static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    regex(concat!(
        r"(?i)nav|menu|footer|foot\b|header|sidebar|side\b|aside|share|bshare|related|relate|recommend|comment|copyright|breadcrumb|crumb|location|position|weizhi|banner|advert|\bad\b|ads\b|sponsor|social|tags?\b|pager|pagination|prev|next|fontsize|font_?size|print|toolbar|tool\b|login|search|friend|link|hot|rank|qrcode|ewm|erweima|popup|modal|widget|subscribe|author-info|dialog",
        // Western news sites: photo galleries, bylines, promos inside the article.
        r"|gallery|slideshow|carousel|byline|dateline|timestamp|credit|promo|newsletter|signup",
    ))
});

pub fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| unreachable!("static regex {pattern}: {e}"))
}

/// The class and id of an element, joined, for hint matching.
pub fn class_id(node: NodeRef<'_>) -> String {
    match node.value() {
        Node::Element(el) => {
            let mut s = String::new();
            if let Some(class) = attr(el, "class") {
                s.push_str(class);
            }
            if let Some(id) = attr(el, "id") {
                s.push(' ');
                s.push_str(id);
            }
            s
        }
        _ => String::new(),
    }
}

/// An attribute's value. (`Element::attr` interns the name on every call; a scan of
/// an element's few attributes is several times faster.)
pub fn attr<'a>(el: &'a scraper::node::Element, name: &str) -> Option<&'a str> {
    el.attrs()
        .find_map(|(key, value)| (key == name).then_some(value))
}

/// +1 when class/id say "content", −1 when they say "chrome", 0 otherwise.
pub fn hint(node: NodeRef<'_>) -> i32 {
    let words = class_id(node);
    if words.is_empty() {
        return 0;
    }
    let positive = POSITIVE.is_match(&words);
    let negative = NEGATIVE.is_match(&words);
    match (positive, negative) {
        (true, false) => 1,
        (false, true) => -1,
        _ => 0,
    }
}

/// Whether an element's own style hides it (`display:none`). `visibility:hidden` is
/// not trusted: WeChat hides the whole article that way until its scripts run.
pub fn is_hidden(node: NodeRef<'_>) -> bool {
    let Node::Element(el) = node.value() else {
        return false;
    };
    if attr(el, "hidden").is_some() {
        return true;
    }
    attr(el, "style").is_some_and(|style| {
        // Most styles say nothing of display: skip the copy for them.
        if !style
            .as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"none"))
        {
            return false;
        }
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none")
    })
}

/// A `javascript:` address: a script to run, not a place to go.
pub fn is_script_href(href: &str) -> bool {
    href.trim_start()
        .get(..11)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("javascript:"))
}

/// Element name, or `None` for non-elements.
pub fn name(node: NodeRef<'_>) -> Option<&str> {
    match node.value() {
        Node::Element(el) => Some(el.name()),
        _ => None,
    }
}

/// Chinese sentence punctuation, the strongest sign of running text.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '、' | '；' | '：' | '？' | '！' | '“' | '”'
    )
}

/// Characters that count towards text length: everything but whitespace.
pub fn counts(c: char) -> bool {
    !c.is_whitespace()
}

/// What a [`walk`] visitor sees: entering a node or leaving it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Open,
    Close,
}

/// Walk the subtree of `root` in document order without recursion (pages nest
/// arbitrarily deep). `visit` gets every node on entry and exit; returning `false`
/// on entry skips the node's children (it still gets its `Close`).
pub fn walk<'a>(root: NodeRef<'a>, mut visit: impl FnMut(NodeRef<'a>, Step) -> bool) {
    let mut node = root;
    loop {
        let descend = visit(node, Step::Open);
        if descend {
            if let Some(child) = node.first_child() {
                node = child;
                continue;
            }
        }
        // Close this node and every ancestor that has no next sibling.
        loop {
            visit(node, Step::Close);
            if node == root {
                return;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => return,
            }
        }
    }
}
