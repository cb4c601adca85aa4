//! docker's tables: Go's tabwriter with minwidth 10, padding 3, spaces. Every cell but the
//! last of a line is padded to its column's width.

pub struct Table {
    rows: Vec<Vec<String>>,
}

const MIN_WIDTH: usize = 10;
const PADDING: usize = 3;

impl Table {
    pub fn new(headers: Vec<String>) -> Table {
        Table {
            rows: vec![headers],
        }
    }

    /// A table without a header row.
    pub fn headless() -> Table {
        Table { rows: Vec::new() }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn render(&self) -> String {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0usize; columns];
        for row in &self.rows {
            // The last cell of a line is not part of a column.
            for (i, cell) in row.iter().enumerate().take(row.len().saturating_sub(1)) {
                widths[i] = widths[i].max((cell.chars().count() + PADDING).max(MIN_WIDTH));
            }
        }
        let mut out = String::new();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate() {
                out.push_str(cell);
                if i + 1 < row.len() {
                    out.push_str(&" ".repeat(widths[i] - cell.chars().count()));
                }
            }
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_like_docker_ps() {
        let mut t = Table::new(vec!["CONTAINER ID".into(), "IMAGE".into(), "NAMES".into()]);
        t.row(vec!["3f2a1b4c5d6e".into(), "busybox".into(), "web".into()]);
        assert_eq!(
            t.render(),
            "CONTAINER ID   IMAGE     NAMES\n3f2a1b4c5d6e   busybox   web\n"
        );
    }
}
