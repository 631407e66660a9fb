//! Tables: columns as shares of the page's width, the header row in bold
//! on grey and repeated at the top of each page the table runs onto, each
//! row kept whole on one page (a row taller than a page, which only
//! hostile text makes, is carried over line by line, under the header again).

use super::layout::{Cell, Flow, HEADER_FILL, MARGIN, Op};

/// A column: its heading and its share of the width.
pub(crate) type Column<'a> = (&'a str, f32);

type Lines = Vec<Vec<(String, bool)>>;

struct Row<'c> {
    cells: Vec<(Lines, &'c Cell)>,
}

impl Flow<'_> {
    pub(crate) fn table(&mut self, columns: &[Column], rows: &[Vec<Cell>]) {
        let size = Flow::body_size() - 1.0;
        let total: f32 = columns.iter().map(|(_, share)| share).sum();
        let widths: Vec<f32> = columns.iter().map(|(_, share)| share / total * Flow::content_width()).collect();
        let header: Vec<Cell> = columns
            .iter()
            .map(|(title, _)| Cell { text: (*title).to_string(), bold: true, fill: Some(HEADER_FILL) })
            .collect();
        let header = self.row(&header, &widths, size);
        let body: Vec<Row> = rows.iter().map(|cells| self.row(cells, &widths, size)).collect();
        let (line, pad) = (Flow::line_height(size), Flow::cell_pad());
        let height =
            |row: &Row| row.cells.iter().map(|(lines, _)| lines.len()).max().unwrap_or(1) as f32 * line + 2.0 * pad;
        self.room(height(&header) + body.first().map_or(0.0, height));
        self.draw_row(&header, &widths, size, 0..usize::MAX);
        for row in &body {
            let tall = height(row);
            let fresh = self.at_bottom() - MARGIN - height(&header);
            if self.y() + tall > self.at_bottom() && tall <= fresh {
                self.new_page();
                self.draw_row(&header, &widths, size, 0..usize::MAX);
            }
            self.carry_over(row, (&header, &widths), size);
        }
        self.space(8.0);
    }

    /// Draws `row`, line by line across pages if it is taller than what is left.
    fn carry_over(&mut self, row: &Row, (header, widths): (&Row, &[f32]), size: f32) {
        let (line, pad) = (Flow::line_height(size), Flow::cell_pad());
        let lines = row.cells.iter().map(|(lines, _)| lines.len()).max().unwrap_or(1);
        let mut from = 0;
        while from < lines {
            let fit = (((self.at_bottom() - self.y() - 2.0 * pad) / line).floor().max(1.0) as usize).min(lines - from);
            self.draw_row(row, widths, size, from..from + fit);
            from += fit;
            if from < lines {
                self.new_page();
                self.draw_row(header, widths, size, 0..usize::MAX);
            }
        }
    }

    fn row<'c>(&self, cells: &'c [Cell], widths: &[f32], size: f32) -> Row<'c> {
        let inner = |w: f32| w - 2.0 * Flow::cell_pad();
        let cells = cells
            .iter()
            .zip(widths)
            .map(|(cell, w)| (self.lines(&[(cell.text.as_str(), cell.bold)], size, inner(*w)), cell))
            .collect();
        Row { cells }
    }

    /// Draws the lines `range` of each cell of `row` at the current height,
    /// each cell's text whole before the next cell's (the order a reader
    /// and a text extractor take them in), and moves down past the row.
    fn draw_row(&mut self, row: &Row, widths: &[f32], size: f32, range: std::ops::Range<usize>) {
        let (line, pad) = (Flow::line_height(size), Flow::cell_pad());
        let shown = row.cells.iter().map(|(lines, _)| lines.len().min(range.end).saturating_sub(range.start));
        let height = shown.max().unwrap_or(1).max(1) as f32 * line + 2.0 * pad;
        let top = self.y();
        let mut x = MARGIN;
        for ((lines, cell), w) in row.cells.iter().zip(widths) {
            if let Some(colour) = cell.fill {
                self.draw(Op::Fill { x, y: top, w: *w, h: height, colour });
            }
            self.draw(Op::Frame { x, y: top, w: *w, h: height });
            let end = range.end.min(lines.len());
            for (n, words) in lines[range.start.min(end)..end].iter().enumerate() {
                let baseline = top + pad + n as f32 * line + size;
                let text = words.iter().map(|(w, _)| w.as_str()).collect::<Vec<_>>().join(" ");
                if !text.is_empty() {
                    self.draw(Op::Text { x: x + pad, y: baseline, size, bold: cell.bold, text });
                }
            }
            x += w;
        }
        self.set_y(top + height);
    }
}
