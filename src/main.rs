//! The command-line edge: parses arguments, dispatches one function per
//! subcommand, and turns results into messages and exit statuses
//! (0 all done, 1 some inputs failed or, for `check`, would change, 2 usage error).

use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use zhprint::config::Config;
use zhprint::convert::{self, Format, Settings};
use zhprint::normalize::{Normalizer, TextKind};
use zhprint::render;
use zhprint::{batch, check, Error};

// mimalloc: typst's layout and PDF export allocate heavily from both worker threads;
// measured 5–8% faster per PDF than glibc's malloc (docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "zhprint",
    version,
    about = "Chinese reports published as web pages → clean print editions (PDF, DOCX)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Configuration file (default: ./zhprint.toml when it exists).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Normalization rules to switch off, by spec id (e.g. A6,C4), on top of the config file's.
    #[arg(long, global = true, value_name = "RULES", value_delimiter = ',')]
    disable: Vec<String>,
    /// Time limit for fetching one URL, in seconds (default 60, or ZHPRINT_FETCH_TIMEOUT).
    #[arg(long, global = true, value_name = "SECS", value_parser = positive_seconds)]
    timeout: Option<std::time::Duration>,
    /// Largest response a URL may give, in MB (default 20, or ZHPRINT_FETCH_MAX_MB).
    #[arg(long, global = true, value_name = "MB", value_parser = clap::value_parser!(u64).range(1..))]
    max_size: Option<u64>,
    /// Let a page from the public network make requests to private addresses
    /// (loopback, RFC 1918, link-local, …) through its images and redirects. A page
    /// that came from such an address may always reach them. Also `[fetch]
    /// allow-private-network = true` in zhprint.toml.
    #[arg(long, global = true)]
    allow_private_network: bool,
}

fn positive_seconds(arg: &str) -> std::result::Result<std::time::Duration, String> {
    zhprint::source::parse_timeout(arg)
        .ok_or_else(|| format!("'{arg}' is not a positive number of seconds"))
}

// Parsed once per run: the size of the largest variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Convert pages (files, directories of *.html/*.htm, or http(s) URLs) into print editions.
    Convert {
        /// Files, directories (searched recursively) or http(s) URLs.
        #[arg(required_unless_present = "input_list")]
        inputs: Vec<String>,
        /// Output directory; files are named after the input (`<stem>.pdf`, `<stem>.docx`).
        #[arg(short, long, default_value = "output")]
        output: PathBuf,
        /// Formats to write, comma-separated.
        #[arg(long, value_enum, value_delimiter = ',', default_value = "pdf,docx")]
        format: Vec<FormatArg>,
        /// Documents converted at once (0: one per core).
        #[arg(short, long, default_value_t = 0)]
        jobs: usize,
        #[command(flatten)]
        batch: BatchArgs,
        #[command(flatten)]
        pdf: PdfArgs,
        /// DOCX font names: `[ROLE=]FAMILY`, ROLE one of body (default), title, hei, kai,
        /// song, latin; e.g. `--docx-fonts 仿宋,kai=楷体`. Over the config's [docx.fonts].
        #[arg(long, value_name = "[ROLE=]FAMILY", value_delimiter = ',')]
        docx_fonts: Vec<String>,
        /// A Word file whose styles, page setup, and headers and footers (when it has any)
        /// the DOCX takes (as pandoc's option).
        #[arg(long, value_name = "FILE")]
        reference_docx: Option<PathBuf>,
        /// Fetch the http(s) images of saved pages too (by the same rules as a fetched
        /// page's, which are always fetched).
        #[arg(long)]
        fetch_images: bool,
    },
    /// Print the extracted, normalized document of one page.
    Extract {
        /// A file or an http(s) URL.
        input: String,
        /// `text`: the article's main text, one block per line (a table row as its
        /// cells joined by tabs); `json`: the document model, metadata included.
        #[arg(long, value_enum, default_value = "text")]
        format: ExtractFormat,
        /// The text as extracted, before normalization (`check` counts the lines of
        /// `--raw --title`).
        #[arg(long)]
        raw: bool,
        /// Print the title as the text's first line.
        #[arg(long)]
        title: bool,
    },
    /// Normalize UTF-8 text line by line (stdin when FILE is absent or `-`);
    /// `.md` files keep their Markdown syntax and code blocks.
    Normalize { file: Option<PathBuf> },
    /// Join the `--report` files of shards into one, sorted by input; an input
    /// in two reports is an error.
    MergeReports {
        /// The merged report to write.
        out: PathBuf,
        /// The shards' reports.
        #[arg(required = true)]
        reports: Vec<PathBuf>,
    },
    /// Report what normalization would change, one line per change
    /// (`path:line:col: RULE what (before → after)`); exit 1 when anything would.
    /// Pages are checked after extraction (lines as `extract --raw` prints them);
    /// `.txt` and `.md` files line by line.
    Check {
        /// Pages (files or URLs), `.txt`/`.md` files, or directories of them.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// `text`: compiler-style lines; `json`: one JSON document for machines.
        #[arg(long, value_enum, default_value = "text")]
        format: ExtractFormat,
        /// No summary line.
        #[arg(short, long)]
        quiet: bool,
    },
    /// List the normalization rules by id (what `--disable`, `zhprint.toml` and
    /// `check` name), or explain one with examples: `zhprint rules C1`.
    Rules {
        /// A rule id (A1 … G2, F0).
        id: Option<String>,
        /// Every rule explained, as Markdown (what docs/rules.md holds).
        #[arg(long, conflicts_with = "id")]
        markdown: bool,
    },
}

/// Batches: where inputs come from, which to take, what to tell (`zhprint::batch`).
#[derive(clap::Args)]
struct BatchArgs {
    /// Read more inputs from FILE, one a line (`-`: stdin); blank lines and `#` comments skipped.
    #[arg(long, value_name = "FILE")]
    input_list: Option<String>,
    /// Convert only the K-th of N deterministic shares of the inputs (by a hash
    /// of each input), e.g. `--shard 2/8` on the second of 8 workers.
    #[arg(long, value_name = "K/N")]
    shard: Option<batch::Shard>,
    /// Write a JSON report: per input its status, outputs (size, sha256), page
    /// count, timings per stage, warnings and normalization changes.
    #[arg(long, value_name = "FILE.json")]
    report: Option<PathBuf>,
    /// Convert inputs again even when their outputs are up to date.
    #[arg(long)]
    force: bool,
    /// Print nothing but errors.
    #[arg(short, long, conflicts_with = "verbose")]
    quiet: bool,
    /// One line per converted input, with its timings.
    #[arg(short, long)]
    verbose: bool,
    /// What besides the input shapes the output bytes (set by `main`, not a flag).
    #[arg(skip)]
    key: Vec<String>,
}

/// How the PDF is made (`render::pdf::PdfOptions`).
#[derive(clap::Args)]
struct PdfArgs {
    /// A typst template to use instead of the bundled GB/T 9704 one; it reads the
    /// document from /doc.json and the font choices from /options.json.
    #[arg(long, value_name = "FILE")]
    template: Option<PathBuf>,
    /// A system font for a face role: `[ROLE=]FAMILY`, ROLE one of body (default), hei,
    /// kai, title, latin; e.g. `--font 仿宋_GB2312 --font title=方正小标宋简体`. Repeatable.
    #[arg(long = "font", value_name = "[ROLE=]FAMILY")]
    fonts: Vec<String>,
    /// The PDF standard: none, a-2b, a-3b or ua-1 (PDF/UA-1 with PDF/A-2a).
    #[arg(long, value_name = "STANDARD", default_value = "a-2b")]
    pdf_standard: render::pdf::Standard,
    /// Line-breaking prohibitions: basic (clreq's basic set with the GB rule) or
    /// strict (also no line starting with ——).
    #[arg(long, value_name = "SET", default_value = "basic")]
    kinsoku: render::pdf::Kinsoku,
    /// A paragraph's first line alone at a page's foot or last line alone at its head:
    /// keep (the default: 22 lines on every page); mend: lay the document out again
    /// with a paragraph on that page a line shorter or longer (its pause marks set
    /// tighter or looser), keeping 22 lines a page, about half a render more per mended
    /// page break; never: keep a paragraph's first and last two lines together, as
    /// Word's 孤行控制 does, and mend the pages that leaves a line short where it can.
    #[arg(long, value_name = "KEEP|MEND|NEVER", default_value = "keep")]
    lone_lines: render::pdf::LoneLines,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Pdf,
    Docx,
    Txt,
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Self {
        match arg {
            FormatArg::Pdf => Format::Pdf,
            FormatArg::Docx => Format::Docx,
            FormatArg::Txt => Format::Txt,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (normalizer, config) = match load_normalizer(cli.config.as_deref(), &cli.disable) {
        Ok(loaded) => loaded,
        Err(err) => {
            eprintln!("zhprint: {err:#}");
            return ExitCode::from(2);
        }
    };
    let mut limits = zhprint::source::FetchLimits::from_env();
    if let Some(timeout) = cli.timeout {
        limits.timeout = timeout;
    }
    if let Some(mb) = cli.max_size {
        limits.max_bytes = mb.saturating_mul(1 << 20);
    }
    limits.allow_private_network = cli.allow_private_network || config.fetch.allow_private_network;
    zhprint::source::set_limits(limits);
    let settings = Settings {
        normalizer,
        ..Settings::default()
    };
    let outcome = match cli.command {
        Command::Convert {
            inputs,
            output,
            format,
            jobs,
            mut batch,
            pdf,
            docx_fonts,
            reference_docx,
            fetch_images,
        } => {
            batch.key = output_key(
                &settings.normalizer,
                &pdf,
                &config,
                &docx_fonts,
                reference_docx.as_deref(),
            );
            if fetch_images {
                batch.key.push("fetch-images".into());
            }
            // Images the rule refused may be let through: the outputs differ.
            if limits.allow_private_network {
                batch.key.push("allow-private-network".into());
            }
            let config_fonts = config.docx.fonts.iter();
            let config_fonts = config_fonts.map(|(r, f)| (r.as_str(), f.as_str()));
            match render::docx::DocxOptions::new(
                config_fonts,
                &docx_fonts,
                reference_docx.as_deref(),
            ) {
                Ok(docx) => {
                    let never = pdf.lone_lines == render::pdf::LoneLines::Never;
                    let settings = Settings {
                        docx: docx.with_widow_control(never),
                        fetch_images,
                        ..settings
                    };
                    run_convert(&inputs, &output, &format, jobs, &batch, &pdf, settings)
                }
                Err(reason) => {
                    eprintln!("zhprint: {reason}");
                    return ExitCode::from(2);
                }
            }
        }
        Command::Extract {
            input,
            format,
            raw,
            title,
        } => run_extract(&input, format, raw, title, &settings),
        Command::Normalize { file } => run_normalize(file, &settings.normalizer),
        Command::MergeReports { out, reports } => run_merge_reports(&out, &reports),
        Command::Check {
            inputs,
            format,
            quiet,
        } => run_check(&inputs, format, quiet, &settings.normalizer),
        Command::Rules { id, markdown } => run_rules(id.as_deref(), markdown),
    };
    match outcome {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("zhprint: {err:#}");
            ExitCode::from(1)
        }
    }
}

/// `rules`: the list, one rule explained, or all of them as Markdown.
fn run_rules(id: Option<&str>, markdown: bool) -> Result<ExitCode> {
    use zhprint::normalize::explain;
    let text = match (id, markdown) {
        (_, true) => explain::markdown(),
        (None, false) => explain::list(),
        (Some(id), false) => match explain::explain(id) {
            Some(text) => text,
            None => {
                let known = zhprint::normalize::rule_ids().join(", ");
                eprintln!("zhprint: rules: unknown rule id '{id}' (known: {known})");
                return Ok(ExitCode::from(2));
            }
        },
    };
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The rules to run: the config file's house style and `--disable`, and the
/// config itself. A config file that cannot be read or names an unknown rule is
/// a usage error.
fn load_normalizer(config: Option<&Path>, disable: &[String]) -> Result<(Normalizer, Config)> {
    let (config, path) = Config::load(config)?;
    let shown = path.map_or_else(|| "--disable".to_string(), |p| p.display().to_string());
    let normalizer = config.normalizer(disable).map_err(|reason| {
        anyhow::Error::new(Error::Config {
            path: shown,
            reason,
        })
    })?;
    Ok((normalizer, config))
}

/// The top-level entry point for `convert`: every input is tried, each failure is
/// reported on one line, and the status tells whether all of them converted.
/// A progress bar on a terminal; with `CI` set or no terminal, only failures and
/// the summary (warnings go to the report, and with `--verbose` to stderr).
fn run_convert(
    inputs: &[String],
    out_dir: &std::path::Path,
    formats: &[FormatArg],
    threads: usize,
    args: &BatchArgs,
    pdf: &PdfArgs,
    settings: Settings,
) -> Result<ExitCode> {
    // Read the template and find the fonts once, before any document.
    let pdf = render::pdf::PdfOptions::new(pdf.pdf_standard, pdf.template.as_deref(), &pdf.fonts)
        .map_err(anyhow::Error::msg)?
        .with_kinsoku(pdf.kinsoku)
        .with_lone_lines(pdf.lone_lines);
    let settings = Settings { pdf, ..settings };
    let mut formats: Vec<Format> = formats.iter().map(|&f| f.into()).collect();
    formats.sort();
    formats.dedup();
    let mut inputs = inputs.to_vec();
    if let Some(list) = &args.input_list {
        match batch::read_input_list(list) {
            Ok(listed) => inputs.extend(listed),
            Err(err) => {
                eprintln!("zhprint: --input-list: {err}");
                return Ok(ExitCode::from(2));
            }
        }
    }
    if inputs.is_empty() {
        eprintln!("zhprint: no input: the input list names no file, directory or URL");
        return Ok(ExitCode::from(2));
    }
    // Shard after planning, so an input's output name is the same in every shard.
    let mut jobs = convert::plan(&inputs);
    if let Some(shard) = args.shard {
        jobs.retain(|job| shard.contains(&job.input));
    }
    let options = batch::Options {
        out_dir,
        formats: &formats,
        threads,
        settings: &settings,
        force: args.force,
        key: batch::options_key(&formats, &args.key),
        count_changes: args.report.is_some(),
    };
    let interactive = !args.quiet && std::env::var_os("CI").is_none() && io::stderr().is_terminal();
    let bar = interactive.then(|| progress_bar(jobs.len()));
    let say = |line: String| match &bar {
        Some(bar) => bar.println(line),
        None => eprintln!("{line}"),
    };
    let started = std::time::Instant::now();
    let entries = batch::run(&jobs, &options, |entry| {
        match (&entry.error, entry.status) {
            (Some(err), _) => say(format!("zhprint: {}: {err}", entry.input)),
            (None, batch::Status::Converted) if args.verbose => say(verbose_line(entry)),
            (None, batch::Status::Skipped) if args.verbose => {
                say(format!("zhprint: {}: up to date", entry.input));
            }
            _ => {}
        }
        if interactive || args.verbose {
            for warning in &entry.warnings {
                say(format!("zhprint: {}: warning: {warning}", entry.input));
            }
        }
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    })?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    if let Some(path) = &args.report {
        batch::Report::new(entries.clone())
            .write(path)
            .with_context(|| format!("--report {}", path.display()))?;
    }
    let count = |status| entries.iter().filter(|e| e.status == status).count();
    let failed = count(batch::Status::Failed);
    if !args.quiet {
        eprintln!(
            "zhprint: converted {}, skipped {} up to date, failed {} of {} inputs into {} in {:.1} s",
            count(batch::Status::Converted),
            count(batch::Status::Skipped),
            failed,
            entries.len(),
            out_dir.display(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn progress_bar(len: usize) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(len as u64);
    // indicatif draws on stderr and leaves out colour under NO_COLOR (console).
    let style = indicatif::ProgressStyle::with_template(
        "{bar:40} {pos}/{len} inputs, {elapsed} elapsed, about {eta} left",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

/// `--verbose`'s line for a converted input: its total time and each stage's.
fn verbose_line(entry: &batch::Entry) -> String {
    let mut line = format!("zhprint: {}: converted", entry.input);
    if let Some(t) = &entry.timings_ms {
        line += &format!(
            " in {:.0} ms (load {:.0}, extract+normalize {:.0}, images {:.0}",
            t.total, t.load, t.extract_normalize, t.images
        );
        for (format, ms) in &t.render {
            line += &format!(", {format} {ms:.0}");
        }
        line += &format!(", write {:.0})", t.write);
    }
    if let Some(pages) = entry.pages {
        line += &format!(", {pages} pages");
    }
    if let Some(method) = entry.extracted_by {
        line += &format!(", text by {}", method.name());
    }
    line
}

/// What besides the input the output bytes depend on, for incremental runs:
/// the rules, the PDF standard, template and fonts, the DOCX fonts and reference,
/// and the date that stands in when a page has none. Files count by their bytes.
fn output_key(
    normalizer: &Normalizer,
    pdf: &PdfArgs,
    config: &Config,
    docx_fonts: &[String],
    reference_docx: Option<&Path>,
) -> Vec<String> {
    let disabled: Vec<&str> = normalizer.disabled().collect();
    let mut key = vec![
        format!("disable={}", disabled.join(",")),
        format!("pdf-standard={:?}", pdf.pdf_standard),
        format!("kinsoku={:?}", pdf.kinsoku),
        format!("lone-lines={:?}", pdf.lone_lines),
        format!(
            "bundled-template={}",
            batch::manifest::sha256_hex(&[
                render::pdf::BUNDLED_TEMPLATE.as_bytes(),
                render::pdf::BUNDLED_PATTERNS.as_bytes(),
            ])
        ),
        format!("fonts={}", pdf.fonts.join(",")),
        format!("docx-config-fonts={:?}", config.docx.fonts),
        format!("docx-fonts={}", docx_fonts.join(",")),
        format!(
            "SOURCE_DATE_EPOCH={:?}",
            std::env::var_os("SOURCE_DATE_EPOCH")
        ),
    ];
    let file_key = |what: &str, path: &Path| match std::fs::read(path) {
        Ok(bytes) => format!("{what}={}", batch::manifest::file_sha256(&bytes)),
        Err(_) => format!("{what}=unreadable {}", path.display()),
    };
    key.extend(pdf.template.as_deref().map(|p| file_key("template", p)));
    key.extend(reference_docx.map(|p| file_key("reference", p)));
    key
}

/// The top-level entry point for `merge-reports`: the shards' reports as one;
/// the status is 1 when an entry failed, so a final CI step can gate on it.
fn run_merge_reports(out: &Path, reports: &[PathBuf]) -> Result<ExitCode> {
    let paths: Vec<&Path> = reports.iter().map(PathBuf::as_path).collect();
    let merged = batch::Report::merge(&paths)?;
    merged.write(out)?;
    let failed = merged
        .entries
        .iter()
        .filter(|e| e.status == batch::Status::Failed)
        .count();
    eprintln!(
        "zhprint: merged {} entries of {} reports into {}; {failed} failed",
        merged.entries.len(),
        reports.len(),
        out.display()
    );
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The top-level entry point for `extract`: the normalized document on stdout.
fn run_extract(
    input: &str,
    format: ExtractFormat,
    raw: bool,
    title: bool,
    settings: &Settings,
) -> Result<ExitCode> {
    let doc = if raw {
        convert::extracted(input)
    } else {
        convert::document_from(input, settings)
    }
    .with_context(|| input.to_string())?;
    let mut out = BufWriter::new(io::stdout().lock());
    match format {
        ExtractFormat::Text => {
            // The main text as extraction tools and benchmarks give it: the body,
            // the title apart (in the JSON, or first with `--title`).
            let lines = if title {
                doc.to_text_lines()
            } else {
                doc.body_text_lines()
            };
            for line in lines {
                writeln!(out, "{line}")?;
            }
        }
        ExtractFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &doc)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The top-level entry point for `normalize`: output line N is input line N normalized.
fn run_normalize(file: Option<PathBuf>, normalizer: &Normalizer) -> Result<ExitCode> {
    let (text, kind) = match file {
        Some(path) if path.as_os_str() != "-" => {
            let text = check::read_utf8(&path).with_context(|| path.display().to_string())?;
            (text, TextKind::of(&path))
        }
        _ => {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .context("cannot read stdin")?;
            let text = String::from_utf8(bytes).map_err(|e| {
                anyhow::Error::new(Error::InvalidUtf8 {
                    offset: e.utf8_error().valid_up_to(),
                })
                .context("<stdin>")
            })?;
            (text, TextKind::Plain)
        }
    };
    let mut out = BufWriter::new(io::stdout().lock());
    for line in check::normalize_lines(&text, kind, normalizer) {
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The top-level entry point for `check`: every input is checked; the status is 1
/// when anything would change or an input failed, 0 when all are clean (warnings
/// alone do not fail).
fn run_check(
    inputs: &[String],
    format: ExtractFormat,
    quiet: bool,
    normalizer: &Normalizer,
) -> Result<ExitCode> {
    let inputs = check::expand(inputs);
    let mut out = BufWriter::new(io::stdout().lock());
    let (mut changes, mut warnings, mut failed, mut changed_files) = (0, 0, 0, 0);
    let mut files = Vec::new();
    let mut all = Vec::new();
    for input in &inputs {
        match check::check(input, normalizer) {
            Ok(found) => {
                let changed = found
                    .iter()
                    .filter(|d| d.severity == check::Severity::Change)
                    .count();
                changes += changed;
                warnings += found.len() - changed;
                changed_files += usize::from(changed > 0);
                files.push(serde_json::json!({
                    "path": input, "changes": changed, "warnings": found.len() - changed,
                }));
                match format {
                    ExtractFormat::Text => {
                        for diagnostic in &found {
                            writeln!(out, "{}", diagnostic.to_line())?;
                        }
                    }
                    ExtractFormat::Json => all.extend(found),
                }
            }
            Err(err) => {
                failed += 1;
                eprintln!("zhprint: {input}: {err}");
                files.push(serde_json::json!({ "path": input, "error": err.to_string() }));
            }
        }
    }
    if let ExtractFormat::Json = format {
        let report = serde_json::json!({ "files": files, "diagnostics": all });
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    }
    out.flush()?;
    if !quiet {
        eprintln!(
            "zhprint: check: {changes} changes and {warnings} warnings in {} inputs; \
             {changed_files} would change, {failed} failed",
            inputs.len()
        );
    }
    Ok(if changes > 0 || failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The reader of standard output went away (`zhprint check … | head`): the command
/// ends quietly, as ripgrep and the coreutils do. JSON output fails through serde.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let kind = match (
            cause.downcast_ref::<io::Error>(),
            cause.downcast_ref::<serde_json::Error>(),
        ) {
            (Some(e), _) => Some(e.kind()),
            (None, Some(e)) => e.io_error_kind(),
            (None, None) => None,
        };
        kind == Some(io::ErrorKind::BrokenPipe)
    })
}
