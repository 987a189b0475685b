//! The headers and footers of a `--reference-docx`, taken whole as pandoc takes
//! them: when the reference's last section has any, they replace our `— PAGE —`
//! footers, with the pictures they show (a letterhead's emblem), its different
//! first page and its even-and-odd setting. A reference with none keeps ours.
//!
//! The parts are copied under names of their own (`word/reference-header1.xml`,
//! `word/media/reference-1-image1.png`), so they cannot clash with what docx-rs
//! writes; their relationships are re-pointed at those names.

use super::package::Edit;
use super::reference::{attribute, element};

const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Gives a part of the reference by name: its bytes, `None` when it has no such part.
pub(super) type ReadPart<'a> = dyn FnMut(&str) -> Result<Option<Vec<u8>>, String> + 'a;

/// One header or footer of the reference.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Part {
    /// `header` or `footer`: it is named by a `w:headerReference` or `w:footerReference`.
    element: &'static str,
    /// `default`, `even` or `first`.
    kind: String,
    /// Its name in our package, its XML, and its relationships (re-pointed).
    name: String,
    xml: String,
    rels: Option<String>,
}

/// A file a header or footer refers to: its name in our package, content type, bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Media {
    name: String,
    content_type: String,
    bytes: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadersFooters {
    parts: Vec<Part>,
    media: Vec<Media>,
    /// `w:titlePg`: a first page of its own.
    title_page: bool,
    /// `w:evenAndOddHeaders` in its settings.
    even_and_odd: bool,
}

/// A relationship: `Id`, `Type`, `Target`, and whether it points outside the package.
struct Rel {
    id: String,
    kind: String,
    target: String,
    external: bool,
}

impl HeadersFooters {
    /// The headers and footers of the reference's last `section`; `None` when it has
    /// none. `read` gives a part's bytes by name (`None` when it is not there).
    pub fn read(section: &str, read: &mut ReadPart) -> Result<Option<HeadersFooters>, String> {
        let document_rels =
            relationships(&text(read, "word/_rels/document.xml.rels")?.unwrap_or_default());
        let content_types = text(read, "[Content_Types].xml")?.unwrap_or_default();
        let settings = text(read, "word/settings.xml")?.unwrap_or_default();
        let mut found = HeadersFooters {
            parts: Vec::new(),
            media: Vec::new(),
            title_page: element(section, "w:titlePg").is_some_and(is_on),
            even_and_odd: element(&settings, "w:evenAndOddHeaders").is_some_and(is_on),
        };
        for element in ["header", "footer"] {
            let reference = format!("w:{element}Reference");
            for tag in tags(section, &reference) {
                let kind = attribute(tag, "w:type").unwrap_or_else(|| "default".into());
                if !["default", "even", "first"].contains(&kind.as_str()) {
                    return Err(format!("a {reference} of type {kind:?}"));
                }
                let id =
                    attribute(tag, "r:id").ok_or_else(|| format!("a {reference} without r:id"))?;
                let rel = document_rels
                    .iter()
                    .find(|r| r.id == id && !r.external)
                    .ok_or_else(|| format!("{reference} {id} names no part"))?;
                let path = resolve("word", &rel.target);
                let xml = text(read, &path)?.ok_or_else(|| format!("{path} is missing"))?;
                let name = format!("word/reference-{element}{}.xml", found.parts.len() + 1);
                let rels = match text(read, &rels_path(&path))? {
                    Some(rels) => Some(found.copy_media(&rels, &content_types, read)?),
                    None => None,
                };
                found.parts.push(Part {
                    element,
                    kind,
                    name,
                    xml,
                    rels,
                });
            }
        }
        Ok((!found.parts.is_empty()).then_some(found))
    }

    /// `rels` of a header or footer with each file it points at copied, and pointed at
    /// the copy.
    fn copy_media(
        &mut self,
        rels: &str,
        content_types: &str,
        read: &mut ReadPart,
    ) -> Result<String, String> {
        let mut out = rels.to_string();
        for rel in relationships(rels).into_iter().filter(|r| !r.external) {
            let path = resolve("word", &rel.target);
            let Some(bytes) = read(&path)? else {
                return Err(format!("{path} is missing"));
            };
            let base = path.rsplit('/').next().unwrap_or("file");
            let target = format!("media/reference-{}-{base}", self.media.len() + 1);
            out = out.replacen(
                &format!(r#"Target="{}""#, rel.target),
                &format!(r#"Target="{target}""#),
                1,
            );
            self.media.push(Media {
                name: format!("word/{target}"),
                content_type: content_type(content_types, &path),
                bytes,
            });
        }
        Ok(out)
    }

    /// The edits that put these headers and footers in place of ours. `ours` are the
    /// parts docx-rs wrote for our footers.
    pub fn edits<'a>(&'a self, ours: &'a [&'a str]) -> Vec<Edit<'a>> {
        let mut edits: Vec<Edit<'a>> = Vec::new();
        for name in ours {
            edits.push(Edit::Drop(name.to_string()));
            edits.push(Edit::Drop(rels_path(name)));
        }
        for part in &self.parts {
            edits.push(Edit::Replace(
                part.name.clone(),
                part.xml.clone().into_bytes(),
            ));
            if let Some(rels) = &part.rels {
                edits.push(Edit::Replace(
                    rels_path(&part.name),
                    rels.clone().into_bytes(),
                ));
            }
        }
        for media in &self.media {
            edits.push(Edit::Replace(media.name.clone(), media.bytes.clone()));
        }
        edits
    }

    /// `document.xml` with the last section pointing at these headers and footers.
    pub fn section(&self, xml: &str) -> Option<String> {
        let start = xml.rfind("<w:sectPr")?;
        let open_end = start + xml[start..].find('>')? + 1;
        let mut section = xml[open_end..].to_string();
        for name in ["w:headerReference", "w:footerReference"] {
            while let Some(ours) = element(&section, name) {
                section = section.replacen(ours, "", 1);
            }
        }
        if self.title_page && element(&section, "w:titlePg").is_none() {
            // The schema puts titlePg before textDirection, bidi, rtlGutter, docGrid.
            let at = [
                "<w:textDirection",
                "<w:bidi",
                "<w:rtlGutter",
                "<w:docGrid",
                "</w:sectPr>",
            ]
            .iter()
            .find_map(|tag| section.find(tag))?;
            section.insert_str(at, "<w:titlePg/>");
        }
        let references: String = self
            .parts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                format!(
                    r#"<w:{}Reference w:type="{}" r:id="{}" />"#,
                    p.element,
                    p.kind,
                    rel_id(i)
                )
            })
            .collect();
        Some(format!("{}{references}{section}", &xml[..open_end]))
    }

    /// `document.xml.rels` with our footers' relationships replaced by these.
    pub fn relationships(&self, xml: &str) -> Option<String> {
        let end = xml.rfind("</Relationships>")?;
        let mut out = String::with_capacity(xml.len());
        let mut rest = &xml[..end];
        while let Some(at) = rest.find("<Relationship ") {
            out.push_str(&rest[..at]);
            let len = rest[at..].find("/>")? + 2;
            let tag = &rest[at..at + len];
            let kind = attribute(tag, "Type").unwrap_or_default();
            if kind != format!("{REL_NS}/header") && kind != format!("{REL_NS}/footer") {
                out.push_str(tag);
            }
            rest = &rest[at + len..];
        }
        out.push_str(rest);
        for (i, part) in self.parts.iter().enumerate() {
            let target = part.name.trim_start_matches("word/");
            out.push_str(&format!(
                r#"<Relationship Id="{}" Type="{REL_NS}/{}" Target="{target}" />"#,
                rel_id(i),
                part.element
            ));
        }
        out.push_str(&xml[end..]);
        Some(out)
    }

    /// `[Content_Types].xml` with our footers' overrides replaced by these parts'.
    pub fn content_types(&self, xml: &str, ours: &[&str]) -> Option<String> {
        let end = xml.rfind("</Types>")?;
        let mut out = xml[..end].to_string();
        for name in ours {
            let override_tag = format!(r#"<Override PartName="/{name}""#);
            if let Some(at) = out.find(&override_tag) {
                let len = out[at..].find("/>")? + 2;
                out.replace_range(at..at + len, "");
            }
        }
        let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
        for part in &self.parts {
            out.push_str(&format!(
                r#"<Override PartName="/{}" ContentType="{main}.{}+xml" />"#,
                part.name, part.element
            ));
        }
        for media in &self.media {
            out.push_str(&format!(
                r#"<Override PartName="/{}" ContentType="{}" />"#,
                media.name, media.content_type
            ));
        }
        out.push_str(&xml[end..]);
        Some(out)
    }

    /// Our `settings.xml` with the reference's even-and-odd choice.
    pub fn settings(&self, ours: &str) -> String {
        match (self.even_and_odd, element(ours, "w:evenAndOddHeaders")) {
            (false, Some(tag)) => ours.replacen(tag, "", 1),
            _ => ours.to_string(),
        }
    }
}

/// A part's text, by name.
pub(super) fn text(read: &mut ReadPart, name: &str) -> Result<Option<String>, String> {
    read(name)?
        .map(|b| String::from_utf8(b).map_err(|_| format!("{name} is not UTF-8")))
        .transpose()
}

fn rel_id(i: usize) -> String {
    format!("rIdReference{}", i + 1)
}

/// An on/off element: on unless `w:val` says 0, false or off.
fn is_on(tag: &str) -> bool {
    !matches!(
        attribute(tag, "w:val").as_deref(),
        Some("0" | "false" | "off")
    )
}

/// Every `<name …>` start tag in `xml`.
fn tags<'a>(xml: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name} ");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(at) = rest.find(&open) {
        let Some(len) = rest[at..].find('>') else {
            break;
        };
        out.push(&rest[at..=at + len]);
        rest = &rest[at + len..];
    }
    out
}

fn relationships(xml: &str) -> Vec<Rel> {
    tags(xml, "Relationship")
        .into_iter()
        .filter_map(|tag| {
            Some(Rel {
                id: attribute(tag, "Id")?,
                kind: attribute(tag, "Type").unwrap_or_default(),
                target: attribute(tag, "Target")?,
                external: attribute(tag, "TargetMode").is_some_and(|m| m == "External"),
            })
        })
        .filter(|r| !r.kind.is_empty())
        .collect()
}

/// A relationship's target as a part name: absolute (`/word/x`) or relative to `dir`,
/// with `..` taken out.
fn resolve(dir: &str, target: &str) -> String {
    let mut segments: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.join("/")
}

/// `word/x.xml` → `word/_rels/x.xml.rels`.
fn rels_path(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// A part's content type as the reference's `[Content_Types].xml` gives it: its
/// override, else its extension's default.
fn content_type(types: &str, path: &str) -> String {
    let by_override = tags(types, "Override").into_iter().find_map(|tag| {
        (attribute(tag, "PartName")? == format!("/{path}"))
            .then(|| attribute(tag, "ContentType"))?
    });
    let extension = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    let by_default = || {
        tags(types, "Default").into_iter().find_map(|tag| {
            (attribute(tag, "Extension")?.to_ascii_lowercase() == extension)
                .then(|| attribute(tag, "ContentType"))?
        })
    };
    by_override
        .or_else(by_default)
        .unwrap_or_else(|| "application/octet-stream".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_and_content_types_are_found() {
        assert_eq!(resolve("word", "header1.xml"), "word/header1.xml");
        assert_eq!(
            resolve("word", "../customXml/item.xml"),
            "customXml/item.xml"
        );
        assert_eq!(resolve("word", "/word/media/a.png"), "word/media/a.png");
        assert_eq!(rels_path("word/footer1.xml"), "word/_rels/footer1.xml.rels");
        let types = r#"<Types><Default Extension="PNG" ContentType="image/png"/><Override PartName="/word/media/x.emf" ContentType="image/x-emf"/></Types>"#;
        assert_eq!(content_type(types, "word/media/a.png"), "image/png");
        assert_eq!(content_type(types, "word/media/x.emf"), "image/x-emf");
        assert_eq!(
            content_type(types, "word/media/y.tif"),
            "application/octet-stream"
        );
    }
}
