//! Output is separate from work: commands build plain data and hand it here to be printed as a
//! table (comfy-table) or as JSON: a finite result is one JSON document (an object, or an
//! array of rows), a stream (`view`, `--watch`) is one object per line. Tables of unbounded
//! length (`view`) go through [`StreamTable`], which prints rows as they come instead of
//! holding them all. Data goes to stdout only; diagnostics go to stderr through `tracing`. A
//! closed stdout surfaces as an `io::Error` of kind `BrokenPipe` (possibly inside a
//! `serde_json::Error`), which `error::report` turns into a quiet exit.

use std::io::{IsTerminal, Write};

use comfy_table::presets::{ASCII_MARKDOWN, UTF8_FULL_CONDENSED};
use comfy_table::Table;
use serde::Serialize;

/// True when stdout is a terminal and colour/decoration is allowed (`NO_COLOR` unset).
pub fn stdout_is_tty() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Builds a table with kmsg's look: box drawing on a terminal, plain ASCII elsewhere.
pub fn table<H: ToString>(headers: &[H]) -> Table {
    let mut t = Table::new();
    if stdout_is_tty() {
        t.load_preset(UTF8_FULL_CONDENSED);
    } else {
        t.load_preset(ASCII_MARKDOWN);
    }
    t.set_header(headers.iter().map(|h| h.to_string()));
    t
}

/// Prints text (a rendered table, a line) to stdout.
pub fn print_text(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")?;
    out.flush()
}

/// Prints one value as one line of JSON on stdout: one JSON document for a finite result (give
/// it the whole list), or one line of a stream.
pub fn print_json<T: Serialize>(value: &T) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, value)?;
    writeln!(out)?;
    out.flush()
}

/// The frame of a [`StreamTable`]: the look of `table()`'s two presets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// comfy-table's `UTF8_FULL_CONDENSED` (a terminal).
    Boxed,
    /// comfy-table's `ASCII_MARKDOWN` (a pipe or a file).
    Markdown,
}

/// A table printed while its rows arrive, for outputs of unbounded length (`kmsg view` of a
/// large topic). The first `hold` rows are held to choose the column widths (so a short
/// output looks like a comfy-table one); after that each row is written at once, so memory
/// stays bounded whatever the length. A later row wider than its column ends the current
/// table and starts a new one, with a header, at the new widths: cells are never cut and
/// columns always line up within a table. Written by hand because comfy-table renders only
/// whole tables.
pub struct StreamTable<W: Write> {
    out: W,
    frame: Frame,
    headers: Vec<String>,
    hold: usize,
    held: Vec<Vec<String>>,
    /// The widths of the table being printed; `None` until its header is out.
    widths: Option<Vec<usize>>,
}

fn text_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

fn cell_width(cell: &str) -> usize {
    cell.lines().map(text_width).max().unwrap_or(0)
}

impl<W: Write> StreamTable<W> {
    /// A table writing to `out`, choosing its widths from the first `hold` rows (at least 1).
    pub fn new<H: ToString>(out: W, frame: Frame, headers: &[H], hold: usize) -> Self {
        StreamTable {
            out,
            frame,
            headers: headers.iter().map(|h| h.to_string()).collect(),
            hold: hold.max(1),
            held: Vec::new(),
            widths: None,
        }
    }

    /// Adds one row (one cell per header; a cell may hold several lines).
    pub fn row(&mut self, cells: Vec<String>) -> std::io::Result<()> {
        if self.widths.is_none() {
            self.held.push(cells);
            if self.held.len() >= self.hold {
                self.release()?;
            }
            return Ok(());
        }
        let widths = self.widths.as_ref().expect("header is out");
        if cells.iter().zip(widths).any(|(c, w)| cell_width(c) > *w) {
            let wider = widths
                .iter()
                .zip(&cells)
                .map(|(w, c)| (*w).max(cell_width(c)))
                .collect();
            self.close()?;
            if self.frame == Frame::Markdown {
                // A blank line keeps the two tables apart.
                writeln!(self.out)?;
            }
            self.open(wider)?;
        }
        self.write_row(&cells)
    }

    /// Prints the rows held so far (their widths become the table's), e.g. when a follower
    /// has nothing new to show for a while.
    pub fn release(&mut self) -> std::io::Result<()> {
        if self.widths.is_none() && !self.held.is_empty() {
            let mut widths: Vec<usize> = self.headers.iter().map(|h| text_width(h)).collect();
            for row in &self.held {
                for (w, c) in widths.iter_mut().zip(row) {
                    *w = (*w).max(cell_width(c));
                }
            }
            self.open(widths)?;
            for row in std::mem::take(&mut self.held) {
                self.write_row(&row)?;
            }
        }
        Ok(())
    }

    /// Flushes what is written so far to the output.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }

    /// Prints what is held and the closing border; an empty table prints its header only.
    pub fn finish(mut self) -> std::io::Result<W> {
        if self.held.is_empty() && self.widths.is_none() {
            let widths = self.headers.iter().map(|h| text_width(h)).collect();
            self.open(widths)?;
        }
        self.release()?;
        self.close()?;
        self.out.flush()?;
        Ok(self.out)
    }

    fn rule(&mut self, left: &str, fill: &str, middle: &str, right: &str) -> std::io::Result<()> {
        let widths = self.widths.as_ref().expect("widths are set");
        let line: Vec<String> = widths.iter().map(|w| fill.repeat(w + 2)).collect();
        writeln!(self.out, "{left}{}{right}", line.join(middle))
    }

    fn open(&mut self, widths: Vec<usize>) -> std::io::Result<()> {
        self.widths = Some(widths);
        if self.frame == Frame::Boxed {
            self.rule("┌", "─", "┬", "┐")?;
        }
        let headers = self.headers.clone();
        self.write_row(&headers)?;
        match self.frame {
            Frame::Boxed => self.rule("╞", "═", "╪", "╡"),
            Frame::Markdown => self.rule("|", "-", "|", "|"),
        }
    }

    /// Ends the table being printed (a bottom border when boxed).
    fn close(&mut self) -> std::io::Result<()> {
        if self.widths.is_none() {
            return Ok(());
        }
        if self.frame == Frame::Boxed {
            self.rule("└", "─", "┴", "┘")?;
        }
        self.widths = None;
        Ok(())
    }

    fn write_row(&mut self, cells: &[String]) -> std::io::Result<()> {
        let widths = self.widths.as_ref().expect("widths are set");
        let (left, middle, right) = match self.frame {
            Frame::Boxed => ("│ ", " ┆ ", " │"),
            Frame::Markdown => ("| ", " | ", " |"),
        };
        let lines: Vec<Vec<&str>> = widths
            .iter()
            .enumerate()
            .map(|(i, _)| {
                let cell = cells.get(i).map_or("", String::as_str);
                let lines: Vec<&str> = cell.lines().collect();
                if lines.is_empty() {
                    vec![""]
                } else {
                    lines
                }
            })
            .collect();
        let height = lines.iter().map(Vec::len).max().unwrap_or(1);
        let mut text = String::new();
        for n in 0..height {
            text.push_str(left);
            for (i, (cell, w)) in lines.iter().zip(widths).enumerate() {
                if i > 0 {
                    text.push_str(middle);
                }
                let part = cell.get(n).copied().unwrap_or("");
                text.push_str(part);
                text.push_str(&" ".repeat(w.saturating_sub(text_width(part))));
            }
            text.push_str(right);
            text.push('\n');
        }
        self.out.write_all(text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(frame: Frame, hold: usize, rows: &[&[&str]]) -> String {
        let mut t = StreamTable::new(Vec::new(), frame, &["id", "name"], hold);
        for r in rows {
            t.row(r.iter().map(|c| c.to_string()).collect()).unwrap();
        }
        String::from_utf8(t.finish().unwrap()).unwrap()
    }

    #[test]
    fn a_short_stream_table_looks_like_comfy_tables_markdown() {
        let mut c = Table::new();
        c.load_preset(ASCII_MARKDOWN);
        c.set_header(["id", "name"]);
        c.add_row(["1", "ann"]);
        c.add_row(["22", "bo"]);
        let ours = render(Frame::Markdown, 10, &[&["1", "ann"], &["22", "bo"]]);
        assert_eq!(ours, format!("{c}\n"));
    }

    #[test]
    fn a_short_stream_table_looks_like_comfy_tables_box() {
        let mut c = Table::new();
        c.load_preset(UTF8_FULL_CONDENSED);
        c.set_header(["id", "name"]);
        c.add_row(["1", "ann\nsecond line"]);
        c.add_row(["22", "bo"]);
        let ours = render(
            Frame::Boxed,
            10,
            &[&["1", "ann\nsecond line"], &["22", "bo"]],
        );
        assert_eq!(ours, format!("{c}\n"));
    }

    #[test]
    fn rows_after_the_held_ones_keep_the_widths_or_start_a_wider_table() {
        let text = render(
            Frame::Markdown,
            1,
            &[
                &["1", "ann"],
                &["2", "bob"],
                &["3", "christine"],
                &["4", "di"],
            ],
        );
        assert_eq!(
            text,
            "| id | name |\n|----|------|\n| 1  | ann  |\n| 2  | bob  |\n\n\
             | id | name      |\n|----|-----------|\n| 3  | christine |\n| 4  | di        |\n"
        );
    }

    #[test]
    fn an_empty_stream_table_prints_its_header() {
        assert_eq!(
            render(Frame::Markdown, 5, &[]),
            "| id | name |\n|----|------|\n"
        );
    }
}
