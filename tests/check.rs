//! `zhprint check` and `zhprint normalize` end to end: the seed page and the seed
//! text (tests/fixtures/seed.txt, a copy of ../shared/seed/000_9350f1803efad272.txt)
//! report every defect of typography spec §0 with its rule, and their normalized
//! output reports nothing; JSON output, the config file and `--disable`.

use std::path::PathBuf;
use std::process::{Command, Output};

const PAGE: &str = "input/taiyuan-2021.html";
const SEED_TEXT: &str = "tests/fixtures/seed.txt";

fn zhprint_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhprint"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run zhprint")
}

fn zhprint(args: &[&str]) -> Output {
    zhprint_in(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zhprint-check-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The rule ids of the change lines (`path:line:col: RULE …`), warnings left out.
fn changed_rules(report: &str) -> Vec<String> {
    report
        .lines()
        .filter(|line| !line.contains(" warning: "))
        .filter_map(|line| line.split(": ").nth(1))
        .filter_map(|rest| rest.split(' ').next())
        .map(str::to_string)
        .collect()
}

/// Spec §0's defects of the report text and the rules that fix them.
const SEED_DEFECT_RULES: [&str; 8] = ["A3", "A2", "B1", "B5", "B3", "C1", "D1", "C4"];

#[test]
fn seed_page_reports_each_defect_then_its_extract_is_clean() {
    let out = zhprint(&["check", PAGE]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = stdout(&out);
    let rules = changed_rules(&report);
    for rule in ["B1", "B5", "B3", "C1", "D1", "C4", "A6"] {
        assert!(rules.iter().any(|r| r == rule), "no {rule} in:\n{report}");
    }
    // Every line names the page and a position, compiler style.
    for line in report.lines() {
        let mut parts = line.splitn(4, ':');
        assert_eq!(parts.next(), Some(PAGE), "{line}");
        assert!(
            parts.next().is_some_and(|n| n.parse::<usize>().is_ok()),
            "{line}"
        );
        assert!(
            parts.next().is_some_and(|n| n.parse::<usize>().is_ok()),
            "{line}"
        );
    }
    assert!(report.contains("B1 half-width comma or semicolon in Chinese text (, → ，)"));
    assert!(
        report.contains("C1 decimal broken by a space (. 6 → .6)"),
        "{report}"
    );
    assert!(
        report.contains("A6 space between Han characters (原 放 → 原<U+3000>放)"),
        "{report}"
    );

    let dir = temp_dir("page");
    let extracted = zhprint(&["extract", PAGE]);
    assert!(extracted.status.success());
    let text = dir.join("report.txt");
    std::fs::write(&text, &extracted.stdout).expect("write extract");
    let again = zhprint(&["check", text.to_str().expect("utf-8 path")]);
    assert_eq!(again.status.code(), Some(0), "{}", stdout(&again));
    assert!(
        changed_rules(&stdout(&again)).is_empty(),
        "{}",
        stdout(&again)
    );
}

#[test]
fn raw_extract_numbers_the_lines_check_reports() {
    let raw = stdout(&zhprint(&["extract", "--raw", "--title", PAGE]));
    let report = stdout(&zhprint(&["check", PAGE]));
    let first = report
        .lines()
        .find(|l| l.contains(" C1 "))
        .expect("a C1 line");
    let fields: Vec<&str> = first.splitn(4, ':').collect();
    let (line, column): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let raw_line: Vec<char> = raw.lines().nth(line - 1).expect("line").chars().collect();
    // The column is the changed character's: the space; the message shows it with its neighbours.
    assert_eq!(raw_line.get(column - 2), Some(&'.'), "{first}");
    assert_eq!(raw_line.get(column - 1), Some(&' '), "{first}");
}

#[test]
fn seed_text_reports_every_defect_then_normalized_is_clean() {
    let out = zhprint(&["check", SEED_TEXT]);
    assert_eq!(out.status.code(), Some(1));
    let rules = changed_rules(&stdout(&out));
    for rule in SEED_DEFECT_RULES.iter().chain(&["A6"]) {
        assert!(rules.iter().any(|r| r == rule), "no {rule}");
    }
    let normalized = zhprint(&["normalize", SEED_TEXT]);
    assert!(normalized.status.success());
    let seed = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(SEED_TEXT))
        .expect("seed");
    assert_eq!(
        stdout(&normalized).lines().count(),
        seed.lines().count(),
        "normalize keeps the lines"
    );
    let dir = temp_dir("seed");
    let path = dir.join("seed-normalized.txt");
    std::fs::write(&path, &normalized.stdout).expect("write");
    let again = zhprint(&["check", path.to_str().expect("utf-8 path")]);
    assert_eq!(again.status.code(), Some(0), "{}", stdout(&again));
}

#[test]
fn json_report_for_machines() {
    let out = zhprint(&["check", "--format", "json", "--quiet", PAGE]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    assert!(diagnostics.len() > 100, "{}", diagnostics.len());
    let first = &diagnostics[0];
    for key in ["path", "line", "column", "rule", "severity", "message"] {
        assert!(!first[key].is_null(), "{key} in {first}");
    }
    let b1 = diagnostics
        .iter()
        .find(|d| d["rule"] == "B1")
        .expect("a B1 change");
    assert_eq!(b1["before"], ",");
    assert_eq!(b1["after"], "，");
    assert_eq!(report["files"][0]["path"], PAGE);
    assert!(out.stderr.is_empty(), "--quiet");
}

#[test]
fn house_style_switches_rules_off() {
    let dir = temp_dir("config");
    let text = dir.join("a.txt");
    std::fs::write(&text, "纲要(2021-2025年)\n").expect("write");
    let all = stdout(&zhprint_in(&dir, &["check", "a.txt"]));
    assert_eq!(changed_rules(&all), ["B5", "C4", "B5"], "{all}");

    std::fs::write(
        dir.join("zhprint.toml"),
        "[normalize]\ndisable = [\"C4\"]\n",
    )
    .expect("write");
    let house = stdout(&zhprint_in(&dir, &["check", "a.txt"]));
    assert_eq!(changed_rules(&house), ["B5", "B5"], "{house}");
    let both = zhprint_in(&dir, &["check", "a.txt", "--disable", "B5"]);
    assert_eq!(both.status.code(), Some(0), "{}", stdout(&both));
    let normalized = zhprint_in(&dir, &["normalize", "a.txt"]);
    assert_eq!(stdout(&normalized), "纲要（2021-2025年）\n");

    std::fs::write(dir.join("other.toml"), "[normalize]\ndisable = [\"Q9\"]\n").expect("write");
    let bad = zhprint_in(&dir, &["--config", "other.toml", "check", "a.txt"]);
    assert_eq!(bad.status.code(), Some(2));
    let message = String::from_utf8_lossy(&bad.stderr);
    assert!(
        message.contains("other.toml") && message.contains("'Q9'"),
        "{message}"
    );
    assert_eq!(message.lines().count(), 1, "{message}");
}

#[test]
fn bad_text_input_is_named_and_the_rest_is_checked() {
    let dir = temp_dir("bad");
    std::fs::write(dir.join("bad.txt"), b"\xe4\xb8\xad\xff\xfe").expect("write");
    std::fs::write(dir.join("good.txt"), "工作,组织\n").expect("write");
    let out = zhprint_in(&dir, &["check", "bad.txt", "good.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.txt: invalid UTF-8 at byte 3"),
        "{stderr}"
    );
    assert!(
        stdout(&out).contains("good.txt:1:3: B1"),
        "{}",
        stdout(&out)
    );
    let normalize = zhprint_in(&dir, &["normalize", "bad.txt"]);
    assert_eq!(normalize.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&normalize.stderr);
    assert!(
        stderr.contains("bad.txt: invalid UTF-8 at byte 3"),
        "{stderr}"
    );
}
