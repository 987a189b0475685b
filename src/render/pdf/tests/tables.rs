//! Tables in the PDF. A long table of plain cells (a roster) gets its column widths
//! from the template's estimate instead of typst's measuring of every cell, which
//! costs memory per cell; its rows must come out as typst's measure would set them.

use super::super::render;
use super::geometry::pages;
use crate::model::{Block, Document, Inline, Meta, TableCell, TableRow};

fn cell(text: &str) -> TableCell {
    TableCell {
        content: vec![Inline::text(text)],
        colspan: 1,
        rowspan: 1,
    }
}

/// A roster of `rows` people under a header row; row `long` (if any) has a cell of
/// 80 hanzi, which no column of a page can hold on one line.
fn roster(rows: usize, long: Option<usize>) -> Document {
    let mut table = vec![TableRow {
        header: true,
        cells: ["序号", "姓名", "准考证号"].map(cell).to_vec(),
    }];
    for i in 1..=rows {
        let name = if long == Some(i) {
            "长".repeat(80)
        } else {
            "王某李".into()
        };
        table.push(TableRow {
            header: false,
            cells: vec![
                cell(&i.to_string()),
                cell(&name),
                cell(&format!("2021{i:06}")),
            ],
        });
    }
    Document {
        meta: Meta {
            title: "拟录用人员名单".into(),
            date: Some("2022-03-07".into()),
            ..Meta::default()
        },
        blocks: vec![Block::Table { rows: table }],
        images: Vec::new(),
    }
}

/// Where each numbered row's 准考证号 (2021xxxxxx) starts: (x, baseline) by page.
fn id_cells(doc: &Document) -> Vec<Vec<(f32, f32)>> {
    let pdf = render(doc).expect("a PDF");
    pages(&pdf.bytes)
        .iter()
        .map(|runs| {
            let mut at: Vec<(f32, f32)> = runs
                .iter()
                .filter(|r| r.text.starts_with("2021") && r.text.len() == 10)
                .map(|r| (r.x, r.y))
                .collect();
            at.sort_by(|a, b| a.1.total_cmp(&b.1));
            at
        })
        .collect()
}

/// The baselines of [`id_cells`].
fn row_baselines(doc: &Document) -> Vec<Vec<f32>> {
    let cells = id_cells(doc);
    cells
        .iter()
        .map(|page| page.iter().map(|c| c.1).collect())
        .collect()
}

fn steps(ys: &[f32]) -> Vec<f32> {
    ys.windows(2).map(|w| w[1] - w[0]).collect()
}

#[test]
fn a_long_rosters_rows_are_one_line_high_as_a_short_tables_are() {
    let short = row_baselines(&roster(80, None));
    let long = row_baselines(&roster(600, None));
    let short_steps = steps(&short[0]);
    let long_steps = steps(&long[1]);
    assert!(!short_steps.is_empty() && !long_steps.is_empty());
    for step in short_steps.iter().chain(&long_steps) {
        assert!((step - 24.0).abs() < 0.05, "{short_steps:?} {long_steps:?}");
    }
    // The same number of rows a full page, and every row printed once.
    assert_eq!(short[1].len(), long[1].len());
    assert_eq!(long.iter().map(Vec::len).sum::<usize>(), 600);
    // The long table's columns are the estimate's, which errs wide: its first two
    // columns are wider than typst's measure makes them.
    let first_two = |doc: Document| {
        let pdf = render(&doc).expect("a PDF");
        let page = &pages(&pdf.bytes)[0];
        let serial = page.iter().find(|r| r.text == "1").expect("row 1").x;
        let id = page
            .iter()
            .find(|r| r.text == "2021000001")
            .expect("row 1")
            .x;
        id - serial
    };
    assert!(first_two(roster(600, None)) > first_two(roster(80, None)) + 5.0);
}

#[test]
fn a_long_table_with_a_cell_too_wide_for_one_line_is_measured_by_typst() {
    let long = row_baselines(&roster(600, Some(5)));
    let first = &long[0];
    // The row of the 80-hanzi cell grows to hold its lines: rows 5 and 6 are farther
    // apart than one line, and no row overlaps another.
    let gaps = steps(first);
    assert!(gaps[4] > 48.0, "{gaps:?}");
    assert!(gaps.iter().all(|g| *g >= 23.95), "{gaps:?}");
    assert_eq!(long.iter().map(Vec::len).sum::<usize>(), 600);
}
