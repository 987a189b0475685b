//! What a caller may choose about the PDF (`--template`, `--font`, `--pdf-standard`),
//! prepared once per run: the template is read and parsed and the system fonts are
//! loaded here, not per document.

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use serde_json::json;
use typst::foundations::Bytes;
use typst::syntax::Source;

use super::fonts::{FontSet, BUNDLED};
use super::world;

/// The PDF standard the output claims.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Standard {
    /// Plain PDF 1.7.
    None,
    /// PDF/A-2b, the archival default. Content that cannot conform (a character with no
    /// glyph) falls back to plain PDF with a warning.
    #[default]
    A2b,
    /// PDF/A-3b (PDF/A-2b that may carry attachments), with the same fallback.
    A3b,
    /// PDF/UA-1 (accessible: tagged, with a title and language) together with PDF/A-2a,
    /// with the same fallback.
    Ua1,
}

impl FromStr for Standard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "none" => Ok(Standard::None),
            "a-2b" => Ok(Standard::A2b),
            "a-3b" => Ok(Standard::A3b),
            "ua-1" => Ok(Standard::Ua1),
            _ => Err(format!("{s:?}: expected none, a-2b, a-3b or ua-1")),
        }
    }
}

/// Which line-breaking prohibitions apply (typography spec §H3).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Kinsoku {
    /// clreq's basic set with the GB rule (分隔号 never ends a line): the default.
    #[default]
    Basic,
    /// The basic set, and `——` never starts a line either (clreq 严格处理).
    Strict,
}

impl FromStr for Kinsoku {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "basic" => Ok(Kinsoku::Basic),
            "strict" => Ok(Kinsoku::Strict),
            _ => Err(format!("{s:?}: expected basic or strict")),
        }
    }
}

/// What happens to a paragraph's first line alone at a page's foot (an orphan) or its
/// last line alone at a page's head (a widow).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LoneLines {
    /// Left as the first layout has them: the grid and the speed come first, as in
    /// official documents set in Word with 孤行控制 off.
    #[default]
    Keep,
    /// Laid out again with a paragraph on that page a line shorter or longer, where its
    /// pause marks allow; every page keeps its 22 lines, and what cannot be mended so
    /// stays.
    Mend,
    /// Never: a paragraph's first two and last two lines are kept together (typst's
    /// widow and orphan prevention, as Word's 孤行控制), and a page that leaves short
    /// is filled by mending where it can be.
    Never,
}

impl LoneLines {
    /// The name on the command line and in `/options.json`.
    pub fn name(self) -> &'static str {
        match self {
            LoneLines::Keep => "keep",
            LoneLines::Mend => "mend",
            LoneLines::Never => "never",
        }
    }
}

impl FromStr for LoneLines {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        [LoneLines::Keep, LoneLines::Mend, LoneLines::Never]
            .into_iter()
            .find(|l| l.name() == s.to_ascii_lowercase())
            .ok_or_else(|| format!("{s:?}: expected keep, mend or never"))
    }
}

/// The face roles `--font ROLE=FAMILY` can fill; a bare FAMILY fills `body`.
pub const ROLES: [&str; 5] = ["body", "hei", "kai", "title", "latin"];

/// Options for [`super::render_with`]. [`PdfOptions::default`] is the bundled template
/// and fonts and PDF/A-2b; building one with a template or fonts does the slow part
/// (reading, parsing, font search) once, and it is cheap to share across threads.
#[derive(Clone)]
pub struct PdfOptions {
    pub standard: Standard,
    pub lone_lines: LoneLines,
    /// A template's parsed source in place of the bundled one.
    pub(super) template: Option<Source>,
    pub(super) fonts: Arc<FontSet>,
    /// `/options.json` for the template: the user's family per role and which families
    /// have a bold face.
    pub(super) json: Bytes,
}

impl Default for PdfOptions {
    fn default() -> Self {
        let fonts = Arc::clone(&BUNDLED);
        let json = options_json(&fonts, &[]);
        Self {
            standard: Standard::default(),
            lone_lines: LoneLines::default(),
            template: None,
            fonts,
            json,
        }
    }
}

impl PdfOptions {
    /// `template`: a typst file to use instead of the bundled one, fed the same
    /// `/doc.json` and `/options.json`. `fonts`: `[ROLE=]FAMILY` of system fonts (roles
    /// in [`ROLES`]). Fails naming a template it cannot read, a role it does not know or
    /// a family no installed font has.
    pub fn new(
        standard: Standard,
        template: Option<&Path>,
        fonts: &[String],
    ) -> Result<Self, String> {
        let template = template
            .map(|path| {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| format!("template {}: {e}", path.display()))?;
                world::template_source(text)
                    .ok_or_else(|| "the template's virtual path was refused".to_string())
            })
            .transpose()?;
        let mut roles = Vec::new();
        let mut families = Vec::new();
        for spec in fonts {
            let (role, family) = match spec.split_once('=') {
                Some((role, family)) if ROLES.contains(&role.trim()) => (role.trim(), family),
                Some((role, _)) => {
                    return Err(format!(
                        "font role {role:?}: expected one of {}",
                        ROLES.join(", ")
                    ))
                }
                None => ("body", spec.as_str()),
            };
            roles.push(role);
            families.push(family.trim().to_string());
        }
        let fonts = if families.is_empty() {
            Arc::clone(&BUNDLED)
        } else {
            let (set, names) = FontSet::with_system(&families)?;
            families = names;
            Arc::new(set)
        };
        let chosen: Vec<(&str, String)> = roles.into_iter().zip(families).collect();
        let json = options_json(&fonts, &chosen);
        Ok(Self {
            standard,
            lone_lines: LoneLines::default(),
            template,
            fonts,
            json,
        })
    }

    /// The same options with `lone_lines` ([`LoneLines`]; `"lone-lines": "mend"` in
    /// `/options.json` asks the template for the marks mending reads).
    pub fn with_lone_lines(mut self, lone_lines: LoneLines) -> Self {
        self.lone_lines = lone_lines;
        self.set_json("lone-lines", lone_lines.name());
        self
    }

    /// The same options with `kinsoku`'s prohibitions (`kinsoku` in `/options.json`).
    pub fn with_kinsoku(mut self, kinsoku: Kinsoku) -> Self {
        let name = match kinsoku {
            Kinsoku::Basic => "basic",
            Kinsoku::Strict => "strict",
        };
        self.set_json("kinsoku", name);
        self
    }

    /// Sets `field` of `/options.json` to the string `value`.
    fn set_json(&mut self, field: &str, value: &str) {
        let mut object: serde_json::Value =
            serde_json::from_slice(&self.json).unwrap_or_else(|_| json!({}));
        if let Some(map) = object.as_object_mut() {
            map.insert(field.into(), json!(value));
        }
        self.json = Bytes::new(object.to_string().into_bytes());
    }
}

/// `{"fonts": {"body": [..], ..}, "bold": [..]}`: per role the families chosen for it,
/// in the order given, and every family with a bold face (lower case).
fn options_json(fonts: &FontSet, chosen: &[(&str, String)]) -> Bytes {
    let mut roles = serde_json::Map::new();
    for role in ROLES {
        let list: Vec<&str> = chosen
            .iter()
            .filter(|(r, _)| *r == role)
            .map(|(_, family)| family.as_str())
            .collect();
        roles.insert(role.into(), json!(list));
    }
    let value = json!({ "fonts": roles, "bold": fonts.bold_families(), "kinsoku": "basic" });
    Bytes::new(value.to_string().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standards_parse() {
        assert_eq!("A-2B".parse(), Ok(Standard::A2b));
        assert_eq!("a-3b".parse(), Ok(Standard::A3b));
        assert_eq!("none".parse(), Ok(Standard::None));
        assert_eq!("ua-1".parse(), Ok(Standard::Ua1));
        assert!("a-1b".parse::<Standard>().is_err());
    }

    #[test]
    fn bad_roles_and_templates_are_named() {
        let err = PdfOptions::new(Standard::A2b, None, &["bold=X".into()]).err();
        assert!(err.is_some_and(|e| e.starts_with("font role \"bold\"")));
        let missing = Path::new("/nonexistent/t.typ");
        let err = PdfOptions::new(Standard::A2b, Some(missing), &[]).err();
        assert!(err.is_some_and(|e| e.starts_with("template /nonexistent/t.typ")));
    }

    #[test]
    fn default_options_name_no_fonts() {
        let json: serde_json::Value =
            serde_json::from_slice(&PdfOptions::default().json).expect("JSON");
        assert_eq!(json["fonts"]["body"], json!([]));
        assert_eq!(json["bold"], json!(["noto serif cjk sc", "zhprint latin"]));
    }
}
