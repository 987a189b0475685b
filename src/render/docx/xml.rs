//! Text hygiene for XML written by hand or handed to docx-rs.

/// Whether XML 1.0 allows `c` in character data. Word refuses a file with a
/// stray control character, and web pages do carry them.
pub fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// `text` without the characters XML cannot carry.
pub fn clean(text: &str) -> String {
    text.chars().filter(|&c| allowed(c)).collect()
}

/// `text` escaped for element content and attribute values, cleaned first.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|&c| allowed(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Attribute values would normalise raw line ends to spaces.
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            '\t' => out.push_str("&#x9;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_drops_controls() {
        assert_eq!(
            escape("a<b>&\"'\u{0}\u{b}c"),
            "a&lt;b&gt;&amp;&quot;&apos;c"
        );
        assert_eq!(clean("x\u{1}y\u{FFFE}z𠀀"), "xyz𠀀");
    }
}
