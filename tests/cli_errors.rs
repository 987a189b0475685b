//! Bad inputs and hostile surroundings a new user meets on the command line: each
//! gets one clear line and the right status, and nothing is left half-written.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zhprint-cli-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn zhprint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhprint"))
        .args(args)
        .env("CI", "1")
        .output()
        .expect("run zhprint")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// The seed page (see tests/fixtures/README.md).
const SEED_PAGE: &str = "input/taiyuan-2021.html";

#[test]
fn a_directory_without_pages_is_an_error_naming_it() {
    let dir = temp_dir("empty");
    let empty = dir.join("no-pages");
    std::fs::create_dir_all(empty.join("sub")).expect("dirs");
    std::fs::write(empty.join("notes.txt"), "not a page").expect("write");
    let run = zhprint(&[
        "convert",
        path(&empty),
        "-o",
        path(&dir.join("out")),
        "--format",
        "txt",
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(path(&empty)), "{stderr}");
    assert!(stderr.contains("no .html or .htm file"), "{stderr}");
}

#[test]
fn a_failed_write_says_cannot_write_and_names_the_path() {
    let dir = temp_dir("write");
    let blocker = dir.join("a-file");
    std::fs::write(&blocker, "in the way").expect("write");
    let out = blocker.join("out");
    let run = zhprint(&["convert", SEED_PAGE, "-o", path(&out), "--format", "txt"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot write"), "{stderr}");
    assert!(stderr.contains(path(&blocker)), "{stderr}");
    assert!(!stderr.contains("cannot read"), "{stderr}");
}

#[test]
fn two_runs_into_one_directory_leave_every_file_whole() {
    let dir = temp_dir("concurrent");
    let out = dir.join("out");
    let inputs = [
        "input/taiyuan-2021.html",
        "input/taiyuan-2021-gbk.html",
        "input/taiyuan-2021-nocharset.html",
    ];
    let spawn = || {
        let mut args = vec![
            "convert",
            "--force",
            "--jobs",
            "1",
            "-o",
            path(&out),
            "--format",
            "pdf,docx,txt",
        ];
        args.extend(inputs);
        Command::new(env!("CARGO_BIN_EXE_zhprint"))
            .args(&args)
            .env("CI", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn zhprint")
    };
    let (first, second) = (spawn(), spawn());
    for run in [first, second] {
        let done = run.wait_with_output().expect("wait");
        assert_eq!(
            done.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&done.stderr)
        );
    }
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .expect("out")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    assert_eq!(names.len(), 9, "{names:?}");
    for name in &names {
        let bytes = std::fs::read(out.join(name)).expect("read");
        match name.rsplit_once('.').map(|(_, ext)| ext) {
            Some("pdf") => {
                assert!(bytes.starts_with(b"%PDF-"), "{name}");
                lopdf::Document::load_mem(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            }
            Some("docx") => {
                let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
                for i in 0..zip.len() {
                    let mut part = zip.by_index(i).expect("part");
                    std::io::copy(&mut part, &mut std::io::sink())
                        .unwrap_or_else(|e| panic!("{name}: {e}"));
                }
            }
            _ => assert!(String::from_utf8(bytes).expect("UTF-8").contains("太原")),
        }
    }
    // No temporary file is left by either run.
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .expect("out")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Reads a little of the command's output, then closes the pipe as `head` does.
fn close_early(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhprint"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn zhprint");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let done = child.wait_with_output().expect("wait");
    (
        done.status.code(),
        String::from_utf8_lossy(&done.stderr).into_owned(),
    )
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    let dir = temp_dir("pipe");
    // Far more output than a pipe holds, so that writing goes on after the close.
    let lines: String = (1..=4000)
        .map(|i| format!("<p>2021年,全市第{i}项指标达到5121.6亿元，比上年增长9.2%。</p>"))
        .collect();
    let page = format!(
        "<html><head><meta charset=\"utf-8\"><title>报告</title></head><body><article><h1>报告</h1>{lines}</article></body></html>"
    );
    let file = dir.join("long.html");
    std::fs::write(&file, page).expect("write");
    for args in [
        vec!["check", path(&file)],
        vec!["check", "--format", "json", path(&file)],
        vec!["extract", path(&file)],
    ] {
        let (status, stderr) = close_early(&args);
        assert!(
            !stderr.to_lowercase().contains("broken pipe"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("error"), "{args:?}: {stderr}");
        // `check` says 1 when a page would change; neither run was killed or failed.
        assert!(
            matches!(status, Some(0 | 1)),
            "{args:?}: {status:?} {stderr}"
        );
    }
}
