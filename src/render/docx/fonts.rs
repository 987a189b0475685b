//! Font names the DOCX refers to, and the font table that helps other machines
//! substitute them.
//!
//! Names are the ones Chinese Word and WPS installs have (the `_GB2312` faces and
//! 方正小标宋简体 are what government templates use). `fontTable.xml` declares each
//! with an alternate name, the GB2312 charset (86) and a family, which Word uses to
//! substitute a face it lacks.
//!
//! LibreOffice (7.4) uses none of that: it asks fontconfig for a missing face by
//! name, language, weight, slant, width and pitch only (vcl's fontsubst.cxx), and
//! stock fontconfig knows only "SimSun" among these names as a serif, so Linux
//! readers see a sans body unless they install `scripts/fontconfig-zh-office.conf`.
//! Embedding the PDF's faces was measured and not kept (session 7): LibreOffice
//! caches an embedded face by its name for the whole process, so only the first
//! document of a session (or of a `soffice --convert-to` batch) shows them; and each
//! document pays for a subset of each face (with the CFF outlines bundled then,
//! ~12 ms and ~80 KB).

use super::xml::escape;

/// The East Asian faces per role, plus the Latin face for digits and Latin text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontSet {
    /// Body, headings 3–4 (仿宋).
    pub fangsong: String,
    /// Title (小标宋).
    pub title: String,
    /// Heading 1 (黑体).
    pub hei: String,
    /// Heading 2, metadata line, quotes, captions (楷体).
    pub kai: String,
    /// Page numbers (宋体).
    pub song: String,
    /// ASCII and high-ANSI text.
    pub latin: String,
}

impl Default for FontSet {
    fn default() -> Self {
        FontSet {
            fangsong: "仿宋_GB2312".into(),
            title: "方正小标宋简体".into(),
            hei: "黑体".into(),
            kai: "楷体_GB2312".into(),
            song: "宋体".into(),
            latin: "Times New Roman".into(),
        }
    }
}

impl FontSet {
    /// Role names for `--docx-fonts` and `[docx.fonts]`: the PDF's `--font` roles
    /// (body, title, hei, kai, latin) and song for the page numbers.
    pub const ROLES: [&'static str; 6] = ["body", "title", "hei", "kai", "song", "latin"];

    /// Names `family` for `role`; an unknown role or a blank name is an error
    /// that says so.
    pub fn set(&mut self, role: &str, family: &str) -> Result<(), String> {
        let family = family.trim();
        if family.is_empty() {
            return Err(format!("no font name for the DOCX role '{role}'"));
        }
        let slot = match role.trim().to_ascii_lowercase().as_str() {
            "body" | "fangsong" => &mut self.fangsong,
            "title" => &mut self.title,
            "hei" => &mut self.hei,
            "kai" => &mut self.kai,
            "song" => &mut self.song,
            "latin" => &mut self.latin,
            _ => {
                return Err(format!(
                    "unknown DOCX font role '{role}' (one of {})",
                    Self::ROLES.join(", ")
                ))
            }
        };
        *slot = family.to_string();
        Ok(())
    }

    /// Applies `[ROLE=]FAMILY` (ROLE body when absent), as `--font` reads it.
    pub fn apply(&mut self, spec: &str) -> Result<(), String> {
        match spec.split_once('=') {
            Some((role, family)) => self.set(role, family),
            None => self.set("body", spec),
        }
    }
}

/// How one face is declared in the font table.
struct Decl<'a> {
    name: &'a str,
    alt: &'a str,
    panose: &'a str,
    charset: &'a str,
    /// `roman` = serif, `swiss` = sans: what substitution falls back on.
    family: &'a str,
}

/// `word/fontTable.xml`.
pub fn font_table(f: &FontSet) -> String {
    let decls = [
        Decl {
            name: &f.latin,
            alt: "",
            panose: "02020603050405020304",
            charset: "00",
            family: "roman",
        },
        Decl {
            name: &f.fangsong,
            alt: "仿宋",
            panose: "02010609060101010101",
            charset: "86",
            family: "roman",
        },
        Decl {
            name: &f.kai,
            alt: "楷体",
            panose: "02010609060101010101",
            charset: "86",
            family: "roman",
        },
        Decl {
            name: &f.song,
            alt: "SimSun",
            panose: "02010600030101010101",
            charset: "86",
            family: "roman",
        },
        // The title face falls back to 宋体 where 方正小标宋 is not installed.
        Decl {
            name: &f.title,
            alt: "宋体",
            panose: "02010600030101010101",
            charset: "86",
            family: "roman",
        },
        Decl {
            name: &f.hei,
            alt: "SimHei",
            panose: "02010609060101010101",
            charset: "86",
            family: "swiss",
        },
    ];
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
    );
    let mut seen: Vec<&str> = Vec::new();
    for d in decls {
        // A user's set may name one face for two roles: declare it once.
        if seen.contains(&d.name) {
            continue;
        }
        seen.push(d.name);
        out.push_str(&format!(r#"<w:font w:name="{}">"#, escape(d.name)));
        if !d.alt.is_empty() && d.alt != d.name {
            out.push_str(&format!(r#"<w:altName w:val="{}"/>"#, escape(d.alt)));
        }
        out.push_str(&format!(
            r#"<w:panose1 w:val="{}"/><w:charset w:val="{}"/><w:family w:val="{}"/><w:pitch w:val="variable"/></w:font>"#,
            d.panose, d.charset, d.family
        ));
    }
    out.push_str("</w:fonts>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_set_by_name() {
        let mut f = FontSet::default();
        f.apply("Noto Serif CJK SC").unwrap();
        f.apply("kai = LXGW WenKai").unwrap();
        f.set("Title", "思源宋体").unwrap();
        assert_eq!(
            (f.fangsong.as_str(), f.kai.as_str(), f.title.as_str()),
            ("Noto Serif CJK SC", "LXGW WenKai", "思源宋体")
        );
        assert!(f.apply("bold=X").unwrap_err().contains("'bold'"));
        assert!(f.apply("hei=").is_err());
        // One face for two roles is declared once.
        f.set("song", "思源宋体").unwrap();
        assert_eq!(font_table(&f).matches(r#"w:name="思源宋体""#).count(), 1);
    }
}
