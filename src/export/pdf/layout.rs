//! A small page layout: text set line by line from measured widths, broken
//! at spaces; headings kept with what follows; tables whose rows are kept
//! whole on a page and whose header row is repeated on each new one. The
//! result is a list of A4 sheets of drawing operations and the headings
//! with where they fell, for the outline; `draw` turns it into a PDF.

use super::fonts::Fonts;

/// A4 in points.
pub(crate) const PAGE: (f32, f32) = (595.28, 841.89);
/// 2 cm all round; the page number sits in the bottom margin.
pub(crate) const MARGIN: f32 = 56.7;
const BODY: f32 = 10.0;
const LEADING: f32 = 1.3;
const CELL_PAD: f32 = 3.5;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rgb(pub u8, pub u8, pub u8);

pub(crate) const RULE: Rgb = Rgb(0x80, 0x80, 0x80);
pub(crate) const HEADER_FILL: Rgb = Rgb(0xe4, 0xe4, 0xe4);

/// One thing drawn on a page; `y` grows down the page, text at its baseline.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    Text { x: f32, y: f32, size: f32, bold: bool, text: String },
    Fill { x: f32, y: f32, w: f32, h: f32, colour: Rgb },
    Frame { x: f32, y: f32, w: f32, h: f32 },
}

/// A page of the document: laid out here, or a page of a paper brought in whole.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Sheet {
    Drawn(Vec<Op>),
    Paper { paper: usize, page: usize },
}

/// A bookmark: a heading, its depth and where it fell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mark {
    pub level: u8,
    pub title: String,
    pub page: usize,
    pub y: f32,
}

/// A run of text in one weight: paragraphs are made of them.
pub(crate) type Span<'a> = (&'a str, bool);

/// A table cell: its text, whether bold, and a fill (RAG, risk band).
#[derive(Debug, Clone, Default)]
pub(crate) struct Cell {
    pub text: String,
    pub bold: bool,
    pub fill: Option<Rgb>,
}

impl Cell {
    pub(crate) fn plain(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), ..Cell::default() }
    }
}

/// The document being laid out.
pub(crate) struct Flow<'f> {
    pub(crate) fonts: &'f Fonts,
    sheets: Vec<Sheet>,
    /// The page being laid out, once one is.
    page: Option<Vec<Op>>,
    marks: Vec<Mark>,
    y: f32,
}

fn width() -> f32 {
    PAGE.0 - 2.0 * MARGIN
}

fn bottom() -> f32 {
    PAGE.1 - MARGIN
}

impl<'f> Flow<'f> {
    pub(crate) fn new(fonts: &'f Fonts) -> Flow<'f> {
        Flow { fonts, sheets: Vec::new(), page: None, marks: Vec::new(), y: bottom() }
    }

    /// The pages and the bookmarks, the page being laid out included.
    pub(crate) fn finish(mut self) -> (Vec<Sheet>, Vec<Mark>) {
        self.sheets.extend(self.page.take().map(Sheet::Drawn));
        (self.sheets, self.marks)
    }

    pub(crate) fn new_page(&mut self) {
        self.sheets.extend(self.page.replace(Vec::new()).map(Sheet::Drawn));
        self.y = MARGIN;
    }

    /// A page of a paper, whole; what follows starts on a new page.
    pub(crate) fn paper_page(&mut self, paper: usize, page: usize) {
        self.sheets.extend(self.page.take().map(Sheet::Drawn));
        self.sheets.push(Sheet::Paper { paper, page });
        self.y = bottom();
    }

    /// The number (from 0) of the page being laid out, or of the next.
    pub(crate) fn page_number(&self) -> usize {
        self.sheets.len()
    }

    /// Breaks the page unless `height` more fits on this one.
    pub(crate) fn room(&mut self, height: f32) {
        if self.y + height > bottom() || self.page.is_none() {
            self.new_page();
        }
    }

    pub(crate) fn space(&mut self, height: f32) {
        self.y += height;
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.page.is_none() {
            self.new_page();
        }
        self.page.get_or_insert_with(Vec::new)
    }

    /// A bookmark here, at `level` (0 the outermost), with no heading drawn.
    pub(crate) fn mark(&mut self, level: u8, title: &str) {
        self.room(BODY * 4.0);
        let title = self.fonts.printable(title);
        self.marks.push(Mark { level, title, page: self.page_number(), y: self.y });
    }

    /// A bookmark to the top of the next page, for pages not laid out here (a paper's).
    pub(crate) fn mark_next_page(&mut self, level: u8, title: &str) {
        let title = self.fonts.printable(title);
        let page = self.sheets.len() + usize::from(self.page.is_some());
        self.marks.push(Mark { level, title, page, y: 0.0 });
    }

    /// A heading (level 1 the largest), bookmarked, kept with a few lines of what follows.
    pub(crate) fn heading(&mut self, level: u8, text: &str) {
        let size = match level {
            0 | 1 => 15.0,
            2 => 12.5,
            _ => 11.0,
        };
        self.room(size * LEADING + BODY * LEADING * 3.0 + 8.0);
        self.space(if self.y > MARGIN { 8.0 } else { 0.0 });
        self.mark(level, text);
        self.paragraph(&[(text, true)], size);
        self.space(2.0);
    }

    /// A paragraph of runs, broken at spaces (and at its own line breaks)
    /// to the width of the page, then a little space.
    pub(crate) fn paragraph(&mut self, spans: &[Span], size: f32) {
        for line in self.lines(spans, size, width()) {
            self.room(size * LEADING);
            self.y += size;
            let y = self.y;
            self.set_line(&line, MARGIN, y, size);
            self.y += size * (LEADING - 1.0);
        }
        self.space(size * 0.4);
    }

    pub(crate) fn text(&mut self, text: &str) {
        self.paragraph(&[(text, false)], BODY);
    }

    pub(crate) fn labelled(&mut self, label: &str, text: &str) {
        self.paragraph(&[(label, true), (text, false)], BODY);
    }

    /// Draws one line of words in their weights from `x` along baseline `y`.
    fn set_line(&mut self, line: &[(String, bool)], x: f32, y: f32, size: f32) {
        let mut x = x;
        let space = self.fonts.regular.width(" ", size);
        let mut ops = Vec::new();
        for (words, bold) in merge(line) {
            let w = self.fonts.face(bold).width(&words, size);
            ops.push(Op::Text { x, y, size, bold, text: words });
            x += w + space;
        }
        self.ops().extend(ops);
    }

    /// The runs as lines no wider than `max`: each line its words with their weights.
    pub(crate) fn lines(&self, spans: &[Span], size: f32, max: f32) -> Vec<Vec<(String, bool)>> {
        let mut lines = vec![Vec::new()];
        let mut used = 0.0;
        let space = self.fonts.regular.width(" ", size);
        for (n, hard) in hard_lines(spans).into_iter().enumerate() {
            if n > 0 {
                lines.push(Vec::new());
                used = 0.0;
            }
            for (word, bold) in hard {
                let word = self.fonts.printable(&word);
                for piece in self.fit_word(&word, bold, size, max) {
                    let w = self.fonts.face(bold).width(&piece, size);
                    let line = lines.last_mut().expect("one line at least");
                    if !line.is_empty() && used + space + w > max {
                        lines.push(Vec::new());
                        used = 0.0;
                    } else if !line.is_empty() {
                        used += space;
                    }
                    lines.last_mut().expect("one line at least").push((piece, bold));
                    used += w;
                }
            }
        }
        lines
    }

    /// A word wider than the line, cut into pieces that fit (a long link, a hostile run).
    fn fit_word(&self, word: &str, bold: bool, size: f32, max: f32) -> Vec<String> {
        let face = self.fonts.face(bold);
        if face.width(word, size) <= max {
            return vec![word.to_string()];
        }
        let mut pieces = vec![String::new()];
        let mut used = 0.0;
        for c in word.chars() {
            // Measured a character at a time: a hostile run of 100,000 is still linear.
            let w = face.width(c.encode_utf8(&mut [0; 4]), size);
            if used > 0.0 && used + w > max {
                pieces.push(String::new());
                used = 0.0;
            }
            pieces.last_mut().expect("one piece at least").push(c);
            used += w;
        }
        pieces
    }

    /// A drawing of `height` points (the heat grid): `draw` is given the
    /// page's operations and the top left corner it may use.
    pub(crate) fn figure(&mut self, height: f32, draw: impl FnOnce(&mut Vec<Op>, f32, f32)) {
        self.room(height);
        let y = self.y;
        draw(self.ops(), MARGIN, y);
        self.y += height;
    }

    pub(crate) fn body_size() -> f32 {
        BODY
    }

    pub(crate) fn line_height(size: f32) -> f32 {
        size * LEADING
    }

    pub(crate) fn cell_pad() -> f32 {
        CELL_PAD
    }

    pub(crate) fn y(&self) -> f32 {
        self.y
    }

    pub(crate) fn set_y(&mut self, y: f32) {
        self.y = y;
    }

    pub(crate) fn at_bottom(&self) -> f32 {
        bottom()
    }

    pub(crate) fn content_width() -> f32 {
        width()
    }

    pub(crate) fn draw(&mut self, op: Op) {
        self.ops().push(op);
    }
}

/// The runs split at their line breaks, each line as words with their weights.
fn hard_lines(spans: &[Span]) -> Vec<Vec<(String, bool)>> {
    let mut lines = vec![Vec::new()];
    for (text, bold) in spans {
        for (n, part) in text.split('\n').enumerate() {
            if n > 0 {
                lines.push(Vec::new());
            }
            let words = part.split([' ', '\t']).filter(|w| !w.is_empty());
            lines.last_mut().expect("one line at least").extend(words.map(|w| (w.to_string(), *bold)));
        }
    }
    lines
}

/// Neighbouring words of one weight as one run of text.
fn merge(line: &[(String, bool)]) -> Vec<(String, bool)> {
    let mut runs: Vec<(String, bool)> = Vec::new();
    for (word, bold) in line {
        match runs.last_mut() {
            Some((run, b)) if b == bold => {
                run.push(' ');
                run.push_str(word);
            }
            _ => runs.push((word.clone(), *bold)),
        }
    }
    runs
}
