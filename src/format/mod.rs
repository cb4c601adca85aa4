//! Output formatting for the command line: tables, the Go-template subset of `--format`, JSON.

pub mod funcs;
pub mod gofmt;
pub mod table;
pub mod template;
pub mod units;

use serde_json::Value;

use table::Table;
use template::{Template, TemplateError};

#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    #[error("invalid --format: {0}")]
    Template(#[from] TemplateError),
    #[error("invalid time {0:?}: expected RFC 3339, a date, unix seconds, or a duration like 10m")]
    Time(String),
}

/// A default table column: the row field it shows and its header.
pub struct Column {
    pub field: &'static str,
    pub header: &'static str,
}

impl Column {
    pub const fn new(field: &'static str, header: &'static str) -> Column {
        Column { field, header }
    }
}

/// docker turns the two characters `\t` and `\n` of a format given on the command line into a
/// tab and a newline.
fn unescape(format: &str) -> String {
    format.replace("\\t", "\t").replace("\\n", "\n")
}

/// The header of a `table` template column: the default column's header for a known field,
/// else the field name upper-cased, as docker does.
fn header_for(field: &str, columns: &[Column]) -> String {
    columns
        .iter()
        .find(|c| c.field == field)
        .map_or_else(|| field.to_uppercase(), |c| c.header.to_string())
}

/// Renders rows for a list command: the default table, `table TEMPLATE`, `json`, or a
/// template applied to each row.
pub fn render_rows(
    format: Option<&str>,
    rows: &[Value],
    columns: &[Column],
) -> Result<String, FormatError> {
    let format = format.map(unescape);
    match format.as_deref().map(str::trim) {
        None | Some("") | Some("table") => {
            let mut t = Table::new(columns.iter().map(|c| c.header.to_string()).collect());
            for row in rows {
                t.row(
                    columns
                        .iter()
                        .map(|c| gofmt::print(&row[c.field]))
                        .collect(),
                );
            }
            Ok(t.render())
        }
        Some("json") => Ok(format!("{}\n", json_pretty(rows))),
        Some(f) => match f.strip_prefix("table") {
            Some(rest) if rest.starts_with(char::is_whitespace) => {
                let tmpl = Template::parse(rest.trim_start())?;
                let headers: Vec<String> = tmpl
                    .top_fields()
                    .iter()
                    .map(|f| header_for(f, columns))
                    .collect();
                let mut t = Table::new(headers);
                for row in rows {
                    t.row(tmpl.render(row)?.split('\t').map(str::to_string).collect());
                }
                Ok(t.render())
            }
            _ => {
                let tmpl = Template::parse(format.as_deref().unwrap_or_default())?;
                let mut out = String::new();
                for row in rows {
                    out.push_str(&tmpl.render(row)?);
                    out.push('\n');
                }
                Ok(out)
            }
        },
    }
}

/// Renders documents for `inspect`: a JSON array by default (or with `json`), else the
/// template once per document.
pub fn render_documents(format: Option<&str>, docs: &[Value]) -> Result<String, FormatError> {
    match format.map(unescape).as_deref() {
        None | Some("") | Some("json") => Ok(format!("{}\n", json_pretty(docs))),
        Some(f) => {
            let tmpl = Template::parse(f)?;
            let mut out = String::new();
            for doc in docs {
                out.push_str(&tmpl.render(doc)?);
                out.push('\n');
            }
            Ok(out)
        }
    }
}

/// JSON indented by four spaces, as podman prints it.
pub fn json_pretty<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let mut buf = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut buf,
        serde_json::ser::PrettyFormatter::with_indent(b"    "),
    );
    value.serialize(&mut ser).expect("values serialise");
    String::from_utf8(buf).expect("JSON is UTF-8")
}

/// [`render_rows`] for a list command with `--noheading`: a table without its header row (a
/// template has none to drop).
pub fn render_list(
    format: Option<&str>,
    rows: &[Value],
    columns: &[Column],
    noheading: bool,
) -> Result<String, FormatError> {
    render_rows(format, rows, columns).map(|text| without_heading(text, format, noheading))
}

fn without_heading(text: String, format: Option<&str>, noheading: bool) -> String {
    let table = format.is_none_or(|f| f.trim().starts_with("table"));
    match noheading && table {
        true => text
            .split_once('\n')
            .map_or("", |(_, rest)| rest)
            .to_string(),
        false => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const COLUMNS: [Column; 2] = [
        Column::new("ID", "CONTAINER ID"),
        Column::new("Names", "NAMES"),
    ];

    #[test]
    fn default_table_template_table_and_plain_template() {
        let rows = [json!({"ID": "3f2a1b4c5d6e", "Names": "web", "Image": "busybox"})];
        assert_eq!(
            render_rows(None, &rows, &COLUMNS).unwrap(),
            "CONTAINER ID   NAMES\n3f2a1b4c5d6e   web\n"
        );
        assert_eq!(
            render_rows(Some("table {{.Names}}\\t{{.Image}}"), &rows, &COLUMNS).unwrap(),
            "NAMES     IMAGE\nweb       busybox\n"
        );
        assert_eq!(
            render_rows(Some("{{.Names}}:{{.ID}}"), &rows, &COLUMNS).unwrap(),
            "web:3f2a1b4c5d6e\n"
        );
        assert!(
            render_rows(Some("json"), &rows, &COLUMNS)
                .unwrap()
                .starts_with("[\n    {")
        );
        assert!(render_rows(Some("{{.Nope}}"), &rows, &COLUMNS).is_err());
    }

    #[test]
    fn documents() {
        let docs = [json!({"State": {"Status": "running"}})];
        assert_eq!(
            render_documents(Some("{{.State.Status}}"), &docs).unwrap(),
            "running\n"
        );
        assert!(
            render_documents(None, &docs)
                .unwrap()
                .contains("\"Status\": \"running\"")
        );
    }
}
