//! The command-line edge: parses arguments, dispatches one function per
//! subcommand, and turns results into messages and exit statuses
//! (0 all done, 1 some inputs failed, 2 usage error).

use std::io::{self, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use zhprint::convert::{self, Format};
use zhprint::{normalize, Error};

#[derive(Parser)]
#[command(
    name = "zhprint",
    version,
    about = "Chinese reports published as web pages → clean print editions (PDF, DOCX)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert pages (files, directories of *.html/*.htm, or http(s) URLs) into print editions.
    Convert {
        /// Files, directories (searched recursively) or http(s) URLs.
        #[arg(required = true)]
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
        /// Print nothing but errors.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Print the extracted, normalized document of one page.
    Extract {
        /// A file or an http(s) URL.
        input: String,
        /// `text`: the title, then one block per line; `json`: the document model.
        #[arg(long, value_enum, default_value = "text")]
        format: ExtractFormat,
    },
    /// Normalize UTF-8 text line by line (stdin when FILE is absent or `-`).
    Normalize { file: Option<PathBuf> },
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
    let outcome = match cli.command {
        Command::Convert {
            inputs,
            output,
            format,
            jobs,
            quiet,
        } => run_convert(&inputs, &output, &format, jobs, quiet),
        Command::Extract { input, format } => run_extract(&input, format),
        Command::Normalize { file } => run_normalize(file),
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

/// The top-level entry point for `convert`: every input is tried, each failure is
/// reported on one line, and the status tells whether all of them converted.
fn run_convert(
    inputs: &[String],
    out_dir: &std::path::Path,
    formats: &[FormatArg],
    threads: usize,
    quiet: bool,
) -> Result<ExitCode> {
    let mut formats: Vec<Format> = formats.iter().map(|&f| f.into()).collect();
    formats.sort();
    formats.dedup();
    let jobs = convert::plan(inputs);
    let results =
        convert::convert_batch(
            &jobs,
            out_dir,
            &formats,
            threads,
            |job, result| match result {
                Ok(done) if !quiet => {
                    for warning in &done.warnings {
                        eprintln!("zhprint: {}: warning: {warning}", job.input);
                    }
                }
                Ok(_) => {}
                Err(err) => eprintln!("zhprint: {}: {err}", job.input),
            },
        )?;
    let failed = results.iter().filter(|r| r.is_err()).count();
    if !quiet {
        eprintln!(
            "zhprint: converted {} of {} inputs into {}",
            results.len() - failed,
            results.len(),
            out_dir.display()
        );
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The top-level entry point for `extract`: the normalized document on stdout.
fn run_extract(input: &str, format: ExtractFormat) -> Result<ExitCode> {
    let doc = convert::document_from(input).with_context(|| input.to_string())?;
    let mut out = BufWriter::new(io::stdout().lock());
    match format {
        ExtractFormat::Text => {
            for line in doc.to_text_lines() {
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
fn run_normalize(file: Option<PathBuf>) -> Result<ExitCode> {
    let (name, bytes) = match file {
        Some(path) if path.as_os_str() != "-" => {
            let bytes = std::fs::read(&path).map_err(|source| Error::Io {
                path: path.display().to_string(),
                source,
            })?;
            (path.display().to_string(), bytes)
        }
        _ => {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .context("cannot read stdin")?;
            ("<stdin>".to_string(), bytes)
        }
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::Error::new(Error::InvalidUtf8 {
            offset: e.utf8_error().valid_up_to(),
        })
        .context(name.clone())
    })?;
    let mut out = BufWriter::new(io::stdout().lock());
    let body = text.strip_suffix('\n').unwrap_or(&text);
    if !text.is_empty() {
        for line in body.split('\n') {
            let line = line.strip_suffix('\r').unwrap_or(line);
            writeln!(out, "{}", normalize::normalize_text(line))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
