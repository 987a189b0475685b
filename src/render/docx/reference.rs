//! `--reference-docx`: a user's Word file whose styles and page setup replace
//! ours, as pandoc's option of that name does, so an organisation's house style
//! applies.
//!
//! Taken: `styles.xml` whole (its document defaults and every style it has), and
//! the page size, margins, columns and document grid of its last section. Our
//! styles are matched to the reference's by name (Chinese Word gives `heading 1`
//! the id `1`), and the body is re-pointed at the reference's ids; styles the
//! reference lacks are added from ours. Its headers and footers replace our
//! `— PAGE —` footers when it has any ([`super::headers`]).

use std::io::{Cursor, Read};

use super::headers::{text, HeadersFooters};

/// What the reference contributes, read once before any document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    styles: String,
    /// `w:pgSz`, `w:pgMar`, `w:cols`, `w:docGrid` as the reference writes them.
    page: Vec<String>,
    /// Its headers and footers, when its last section has any.
    headers: Option<HeadersFooters>,
}

const W_NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
const PAGE_ELEMENTS: [&str; 4] = ["w:pgSz", "w:pgMar", "w:cols", "w:docGrid"];

impl Reference {
    /// Reads the reference from the bytes of a `.docx`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Reference, String> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
        let mut bytes_of = |name: &str| -> Result<Option<Vec<u8>>, String> {
            let mut entry = match zip.by_name(name) {
                Ok(entry) => entry,
                Err(zip::result::ZipError::FileNotFound) => return Ok(None),
                Err(e) => return Err(format!("{name}: {e}")),
            };
            let mut bytes = Vec::new();
            entry
                .read_to_end(&mut bytes)
                .map_err(|e| format!("{name}: {e}"))?;
            Ok(Some(bytes))
        };
        let styles = text(&mut bytes_of, "word/styles.xml")?.ok_or("it has no word/styles.xml")?;
        // Our added styles are written with the `w:` prefix.
        if !styles.contains(W_NS) || !styles.contains("</w:styles>") {
            return Err("its styles.xml does not use the w: prefix of WordprocessingML".into());
        }
        let document = text(&mut bytes_of, "word/document.xml")?.unwrap_or_default();
        let section = document
            .rfind("<w:sectPr")
            .map(|at| &document[at..])
            .and_then(|s| s.find("</w:sectPr>").map(|end| &s[..end]))
            .unwrap_or("");
        let page = PAGE_ELEMENTS
            .iter()
            .filter_map(|name| element(section, name).map(str::to_string))
            .collect();
        let headers = HeadersFooters::read(section, &mut bytes_of)?;
        Ok(Reference {
            styles,
            page,
            headers,
        })
    }

    /// Its headers and footers, when it has any.
    pub fn headers(&self) -> Option<&HeadersFooters> {
        self.headers.as_ref()
    }

    /// The reference's styles with ours added where it has no style of that
    /// name, and the map from our style ids to the ids that now stand for them.
    pub fn styles(&self, ours: &str) -> (String, Vec<(String, String)>) {
        let theirs = styles_of(&self.styles);
        let mut map = Vec::new();
        let mut missing = Vec::new();
        for (id, name, xml) in styles_of(ours) {
            match theirs
                .iter()
                .find(|(_, n, _)| n.eq_ignore_ascii_case(&name))
            {
                Some((their_id, _, _)) => map.push((id, their_id.clone())),
                None => missing.push(xml),
            }
        }
        let mut added = String::new();
        for xml in missing {
            // basedOn/next of an added style may point at a style that is theirs now.
            added.push_str(&renamed(xml, &map, &["w:basedOn", "w:next", "w:link"]));
        }
        let at = self
            .styles
            .rfind("</w:styles>")
            .unwrap_or(self.styles.len());
        let styles = format!("{}{added}{}", &self.styles[..at], &self.styles[at..]);
        (styles, map)
    }

    /// `document.xml` with the reference's page setup in its last section.
    pub fn page_setup(&self, xml: &str) -> String {
        let Some(start) = xml.rfind("<w:sectPr") else {
            return xml.to_string();
        };
        let mut out = xml[..start].to_string();
        let mut section = xml[start..].to_string();
        for theirs in &self.page {
            let name = theirs[1..].split([' ', '/', '>']).next().unwrap_or("");
            if let Some(ours) = element(&section, name) {
                section = section.replacen(ours, theirs, 1);
            }
        }
        out.push_str(&section);
        out
    }
}

/// Style references in a body part re-pointed through `map` (our id → theirs).
pub fn restyle(xml: &str, map: &[(String, String)]) -> String {
    renamed(xml, map, &["w:pStyle", "w:rStyle", "w:tblStyle"])
}

/// One pass over `xml`, so that a chain (A → B, B → C) cannot rename twice.
fn renamed(xml: &str, map: &[(String, String)], elements: &[&str]) -> String {
    if map.iter().all(|(ours, theirs)| ours == theirs) {
        return xml.to_string();
    }
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let prefix = elements
            .iter()
            .map(|e| format!(r#"<{e} w:val=""#))
            .find(|p| rest.starts_with(p.as_str()));
        let Some(prefix) = prefix else {
            out.push('<');
            rest = &rest[1..];
            continue;
        };
        let value_end = rest[prefix.len()..]
            .find('"')
            .map_or(rest.len(), |i| prefix.len() + i);
        let value = &rest[prefix.len()..value_end];
        let value = map
            .iter()
            .find(|(ours, _)| ours == value)
            .map_or(value, |(_, theirs)| theirs.as_str());
        out.push_str(&prefix);
        out.push_str(value);
        rest = &rest[value_end..];
    }
    out.push_str(rest);
    out
}

/// `(styleId, name, whole element)` of every `w:style` in a styles part.
fn styles_of(xml: &str) -> Vec<(String, String, &str)> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<w:style ") {
        let tail = &rest[start..];
        let Some(end) = tail.find("</w:style>") else {
            break;
        };
        let style = &tail[..end + "</w:style>".len()];
        let open = &style[..style.find('>').unwrap_or(style.len())];
        let id = attribute(open, "w:styleId").unwrap_or_default();
        let name = style
            .find("<w:name ")
            .map(|at| &style[at..])
            .and_then(|s| attribute(&s[..s.find('>').unwrap_or(s.len())], "w:val"))
            .unwrap_or_default();
        out.push((id, name, style));
        rest = &tail[style.len()..];
    }
    out
}

pub(super) fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!(r#"{name}=""#))? + name.len() + 2;
    let len = tag[at..].find('"')?;
    Some(tag[at..at + len].to_string())
}

/// The first `<name …/>` or `<name …>…</name>` element in `xml`.
pub(super) fn element<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(at) = xml[from..].find(&format!("<{name}")).map(|i| from + i) {
        let after = xml[at + name.len() + 1..].chars().next()?;
        if matches!(after, ' ' | '/' | '>') {
            let tail = &xml[at..];
            let open_end = tail.find('>')?;
            if tail[..open_end].ends_with('/') {
                return Some(&tail[..=open_end]);
            }
            let close = format!("</{name}>");
            return tail.find(&close).map(|end| &tail[..end + close.len()]);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_and_styles_are_found() {
        let sect = r#"<w:sectPr><w:pgSzX/><w:pgSz w:w="1" /><w:cols w:space="2"><w:col/></w:cols></w:sectPr>"#;
        assert_eq!(element(sect, "w:pgSz"), Some(r#"<w:pgSz w:w="1" />"#));
        assert_eq!(
            element(sect, "w:cols"),
            Some(r#"<w:cols w:space="2"><w:col/></w:cols>"#)
        );
        let styles = r#"<w:styles><w:style w:type="paragraph" w:styleId="1"><w:name w:val="Heading 1"/></w:style></w:styles>"#;
        let found = styles_of(styles);
        assert_eq!(
            (found[0].0.as_str(), found[0].1.as_str()),
            ("1", "Heading 1")
        );
        let map = vec![("Heading1".to_string(), "1".to_string())];
        assert_eq!(
            restyle(r#"<w:pStyle w:val="Heading1" />"#, &map),
            r#"<w:pStyle w:val="1" />"#
        );
    }
}
