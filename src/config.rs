//! The configuration file, `zhprint.toml`: a publisher's house style. It is
//! read from the working directory, or from the file given with `--config`.
//!
//! ```toml
//! [normalize]
//! # Rules switched off, by their id in the typography spec.
//! disable = ["A6", "C4"]
//!
//! [docx.fonts]
//! # DOCX font names by role: body, title, hei, kai, song, latin.
//! body = "仿宋"
//!
//! [fetch]
//! # A page from the public network may make requests to private addresses.
//! allow-private-network = true
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::normalize::Normalizer;
use crate::{Error, Result};

/// The file looked for in the working directory when no `--config` is given.
pub const DEFAULT_FILE: &str = "zhprint.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub normalize: NormalizeConfig,
    #[serde(default)]
    pub docx: DocxConfig,
    #[serde(default)]
    pub fetch: FetchConfig,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FetchConfig {
    /// `--allow-private-network`, for every run.
    #[serde(default)]
    pub allow_private_network: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocxConfig {
    /// Font names by role (`render::docx::FontSet::ROLES`).
    #[serde(default)]
    pub fonts: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormalizeConfig {
    /// Rule ids switched off.
    #[serde(default)]
    pub disable: Vec<String>,
}

impl Config {
    /// The given file, or `zhprint.toml` in the working directory when there is
    /// one, or the defaults. A given file that is missing is an error.
    pub fn load(given: Option<&Path>) -> Result<(Config, Option<PathBuf>)> {
        let path = match given {
            Some(path) => path.to_path_buf(),
            None => {
                let default = PathBuf::from(DEFAULT_FILE);
                if !default.is_file() {
                    return Ok((Config::default(), None));
                }
                default
            }
        };
        let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        let config = Config::parse(&text).map_err(|reason| Error::Config {
            path: path.display().to_string(),
            reason,
        })?;
        Ok((config, Some(path)))
    }

    /// Parses the text of a configuration file.
    pub fn parse(text: &str) -> std::result::Result<Config, String> {
        toml::from_str(text).map_err(|err| {
            let line = err
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            match line {
                Some(line) => format!("line {line}: {}", err.message()),
                None => err.message().to_string(),
            }
        })
    }

    /// The normalizer of this configuration, with `extra_disabled` (from the
    /// command line) switched off too.
    pub fn normalizer(&self, extra_disabled: &[String]) -> std::result::Result<Normalizer, String> {
        let disabled: Vec<&str> = self
            .normalize
            .disable
            .iter()
            .chain(extra_disabled)
            .map(String::as_str)
            .collect();
        Normalizer::without(&disabled).map_err(|err| err.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disabled_rules_are_read() {
        let config = Config::parse("[normalize]\ndisable = [\"A6\", \"c4\"]\n").unwrap();
        let normalizer = config.normalizer(&["E8".to_string()]).unwrap();
        assert_eq!(
            normalizer.disabled().collect::<Vec<_>>(),
            ["A6", "C4", "E8"]
        );
    }

    #[test]
    fn mistakes_are_named() {
        let unknown_key = Config::parse("[normalize]\ndisabled = [\"A6\"]\n").unwrap_err();
        assert!(unknown_key.contains("disabled"), "{unknown_key}");
        let unknown_rule = Config::parse("[normalize]\ndisable = [\"Q1\"]\n")
            .unwrap()
            .normalizer(&[])
            .unwrap_err();
        assert!(unknown_rule.contains("'Q1'"), "{unknown_rule}");
        assert!(Config::parse("").is_ok());
    }

    #[test]
    fn private_network_permission_is_read() {
        assert!(!Config::parse("").unwrap().fetch.allow_private_network);
        let config = Config::parse("[fetch]\nallow-private-network = true\n").unwrap();
        assert!(config.fetch.allow_private_network);
        assert!(Config::parse("[fetch]\nallow_private_network = true\n").is_err());
    }

    #[test]
    fn docx_fonts_are_read() {
        let config = Config::parse("[docx.fonts]\nbody = \"仿宋\"\nkai = \"楷体\"\n").unwrap();
        let fonts: Vec<_> = config.docx.fonts.iter().collect();
        assert_eq!(fonts.len(), 2);
        assert_eq!(config.docx.fonts["body"], "仿宋");
        assert!(Config::parse("[docx]\nfont = 1\n").is_err());
    }
}
