//! Guard: raw HTML → the same HTML, or with absurdly deep nesting flattened.
//!
//! The HTML parser checks element scope by walking its stack of open elements, so a
//! page nested 100 000 deep costs quadratic time. No real page nests anywhere near
//! [`MAX_DEPTH`]; tags opened beyond it (and their end tags) are dropped before
//! parsing and their text is kept. The tag scan is approximate (it does not know
//! about comments or scripts), but it knows HTML's implied end tags, so the
//! unclosed `<p>`, `<li>` and `<td>` of old pages do not count as nesting.

use std::borrow::Cow;

const MAX_DEPTH: usize = 512;

/// How far down the open elements an end tag looks for its start tag; a stray end
/// tag further away is ignored, which keeps the scan linear.
const END_TAG_REACH: usize = 64;

/// Elements that never hold content, so they do not deepen the tree.
fn is_void(name: &[u8]) -> bool {
    const VOID: &[&[u8]] = &[
        b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
        b"param", b"source", b"track", b"wbr",
    ];
    VOID.iter().any(|v| v.eq_ignore_ascii_case(name))
}

fn is_any(name: &[u8], names: &[&[u8]]) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// Does a start tag `new` end the open element `open` (HTML's implied end tags)?
fn implies_end(new: &[u8], open: &[u8]) -> bool {
    const CLOSES_P: &[&[u8]] = &[
        b"p",
        b"div",
        b"ul",
        b"ol",
        b"dl",
        b"table",
        b"h1",
        b"h2",
        b"h3",
        b"h4",
        b"h5",
        b"h6",
        b"blockquote",
        b"pre",
        b"form",
        b"section",
        b"article",
        b"center",
    ];
    if open.eq_ignore_ascii_case(b"p") {
        return is_any(new, CLOSES_P);
    }
    if is_any(new, &[b"li"]) {
        return open.eq_ignore_ascii_case(b"li");
    }
    if is_any(new, &[b"dt", b"dd"]) {
        return is_any(open, &[b"dt", b"dd"]);
    }
    if is_any(new, &[b"td", b"th"]) {
        return is_any(open, &[b"td", b"th"]);
    }
    if is_any(new, &[b"tr"]) {
        return is_any(open, &[b"tr", b"td", b"th"]);
    }
    if is_any(new, &[b"option"]) {
        return open.eq_ignore_ascii_case(b"option");
    }
    false
}

/// A tag at `at` (`bytes[at] == b'<'`): (is end tag, name, index after `>`, self-closing).
fn tag_at(bytes: &[u8], at: usize) -> Option<(bool, &[u8], usize, bool)> {
    let mut i = at + 1;
    let end_tag = bytes.get(i) == Some(&b'/');
    if end_tag {
        i += 1;
    }
    let start = i;
    while bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric()) {
        i += 1;
    }
    if i == start || !bytes[start].is_ascii_alphabetic() {
        return None;
    }
    let name = &bytes[start..i];
    let close = memchr::memchr(b'>', &bytes[i..])? + i;
    let self_closing = close > 0 && bytes[close - 1] == b'/';
    Some((end_tag, name, close + 1, self_closing))
}

/// Open elements as the scan sees them: names up to [`MAX_DEPTH`], and a count of
/// the start tags beyond it (dropped, like their end tags).
#[derive(Default)]
struct Nesting<'a> {
    open: Vec<&'a [u8]>,
    excess: usize,
}

impl<'a> Nesting<'a> {
    /// A tag goes by; whether it is beyond the limit (to be dropped).
    fn step(&mut self, end_tag: bool, name: &'a [u8], self_closing: bool) -> bool {
        if end_tag {
            if self.excess > 0 {
                self.excess -= 1;
                return true;
            }
            let reach = self.open.len().saturating_sub(END_TAG_REACH);
            if let Some(at) = self.open[reach..]
                .iter()
                .rposition(|open| open.eq_ignore_ascii_case(name))
            {
                self.open.truncate(reach + at);
            }
            return false;
        }
        if is_void(name) || self_closing {
            return false;
        }
        while self.open.last().is_some_and(|open| implies_end(name, open)) {
            self.open.pop();
        }
        if self.open.len() >= MAX_DEPTH {
            self.excess += 1;
            return true;
        }
        self.open.push(name);
        false
    }
}

/// `html` with tags beyond [`MAX_DEPTH`] removed; borrowed when nothing is that deep.
pub fn limit_nesting(html: &str) -> Cow<'_, str> {
    if !too_deep(html.as_bytes()) {
        return Cow::Borrowed(html);
    }
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut nesting = Nesting::default();
    let mut copied = 0;
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + offset;
        let Some((end_tag, name, next, self_closing)) = tag_at(bytes, at) else {
            i = at + 1;
            continue;
        };
        if nesting.step(end_tag, name, self_closing) {
            // `<` and `>` are ASCII, so these are char boundaries.
            out.push_str(&html[copied..at]);
            copied = next;
        }
        i = next;
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

fn too_deep(bytes: &[u8]) -> bool {
    let mut nesting = Nesting::default();
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + offset;
        match tag_at(bytes, at) {
            Some((end_tag, name, next, self_closing)) => {
                if nesting.step(end_tag, name, self_closing) {
                    return true;
                }
                i = next;
            }
            None => i = at + 1,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let html = "<html><body><div><p>文字<br>更多</p></div></body></html>";
        assert!(matches!(limit_nesting(html), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_cut_and_text_kept() {
        let html = "<div>".repeat(2000) + "正文" + &"</div>".repeat(2000);
        let limited = limit_nesting(&html);
        assert_eq!(limited.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(limited.matches("</div>").count(), MAX_DEPTH);
        assert!(limited.contains("正文"));
    }

    #[test]
    fn unclosed_paragraphs_cells_and_items_are_not_nesting() {
        let html = "<table>".to_owned()
            + &"<tr><td>格<td>子".repeat(2000)
            + "</table><ul>"
            + &"<li>条目".repeat(2000)
            + "</ul>"
            + &"<p>段落".repeat(2000);
        assert!(matches!(limit_nesting(&html), Cow::Borrowed(_)));
    }
}
