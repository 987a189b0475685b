//! `--report FILE.json`: what happened to each input of a batch, for scripts;
//! and `merge-reports`, which joins the reports of shards into one.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::convert::write_atomically;
use crate::model::Extractor;

/// A batch's report: one entry per input.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Report {
    /// The version of zhprint that wrote it.
    pub zhprint: String,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Converted,
    /// Outputs up to date (same input content and options): nothing was redone.
    Skipped,
    Failed,
}

/// What happened to one input.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub input: String,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(default)]
    pub outputs: Vec<OutputFile>,
    /// Pages of the PDF, when one was written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timings_ms: Option<Timings>,
    #[serde(default)]
    pub warnings: Vec<String>,
    /// Changes normalization made (the rule engine's change record, summed over
    /// the document's paragraphs); absent for skipped and failed inputs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalization_changes: Option<usize>,
    /// Which method of extraction found the text (`scorer`, or a fallback's:
    /// `readability`, `density`); absent for skipped and failed inputs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extracted_by: Option<Extractor>,
}

impl Entry {
    pub fn new(input: &str, status: Status) -> Self {
        Entry {
            input: input.to_owned(),
            status,
            error: None,
            outputs: Vec::new(),
            pages: None,
            timings_ms: None,
            warnings: Vec::new(),
            normalization_changes: None,
            extracted_by: None,
        }
    }
}

/// One file written for an input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputFile {
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

/// Wall-clock time per stage, in milliseconds. Rendering runs PDF and DOCX in
/// parallel, so their sum can exceed `total`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Timings {
    pub load: f64,
    pub extract_normalize: f64,
    /// Loading the article's images (fetching them for a fetched page).
    #[serde(default)]
    pub images: f64,
    /// Counting normalization's changes (a traced second pass over the text).
    pub count_changes: f64,
    /// Per format (`pdf`, `docx`, `txt`).
    pub render: BTreeMap<String, f64>,
    pub write: f64,
    pub total: f64,
}

pub fn ms(duration: std::time::Duration) -> f64 {
    // Microsecond resolution is plenty and keeps the JSON short.
    (duration.as_secs_f64() * 1e6).round() / 1e3
}

/// Why reports could not be read or merged.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not a zhprint report: {reason}")]
    Parse { path: String, reason: String },
    #[error("input {input} is in both {first} and {second}")]
    Duplicate {
        input: String,
        first: String,
        second: String,
    },
    #[error(transparent)]
    Write(#[from] crate::Error),
}

impl Report {
    pub fn new(mut entries: Vec<Entry>) -> Self {
        entries.sort_by(|a, b| a.input.cmp(&b.input));
        Report {
            zhprint: env!("CARGO_PKG_VERSION").to_owned(),
            entries,
        }
    }

    pub fn read(path: &Path) -> Result<Self, ReportError> {
        let shown = path.display().to_string();
        let text = std::fs::read(path).map_err(|source| ReportError::Read {
            path: shown.clone(),
            source,
        })?;
        serde_json::from_slice(&text).map_err(|e| ReportError::Parse {
            path: shown,
            reason: e.to_string(),
        })
    }

    /// Pretty JSON, written atomically so a reader never sees half a report.
    pub fn write(&self, path: &Path) -> Result<(), ReportError> {
        let mut json = serde_json::to_vec_pretty(self).map_err(|e| ReportError::Parse {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        json.push(b'\n');
        Ok(write_atomically(path, &json)?)
    }

    /// Joins the reports of shards: entries sorted by input; an input in two
    /// reports is an error (shards overlap, or a report was given twice).
    pub fn merge(paths: &[&Path]) -> Result<Self, ReportError> {
        let mut owner: BTreeMap<String, (Entry, String)> = BTreeMap::new();
        for path in paths {
            let shown = path.display().to_string();
            for entry in Report::read(path)?.entries {
                if let Some((_, first)) = owner.get(&entry.input) {
                    return Err(ReportError::Duplicate {
                        input: entry.input,
                        first: first.clone(),
                        second: shown,
                    });
                }
                owner.insert(entry.input.clone(), (entry, shown.clone()));
            }
        }
        Ok(Report::new(owner.into_values().map(|(e, _)| e).collect()))
    }
}

/// The page count of a PDF that typst wrote: its page objects (`/Type/Page`),
/// which typst never puts in compressed object streams. A scan of the bytes, far
/// cheaper than parsing; tests check it against lopdf.
pub fn pdf_page_count(pdf: &[u8]) -> usize {
    let mut count = 0;
    for pattern in [&b"/Type/Page"[..], b"/Type /Page"] {
        for at in memchr::memmem::find_iter(pdf, pattern) {
            // `/Type/Pages` is the page tree, not a page.
            let next = pdf.get(at + pattern.len());
            if !next.is_some_and(u8::is_ascii_alphanumeric) {
                count += 1;
            }
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(dir: &Path, name: &str, inputs: &[&str]) -> std::path::PathBuf {
        let entries = inputs.iter().map(|i| Entry::new(i, Status::Converted));
        let path = dir.join(name);
        Report::new(entries.collect()).write(&path).unwrap();
        path
    }

    #[test]
    fn merge_sorts_and_refuses_duplicates() {
        let dir = std::env::temp_dir().join(format!("zhprint-report-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let a = report(&dir, "a.json", &["c.html", "a.html"]);
        let b = report(&dir, "b.json", &["b.html"]);
        let merged = Report::merge(&[&a, &b]).unwrap();
        let inputs: Vec<&str> = merged.entries.iter().map(|e| e.input.as_str()).collect();
        assert_eq!(inputs, ["a.html", "b.html", "c.html"]);
        let err = Report::merge(&[&a, &b, &a]).unwrap_err().to_string();
        assert!(err.contains("a.html") && err.contains("a.json"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn page_objects_are_counted_not_the_tree() {
        let pdf = b"<</Type/Pages/Count 2>> <</Type/Page/Parent 1 0 R>> <</Type /Page>>";
        assert_eq!(pdf_page_count(pdf), 2);
    }
}
