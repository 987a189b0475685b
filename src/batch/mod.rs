//! Batch: jobs (from `convert::plan`) → converted, skipped or failed entries of
//! a [`report::Report`], in a rayon pool, with stage timings, output hashes and
//! incremental skipping ([`manifest`]). `--input-list` and `--shard` are in
//! [`inputs`].

pub mod inputs;
pub mod manifest;
pub mod report;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::convert::{self, Format, Job, Settings};
use crate::{extract, source, Error, Result};

pub use inputs::{read_input_list, Shard};
pub use report::{Entry, Report, Status};

use manifest::Manifest;
use report::{ms, OutputFile, Timings};

/// How a batch runs.
pub struct Options<'a> {
    pub out_dir: &'a Path,
    pub formats: &'a [Format],
    /// Worker threads (0: one per core).
    pub threads: usize,
    pub settings: &'a Settings,
    /// Redo inputs whose outputs are up to date.
    pub force: bool,
    /// Everything besides the input that the output bytes depend on, hashed
    /// (see [`options_key`]); an input converted under another key is redone.
    pub key: String,
    /// Count normalization's changes per document (a traced second pass).
    pub count_changes: bool,
}

/// The key of the options that shape the output: zhprint's version, the formats,
/// and what the caller passes (rules switched off, template and font choices,
/// the bytes of files they name, `SOURCE_DATE_EPOCH`), as one string each.
pub fn options_key(formats: &[Format], settings: &[String]) -> String {
    let mut parts: Vec<&[u8]> = vec![env!("CARGO_PKG_VERSION").as_bytes()];
    let formats: Vec<&str> = formats.iter().map(|f| f.extension()).collect();
    let formats = formats.join(",");
    parts.push(formats.as_bytes());
    parts.extend(settings.iter().map(|s| s.as_bytes()));
    manifest::sha256_hex(&parts)
}

/// Runs every job in a pool; `on_done` sees each entry as it finishes (from a
/// worker thread). Entries come back in job order. Stale temporary files of the
/// output directory are removed first.
///
/// Each worker thread runs one loop that takes the next job until none are left
/// (`broadcast`: one loop per thread, which no other thread can steal). With one
/// job per input (`par_iter`), a thread waiting inside typst's parallel page
/// layout stole whole documents and started them inside the waiting one: over
/// 300 documents were in flight at once in a 600-page batch, and memory grew
/// with the batch's length (568 MB for 1,000). Now at most one document a worker
/// is in flight; an idle worker still helps the others with their pages.
pub fn run<F>(jobs: &[Job], options: &Options, on_done: F) -> Result<Vec<Entry>>
where
    F: Fn(&Entry) + Sync,
{
    manifest::remove_stale_temporaries(options.out_dir);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .stack_size(convert::WORKER_STACK)
        .build()
        .map_err(|e| Error::Unsupported(format!("cannot start worker threads: {e}")))?;
    let next = AtomicUsize::new(0);
    let done: Vec<Mutex<Option<Entry>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    pool.broadcast(|_| loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let (Some(job), Some(slot)) = (jobs.get(i), done.get(i)) else {
            break;
        };
        let entry = run_job_guarded(job, options);
        on_done(&entry);
        *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(entry);
    });
    Ok(jobs
        .iter()
        .zip(done)
        .map(|(job, slot)| {
            slot.into_inner()
                .unwrap_or_else(PoisonError::into_inner)
                .unwrap_or_else(|| {
                    let mut entry = Entry::new(&job.input, Status::Failed);
                    entry.error = Some("internal error: never converted".to_owned());
                    entry
                })
        })
        .collect())
}

/// [`run_job`], with a panic in a renderer turned into a failed entry so
/// that the other inputs still convert.
fn run_job_guarded(job: &Job, options: &Options) -> Entry {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_job(job, options))).unwrap_or_else(
        |_| {
            let mut entry = Entry::new(&job.input, Status::Failed);
            entry.error = Some("internal error: conversion panicked".to_owned());
            entry
        },
    )
}

/// One job, never failing: an error becomes a failed entry naming the reason.
pub fn run_job(job: &Job, options: &Options) -> Entry {
    let start = Instant::now();
    let mut timings = Timings::default();
    match convert_job(job, options, &mut timings) {
        Ok(mut entry) => {
            if entry.status == Status::Converted {
                timings.total = ms(start.elapsed());
                entry.timings_ms = Some(timings);
            }
            entry
        }
        Err(err) => {
            let mut entry = Entry::new(&job.input, Status::Failed);
            entry.error = Some(err.to_string());
            entry
        }
    }
}

fn convert_job(job: &Job, options: &Options, timings: &mut Timings) -> Result<Entry> {
    let out_dir = options.out_dir;
    let (page, elapsed) = timed(|| source::load(&job.input));
    timings.load = ms(elapsed);
    let page = page?;
    let url = page.url.as_ref().map_or("", url::Url::as_str);
    let input_sha256 = manifest::sha256_hex(&[page.text.as_bytes(), url.as_bytes()]);

    // The last run's outputs, when this input and these options made them. The input
    // too: names follow input order, so a reordered list can give this name to
    // another input.
    let previous = (!options.force)
        .then(|| manifest::read(out_dir, &job.name))
        .flatten()
        .filter(|done| {
            done.input == job.input
                && done.input_sha256 == input_sha256
                && done.options == options.key
                && done.outputs_present(out_dir)
        });
    let skipped = |done: &Manifest| {
        let mut entry = Entry::new(&job.input, Status::Skipped);
        entry.outputs = done.outputs.iter().map(|o| shown(out_dir, o)).collect();
        entry
    };
    // A fetched page is decided by its text alone; a local page's images may have
    // changed beside it, so they are read again (below) before it is skipped.
    if let Some(done) = previous.as_ref().filter(|_| page.url.is_some()) {
        return Ok(skipped(done));
    }

    let normalizer = &options.settings.normalizer;
    let (raw, elapsed) = timed(|| extract::extract(&page.text, page.url.as_ref()));
    timings.extract_normalize = ms(elapsed);
    let raw = raw?;
    let mut entry = Entry::new(&job.input, Status::Converted);
    entry.extracted_by = Some(raw.meta.extracted_by);
    // Counting traces every line's normalization; the document then reuses those texts.
    let changes = options.count_changes.then(|| {
        let (changes, elapsed) = timed(|| normalizer.changes(&raw));
        timings.count_changes = ms(elapsed);
        entry.normalization_changes = Some(changes.count);
        changes
    });
    let (mut doc, elapsed) = timed(|| match &changes {
        Some(changes) => normalizer.document_traced(raw, changes),
        None => normalizer.document(raw),
    });
    timings.extract_normalize += ms(elapsed);
    let (warnings, elapsed) =
        timed(|| source::load_images(&mut doc, &page, options.settings.fetch_images));
    timings.images = ms(elapsed);
    entry.warnings = warnings;
    let images_sha256 = (page.url.is_none() && !doc.images.is_empty()).then(|| {
        let parts: Vec<&[u8]> = doc.images.iter().map(|image| &*image.bytes).collect();
        manifest::sha256_hex(&parts)
    });
    if let Some(done) = previous.filter(|done| done.images_sha256 == images_sha256) {
        return Ok(skipped(&done));
    }

    let rendered = convert::render_formats(&doc, options.formats, options.settings)?;
    let write_start = Instant::now();
    let mut outputs = Vec::new();
    for output in rendered {
        let name = format!("{}.{}", job.name, output.format.extension());
        let format = output.format.extension().to_owned();
        timings.render.insert(format, ms(output.elapsed));
        let bytes = &output.rendered.bytes;
        if output.format == Format::Pdf {
            entry.pages = Some(report::pdf_page_count(bytes));
        }
        convert::write_atomically(&convert::output_path(out_dir, job, output.format)?, bytes)?;
        outputs.push(OutputFile {
            path: name,
            bytes: bytes.len() as u64,
            sha256: manifest::file_sha256(bytes),
        });
        convert::add_warnings(&mut entry.warnings, output.rendered.warnings);
    }
    // The manifest last: it vouches for outputs that are all in place.
    let done = Manifest {
        input: job.input.clone(),
        input_sha256,
        options: options.key.clone(),
        images_sha256,
        outputs,
    };
    manifest::write(out_dir, &job.name, &done)?;
    timings.write = ms(write_start.elapsed());
    entry.outputs = done.outputs.iter().map(|o| shown(out_dir, o)).collect();
    Ok(entry)
}

/// An output as the report shows it: its path under the output directory.
fn shown(out_dir: &Path, output: &OutputFile) -> OutputFile {
    OutputFile {
        path: out_dir.join(&output.path).display().to_string(),
        ..output.clone()
    }
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}
