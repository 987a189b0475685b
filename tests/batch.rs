//! Batch runs of the binary: `--input-list`, `--shard`, `--report`,
//! `merge-reports`, incremental re-runs and resuming after a kill.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const PAGE: &str = "input/taiyuan-2021.html";

fn zhprint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhprint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("CI")
        .output()
        .expect("run zhprint")
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zhprint-batch-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8 temp path")
}

/// `n` copies of the seed page under distinct names in `dir`, and a list file naming them.
fn pages(dir: &Path, n: usize) -> (Vec<String>, PathBuf) {
    let html = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(PAGE)).expect("page");
    let pages: Vec<String> = (0..n)
        .map(|i| {
            let path = dir.join(format!("page-{i:03}.html"));
            std::fs::write(&path, &html).expect("write page");
            path.display().to_string()
        })
        .collect();
    let list = dir.join("list.txt");
    let text = format!("# the archive\n\n{}\n", pages.join("\n"));
    std::fs::write(&list, text).expect("write list");
    (pages, list)
}

fn report(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).expect("read report")).expect("report is JSON")
}

fn entries(report: &serde_json::Value) -> Vec<serde_json::Value> {
    report["entries"].as_array().expect("entries").clone()
}

fn inputs_with(report: &serde_json::Value, status: &str) -> Vec<String> {
    entries(report)
        .iter()
        .filter(|e| e["status"] == status)
        .map(|e| e["input"].as_str().expect("input").to_owned())
        .collect()
}

fn temporaries(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for dir in [dir.to_path_buf(), dir.join(".zhprint")] {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".tmp") {
                found.push(name);
            }
        }
    }
    found
}

#[test]
fn shards_cover_every_input_once_and_merge() {
    let dir = temp_dir("shard");
    let (pages, list) = pages(&dir, 12);
    let out = dir.join("out");
    let mut reports = Vec::new();
    for k in 1..=3 {
        let report = dir.join(format!("report-{k}.json"));
        let shard = format!("{k}/3");
        let args = [
            "convert",
            "--input-list",
            s(&list),
            "--shard",
            &shard,
            "--format",
            "txt",
            "-o",
            s(&out),
            "--report",
            s(&report),
        ];
        let run = zhprint(&args);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        reports.push(report);
    }
    let mut seen: Vec<String> = reports
        .iter()
        .flat_map(|r| inputs_with(&report(r), "converted"))
        .collect();
    seen.sort();
    assert_eq!(seen, pages, "every input in exactly one shard");

    let merged = dir.join("merged.json");
    let mut args = vec!["merge-reports", s(&merged)];
    args.extend(reports.iter().map(|r| s(r)));
    let run = zhprint(&args);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(inputs_with(&report(&merged), "converted"), pages);

    // The same shard twice is an overlap: an error naming the input. (A shard that
    // got inputs: which shard gets which depends on the temporary paths, and with 12
    // inputs one of three shards is now and then empty.)
    let dup = dir.join("dup.json");
    let full = reports
        .iter()
        .find(|r| !inputs_with(&report(r), "converted").is_empty())
        .expect("some shard has inputs");
    let run = zhprint(&["merge-reports", s(&dup), s(full), s(full)]);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("page-"));
    assert!(!dup.exists());
}

#[test]
fn bad_shard_is_a_usage_error() {
    for shard in ["0/3", "4/3", "3", "x/y"] {
        let run = zhprint(&["convert", PAGE, "--shard", shard, "-o", "/nonexistent"]);
        assert_eq!(run.status.code(), Some(2), "--shard {shard}");
    }
}

#[test]
fn input_list_from_stdin() {
    let dir = temp_dir("stdin");
    let out = dir.join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhprint"))
        .args([
            "convert",
            "--input-list",
            "-",
            "--format",
            "txt",
            "-o",
            s(&out),
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stdin = child.stdin.take().expect("stdin");
    std::thread::spawn(move || {
        use std::io::Write;
        let mut stdin = stdin;
        stdin
            .write_all(format!("# comment\n\n{PAGE}\n").as_bytes())
            .expect("write stdin");
    });
    let status = child.wait().expect("wait");
    assert!(status.success());
    assert!(out.join("taiyuan-2021.txt").is_file());
}

#[test]
fn report_describes_each_input_and_reruns_skip() {
    let dir = temp_dir("report");
    let out = dir.join("out");
    let first = dir.join("first.json");
    let missing = dir.join("missing.html").display().to_string();
    let args = [
        "convert",
        PAGE,
        &missing,
        "-o",
        s(&out),
        "--report",
        s(&first),
    ];
    let run = zhprint(&args);
    assert_eq!(run.status.code(), Some(1));
    let first = report(&first);
    let all = entries(&first);
    assert_eq!(all.len(), 2);
    let failed = all
        .iter()
        .find(|e| e["status"] == "failed")
        .expect("failed");
    assert!(failed["error"]
        .as_str()
        .expect("error")
        .contains("missing.html"));
    let done = all
        .iter()
        .find(|e| e["status"] == "converted")
        .expect("done");
    assert_eq!(done["pages"], 10);
    assert!(done["normalization_changes"].as_u64().expect("changes") > 0);
    for stage in ["load", "extract_normalize", "write", "total"] {
        assert!(done["timings_ms"][stage].is_number(), "{stage}");
    }
    assert!(done["timings_ms"]["render"]["pdf"].is_number());
    let pdf = done["outputs"][0]["path"].as_str().expect("pdf path");
    let pages = lopdf::Document::load(Path::new(env!("CARGO_MANIFEST_DIR")).join(pdf))
        .expect("pdf parses")
        .get_pages()
        .len();
    assert_eq!(done["pages"], pages, "the byte scan agrees with lopdf");
    let outputs = done["outputs"].as_array().expect("outputs");
    assert_eq!(outputs.len(), 2);
    for output in outputs {
        let bytes = std::fs::read(output["path"].as_str().expect("path")).expect("output");
        assert_eq!(output["bytes"], bytes.len());
        assert_eq!(output["sha256"].as_str().expect("sha").len(), 64);
    }

    // Again: the page is up to date and skipped, its outputs untouched.
    let second = dir.join("second.json");
    let run = zhprint(&["convert", PAGE, "-o", s(&out), "--report", s(&second)]);
    assert!(run.status.success());
    let second = report(&second);
    assert_eq!(inputs_with(&second, "skipped"), [PAGE]);
    assert_eq!(entries(&second)[0]["outputs"], done["outputs"].clone());

    // Other options (a rule switched off), or --force, convert it again.
    let third = dir.join("third.json");
    let run = zhprint(&[
        "convert",
        PAGE,
        "-o",
        s(&out),
        "--report",
        s(&third),
        "--disable",
        "C4",
    ]);
    assert!(run.status.success());
    assert_eq!(inputs_with(&report(&third), "converted"), [PAGE]);
    let run = zhprint(&[
        "convert",
        PAGE,
        "-o",
        s(&out),
        "--report",
        s(&third),
        "--disable",
        "C4",
        "--force",
    ]);
    assert!(run.status.success());
    assert_eq!(inputs_with(&report(&third), "converted"), [PAGE]);
}

/// Issue 7: a run killed with SIGKILL part way, then run again, ends with every
/// output present and valid, nothing finished converted twice, and no
/// temporary file left (a stale one from a dead process is removed too).
#[test]
fn killed_run_resumes() {
    let dir = temp_dir("resume");
    let (pages, list) = pages(&dir, 16);
    let out = dir.join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhprint"))
        .args([
            "convert",
            "--input-list",
            s(&list),
            "-o",
            s(&out),
            "--jobs",
            "2",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let manifests = out.join(".zhprint");
    let count = || std::fs::read_dir(&manifests).map_or(0, |d| d.flatten().count());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
    while count() < 3 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().expect("SIGKILL"); // Child::kill is SIGKILL on Unix.
    child.wait().expect("wait");
    // Only finished inputs have a manifest (temporaries end in .tmp).
    let finished: Vec<String> = std::fs::read_dir(&manifests)
        .expect("manifests")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    assert!(
        !finished.is_empty() && finished.len() < pages.len(),
        "{finished:?}"
    );
    std::fs::write(out.join(".page-000.pdf.4194303999.tmp"), b"stale").expect("stale");

    let rerun = dir.join("rerun.json");
    let run = zhprint(&[
        "convert",
        "--input-list",
        s(&list),
        "-o",
        s(&out),
        "--report",
        s(&rerun),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let rerun = report(&rerun);
    let skipped = inputs_with(&rerun, "skipped");
    assert_eq!(
        skipped.len(),
        finished.len(),
        "finished inputs are not redone"
    );
    assert_eq!(
        skipped.len() + inputs_with(&rerun, "converted").len(),
        pages.len()
    );
    for page in &pages {
        let stem = Path::new(page).file_stem().expect("stem").to_string_lossy();
        let pdf = std::fs::read(out.join(format!("{stem}.pdf"))).expect("pdf");
        assert!(pdf.starts_with(b"%PDF-") && pdf.trim_ascii_end().ends_with(b"%%EOF"));
        let docx = std::fs::read(out.join(format!("{stem}.docx"))).expect("docx");
        assert!(docx.starts_with(b"PK\x03\x04"));
    }
    assert_eq!(temporaries(&out), Vec::<String>::new());
}

/// A saved page's images live beside it: a rerun converts the page again when one
/// of them changed, and skips it when none did.
#[test]
fn a_rerun_sees_a_changed_image_of_a_saved_page() {
    let dir = temp_dir("images");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images");
    std::fs::create_dir_all(dir.join("report_files")).expect("files dir");
    let picture = dir.join("report_files/chart.png");
    std::fs::copy(fixtures.join("chart-64x48.png"), &picture).expect("copy png");
    let text =
        "<p>太原市坚持以习近平新时代中国特色社会主义思想为指导，认真学习贯彻习近平法治思想。</p>";
    let html = format!(
        "<html><head><title>图表报告</title></head><body><article><h1>图表报告</h1>{}\
         <p><img src=\"report_files/chart.png\" alt=\"统计图\"></p>{}</article></body></html>",
        text.repeat(3),
        text.repeat(3)
    );
    let page = dir.join("report.html");
    std::fs::write(&page, html).expect("write page");
    let out = dir.join("out");
    let run = |tag: &str| {
        let json = dir.join(format!("{tag}.json"));
        let args = ["convert", s(&page), "-o", s(&out), "--format", "docx"];
        let done = zhprint(&[&args[..], &["--report", s(&json)]].concat());
        assert_eq!(done.status.code(), Some(0), "{done:?}");
        entries(&report(&json))[0]["status"]
            .as_str()
            .expect("status")
            .to_owned()
    };
    assert_eq!(run("first"), "converted");
    assert_eq!(run("same"), "skipped");
    std::fs::copy(fixtures.join("photo-48x40.jpg"), &picture).expect("replace picture");
    assert_eq!(run("changed"), "converted");
    assert_eq!(run("again"), "skipped");
}
