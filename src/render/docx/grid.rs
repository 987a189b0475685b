//! Lays HTML-style table rows (cells with colspan/rowspan) on a column grid, the
//! form Word wants: `w:gridSpan` for columns, `w:vMerge` restart/continue cells for
//! rows, and one width per grid column.

use crate::model::{plain_text, TableRow};

/// One `w:tc` of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// First grid column.
    pub col: usize,
    /// Grid columns spanned.
    pub span: usize,
    /// Rows spanned by the cell this slot belongs to.
    pub rows: usize,
    /// Index of the cell in its origin row (`None`: a filler for a short row).
    pub cell: Option<usize>,
    /// A continuation of a cell from a row above (`w:vMerge` without restart).
    pub continued: bool,
}

#[derive(Debug)]
pub struct Grid {
    pub columns: usize,
    rows: Vec<Vec<Slot>>,
    /// Display width of the widest single-column cell per column.
    content: Vec<usize>,
}

/// Who occupies a grid position: origin row, origin column, cell index, span, rows.
type Owner = (usize, usize, usize, usize, usize);

impl Grid {
    /// `max_span` bounds a single colspan (a page's `colspan="9999"` must not make
    /// thousands of columns).
    pub fn new(rows: &[TableRow], max_span: usize) -> Grid {
        let n = rows.len();
        let mut occ: Vec<Vec<Option<Owner>>> = vec![Vec::new(); n];
        let mut content: Vec<usize> = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            let mut col = 0;
            for (i, cell) in row.cells.iter().enumerate() {
                while occ[r].get(col).is_some_and(Option::is_some) {
                    col += 1;
                }
                let want = (cell.colspan.max(1) as usize).min(max_span.max(1));
                // Shrink the span where a cell from above already sits.
                let mut span = 0;
                while span < want && occ[r].get(col + span).is_none_or(Option::is_none) {
                    span += 1;
                }
                let want_rows = (cell.rowspan.max(1) as usize).min(n - r);
                let mut rows_spanned = 1;
                while rows_spanned < want_rows
                    && (col..col + span)
                        .all(|c| occ[r + rows_spanned].get(c).is_none_or(Option::is_none))
                {
                    rows_spanned += 1;
                }
                for line in occ.iter_mut().skip(r).take(rows_spanned) {
                    if line.len() < col + span {
                        line.resize(col + span, None);
                    }
                    for slot in &mut line[col..col + span] {
                        *slot = Some((r, col, i, span, rows_spanned));
                    }
                }
                if span == 1 {
                    let width =
                        unicode_width::UnicodeWidthStr::width(plain_text(&cell.content).as_str());
                    if content.len() <= col {
                        content.resize(col + 1, 0);
                    }
                    content[col] = content[col].max(width);
                }
                col += span;
            }
        }
        let columns = occ.iter().map(Vec::len).max().unwrap_or(0);
        content.resize(columns, 0);
        let rows = occ
            .iter()
            .enumerate()
            .map(|(r, line)| {
                let mut slots = Vec::new();
                let mut c = 0;
                while c < columns {
                    match line.get(c).copied().flatten() {
                        Some((or, oc, cell, span, rows)) if oc == c => {
                            slots.push(Slot {
                                col: c,
                                span,
                                rows,
                                cell: Some(cell),
                                continued: or < r,
                            });
                            c += span;
                        }
                        _ => {
                            slots.push(Slot {
                                col: c,
                                span: 1,
                                rows: 1,
                                cell: None,
                                continued: false,
                            });
                            c += 1;
                        }
                    }
                }
                slots
            })
            .collect();
        Grid {
            columns,
            rows,
            content,
        }
    }

    pub fn row(&self, r: usize) -> &[Slot] {
        self.rows.get(r).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Column widths (twips) summing to `total`: proportional to the widest
    /// single-column content, each column between 2 and 16 characters' worth, so a
    /// 序号 column stays narrow and a text column gets the room.
    pub fn column_widths(&self, total: usize) -> Vec<usize> {
        if self.columns == 0 {
            return Vec::new();
        }
        let weights: Vec<usize> = self.content.iter().map(|&w| w.clamp(4, 32)).collect();
        let sum: usize = weights.iter().sum();
        let mut widths: Vec<usize> = weights.iter().map(|w| total * w / sum).collect();
        let used: usize = widths.iter().sum();
        if let Some(last) = widths.last_mut() {
            *last += total - used;
        }
        widths
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Inline, TableCell};

    fn cell(text: &str, colspan: u32, rowspan: u32) -> TableCell {
        TableCell {
            content: vec![Inline::text(text)],
            colspan,
            rowspan,
        }
    }

    fn row(cells: Vec<TableCell>) -> TableRow {
        TableRow {
            header: false,
            cells,
        }
    }

    #[test]
    fn spans_become_grid_spans_and_continuations() {
        // | A (2 rows) | B C (2 cols) |
        // |            | D   | E      |
        let rows = vec![
            row(vec![cell("A", 1, 2), cell("BC", 2, 1)]),
            row(vec![cell("D", 1, 1), cell("E", 1, 1)]),
        ];
        let g = Grid::new(&rows, 63);
        assert_eq!(g.columns, 3);
        let first: Vec<_> = g
            .row(0)
            .iter()
            .map(|s| (s.col, s.span, s.rows, s.continued))
            .collect();
        assert_eq!(first, vec![(0, 1, 2, false), (1, 2, 1, false)]);
        let second: Vec<_> = g
            .row(1)
            .iter()
            .map(|s| (s.col, s.span, s.cell, s.continued))
            .collect();
        assert_eq!(
            second,
            vec![
                (0, 1, Some(0), true),
                (1, 1, Some(0), false),
                (2, 1, Some(1), false)
            ]
        );
        assert_eq!(g.column_widths(9000).iter().sum::<usize>(), 9000);
    }

    #[test]
    fn ragged_and_absurd_spans_stay_bounded() {
        let rows = vec![
            row(vec![cell("x", 0, 0), cell("y", 9999, 9999)]),
            row(vec![]),
            row(vec![cell("z", 1, 1)]),
        ];
        let g = Grid::new(&rows, 63);
        assert_eq!(g.columns, 64);
        // Every row covers every column once.
        for r in 0..3 {
            assert_eq!(g.row(r).iter().map(|s| s.span).sum::<usize>(), 64);
        }
        assert!(Grid::new(&[], 63).columns == 0);
    }
}
