//! Guard: raw HTML → the same HTML, or with absurdly deep nesting flattened.
//!
//! The HTML parser checks element scope by walking its stack of open elements, so a
//! page nested 100 000 deep costs quadratic time. No real page nests anywhere near
//! [`MAX_DEPTH`]; tags opened beyond it (and their end tags) are dropped before
//! parsing and their text is kept. The tag scan is approximate (it does not know
//! about comments or scripts), which only matters for such pathological pages.

use std::borrow::Cow;

const MAX_DEPTH: usize = 512;

/// Elements that never hold content, so they do not deepen the tree.
fn is_void(name: &[u8]) -> bool {
    const VOID: &[&[u8]] = &[
        b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
        b"param", b"source", b"track", b"wbr",
    ];
    VOID.iter().any(|v| v.eq_ignore_ascii_case(name))
}

/// A tag at `at` (`bytes[at] == b'<'`): (is end tag, name, index after `>`), if it is one.
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
    let close = bytes[i..].iter().position(|&b| b == b'>')? + i;
    let self_closing = close > 0 && bytes[close - 1] == b'/';
    Some((end_tag, name, close + 1, self_closing))
}

/// `html` with tags beyond [`MAX_DEPTH`] removed; borrowed when nothing is that deep.
pub fn limit_nesting(html: &str) -> Cow<'_, str> {
    if !too_deep(html.as_bytes()) {
        return Cow::Borrowed(html);
    }
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut depth = 0usize;
    let mut copied = 0;
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') {
        let at = i + offset;
        let Some((end_tag, name, next, self_closing)) = tag_at(bytes, at) else {
            i = at + 1;
            continue;
        };
        let deep = if end_tag {
            let deep = depth > MAX_DEPTH;
            depth = depth.saturating_sub(1);
            deep
        } else if is_void(name) || self_closing {
            false
        } else {
            depth += 1;
            depth > MAX_DEPTH
        };
        if deep {
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
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') {
        let at = i + offset;
        match tag_at(bytes, at) {
            Some((true, _, next, _)) => {
                depth = depth.saturating_sub(1);
                i = next;
            }
            Some((false, name, next, self_closing)) => {
                if !is_void(name) && !self_closing {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return true;
                    }
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
}
