//! Convert: drives the pipeline for one input and for batches.
//!
//! Input strings (paths, directories, URLs) → documents → files in an output
//! directory. One document's formats render in parallel (`rayon::join`), the
//! documents of a batch in a rayon pool (`batch/`); a failing input never stops the others,
//! and every file is written under a temporary name and renamed into place.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::normalize::Normalizer;
use crate::render::{self, Rendered};
use crate::source::{collect_files, is_url};
use crate::{extract, source, Document, Error, Result};

/// An output format of `convert`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Pdf,
    Docx,
    Txt,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Txt => "txt",
        }
    }
}

/// How documents are made: the choices of the command line and the config file.
#[derive(Clone, Default)]
pub struct Settings {
    /// The normalization rules to run (all by default).
    pub normalizer: Normalizer,
    /// How the PDF is made (template, fonts, PDF standard).
    pub pdf: render::pdf::PdfOptions,
    /// How the DOCX is made (font names).
    pub docx: render::docx::DocxOptions,
    /// Fetch the http(s) images of local (saved) pages too; a fetched page's
    /// images are fetched anyway.
    pub fetch_images: bool,
}

/// Load and extract one input, before normalization.
pub fn extracted(input: &str) -> Result<Document> {
    let page = source::load(input)?;
    extract::extract(&page.text, page.url.as_ref())
}

/// Load, extract and normalize one input: the whole front half of the pipeline.
pub fn document_from(input: &str, settings: &Settings) -> Result<Document> {
    Ok(settings.normalizer.document(extracted(input)?))
}

/// [`document_from`], then the images loaded (after extraction, so that only the
/// article's images are read): what the editions render, and a warning for each
/// image that could not be had.
pub fn edition_document(input: &str, settings: &Settings) -> Result<(Document, Vec<String>)> {
    let page = source::load(input)?;
    let raw = extract::extract(&page.text, page.url.as_ref())?;
    let mut doc = settings.normalizer.document(raw);
    let warnings = source::load_images(&mut doc, &page, settings.fetch_images);
    Ok((doc, warnings))
}

/// One input of a batch and the name its outputs get (`<dir>/<name>.<ext>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub input: String,
    pub name: String,
}

/// Expands inputs into jobs: a directory gives its `*.html`/`*.htm` files,
/// recursively and sorted; files and URLs stay as they are. Paths that do not
/// exist are kept, so that loading them reports the error for that input alone.
/// Output names are made unique in input order (`name`, `name-2`, …).
pub fn plan(inputs: &[String]) -> Vec<Job> {
    let mut expanded = Vec::new();
    for input in inputs {
        let path = Path::new(input);
        if !is_url(input) && path.is_dir() {
            let mut found = Vec::new();
            collect_files(path, &["html", "htm"], &mut found);
            found.sort();
            if found.is_empty() {
                // Kept, so that loading it says the directory holds no page.
                expanded.push(input.clone());
            }
            expanded.extend(found.into_iter().map(|p| p.to_string_lossy().into_owned()));
        } else {
            expanded.push(input.clone());
        }
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    expanded
        .into_iter()
        .map(|input| {
            let base = output_stem(&input);
            let count = seen.entry(base.clone()).or_insert(0);
            *count += 1;
            let name = if *count == 1 {
                base
            } else {
                format!("{base}-{count}")
            };
            Job { input, name }
        })
        .collect()
}

/// The output name of an input: a file's stem, or a slug of a URL's host and path.
pub fn output_stem(input: &str) -> String {
    let raw = if is_url(input) {
        match url::Url::parse(input) {
            Ok(url) => {
                let path = url.path().trim_end_matches('/');
                let path = path
                    .rsplit_once('.')
                    .filter(|(_, ext)| !ext.contains('/'))
                    .map_or(path, |(stem, _)| stem);
                format!("{}{}", url.host_str().unwrap_or("page"), path)
            }
            Err(_) => input.to_string(),
        }
    } else {
        Path::new(input)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    slug(&raw)
}

/// Keeps letters (any script), digits, `-`, `_` and `.`; everything else becomes `-`.
/// The result can never name a parent directory or contain a separator.
fn slug(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        if c.is_alphanumeric() || matches!(c, '_' | '.') {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches(|c| c == '-' || c == '.').to_string();
    if out.is_empty() {
        "document".to_string()
    } else {
        out
    }
}

/// What converting one input produced.
#[derive(Debug, Clone)]
pub struct Converted {
    pub outputs: Vec<PathBuf>,
    pub warnings: Vec<String>,
}

/// Convert one job: load, extract, normalize, render every format, write atomically.
pub fn convert(
    job: &Job,
    out_dir: &Path,
    formats: &[Format],
    settings: &Settings,
) -> Result<Converted> {
    let (doc, warnings) = edition_document(&job.input, settings)?;
    let rendered = render_formats(&doc, formats, settings)?;
    let mut converted = Converted {
        outputs: Vec::new(),
        warnings,
    };
    for output in rendered {
        let path = output_path(out_dir, job, output.format)?;
        write_atomically(&path, &output.rendered.bytes)?;
        converted.outputs.push(path);
        add_warnings(&mut converted.warnings, output.rendered.warnings);
    }
    Ok(converted)
}

/// One format of a document, rendered, and how long rendering took.
pub struct RenderedFormat {
    pub format: Format,
    pub rendered: Rendered,
    pub elapsed: std::time::Duration,
}

/// From this many table cells on, a document's PDF and DOCX are rendered one after
/// the other, so that their memory does not add up: a 20,000-row roster (60,000 cells)
/// peaks near 0.9 GB for its PDF and 0.4 GB for its DOCX.
pub const SEQUENTIAL_CELLS: usize = 20_000;

/// Renders `doc` in every format asked for, PDF and DOCX in parallel (one after the
/// other for a document of [`SEQUENTIAL_CELLS`] or more), in format order.
pub fn render_formats(
    doc: &Document,
    formats: &[Format],
    settings: &Settings,
) -> Result<Vec<RenderedFormat>> {
    let wants = |f: Format| formats.contains(&f);
    let timed = |format: Format, render: &dyn Fn() -> Result<Rendered>| {
        wants(format).then(|| {
            let start = std::time::Instant::now();
            render().map(|rendered| RenderedFormat {
                format,
                rendered,
                elapsed: start.elapsed(),
            })
        })
    };
    let pdf = || {
        timed(Format::Pdf, &|| {
            render::pdf::render_with(doc, &settings.pdf)
        })
    };
    let docx = || {
        timed(Format::Docx, &|| {
            render::docx::render_with(doc, &settings.docx)
        })
    };
    let (pdf, docx) = if doc.table_cells() >= SEQUENTIAL_CELLS {
        (pdf(), docx())
    } else {
        rayon::join(pdf, docx)
    };
    let txt = timed(Format::Txt, &|| {
        Ok(Rendered {
            bytes: render::txt::render(doc).into_bytes(),
            warnings: Vec::new(),
        })
    });
    [pdf, docx, txt].into_iter().flatten().collect()
}

/// `<out_dir>/<name>.<ext>`, creating the directory.
pub fn output_path(out_dir: &Path, job: &Job, format: Format) -> Result<PathBuf> {
    fs::create_dir_all(out_dir).map_err(|source| Error::Write {
        path: out_dir.display().to_string(),
        source,
    })?;
    Ok(out_dir.join(format!("{}.{}", job.name, format.extension())))
}

/// Renderers notice the same things (an image neither can embed): say each once.
/// A warning already given with its reason (`…: reason`) is not repeated without.
pub fn add_warnings(all: &mut Vec<String>, new: Vec<String>) {
    for warning in new {
        let said = all.iter().any(|w| {
            w == &warning
                || w.strip_prefix(warning.as_str())
                    .is_some_and(|rest| rest.starts_with(": "))
        });
        if !said {
            all.push(warning);
        }
    }
}

/// Writes next to the target under a temporary name, then renames, so a reader
/// (or a killed run) never sees a half-written file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{file_name}.{}.tmp", std::process::id()));
    let io_err = |source| Error::Write {
        path: path.display().to_string(),
        source,
    };
    fs::write(&tmp, bytes).map_err(io_err)?;
    fs::rename(&tmp, path).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        io_err(e)
    })
}

/// typst lays out with deep recursion; rayon's default 2 MiB stacks overflowed
/// on real batches, 16 MiB did not.
pub const WORKER_STACK: usize = 16 << 20;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_and_unique() {
        let inputs = vec![
            "a/report.html".to_string(),
            "b/report.html".to_string(),
            "https://example.gov.cn/zwgk/2022/t123.html".to_string(),
            "https://example.gov.cn/../../etc/passwd".to_string(),
            "../../-.html".to_string(),
        ];
        let names: Vec<String> = plan(&inputs).into_iter().map(|j| j.name).collect();
        assert_eq!(
            names,
            [
                "report",
                "report-2",
                "example.gov.cn-zwgk-2022-t123",
                "example.gov.cn-etc-passwd",
                "document"
            ]
        );
    }

    #[test]
    fn directories_expand_to_sorted_html_files() {
        let dir = std::env::temp_dir().join(format!("zhprint-plan-{}", std::process::id()));
        let sub = dir.join("sub");
        fs::create_dir_all(&sub).unwrap();
        for name in ["b.html", "a.HTM", "notes.txt"] {
            fs::write(dir.join(name), "x").unwrap();
        }
        fs::write(sub.join("c.html"), "x").unwrap();
        // A link back up must not make the walk loop forever.
        #[cfg(unix)]
        std::os::unix::fs::symlink(&dir, sub.join("loop")).unwrap();
        let jobs = plan(&[dir.to_string_lossy().into_owned()]);
        let names: Vec<&str> = jobs.iter().map(|j| j.name.as_str()).collect();
        assert_eq!(names, ["a", "b", "c"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn atomic_write_leaves_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("zhprint-write-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let target = dir.join("x.pdf");
        write_atomically(&target, b"data").unwrap();
        let names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["x.pdf"]);
        fs::remove_dir_all(&dir).unwrap();
    }
}
