use super::*;
use serde_json::json;

fn render(t: &str, v: Value) -> String {
    Template::parse(t).unwrap().render(&v).unwrap()
}

#[test]
fn fields_and_go_printing() {
    let v = json!({"A": {"B": "x"}, "N": 3, "F": 1.5, "Big": 1000000.5, "L": ["a", "b"], "M": {"z": 1, "a": 2}, "Nil": null, "T": true});
    assert_eq!(
        render("{{.A.B}} {{.N}} {{.F}} {{.T}}", v.clone()),
        "x 3 1.5 true"
    );
    assert_eq!(
        render("{{.L}} {{.M}} {{.Nil}}", v.clone()),
        "[a b] map[a:2 z:1] <no value>"
    );
    assert_eq!(render("{{json .A}}", v.clone()), r#"{"B":"x"}"#);
    assert_eq!(render("{{.A | json}}", v.clone()), r#"{"B":"x"}"#);
    assert_eq!(render("{{.Big}}", v.clone()), "1.0000005e+06");
    let err = Template::parse("{{.Missing}}")
        .unwrap()
        .render(&v)
        .unwrap_err()
        .to_string();
    assert!(err.contains("can't evaluate field Missing"), "{err}");
}

#[test]
fn control_flow_and_variables() {
    let v = json!({"L": [1, 2, 3], "M": {"b": "2", "a": "1"}, "S": "running", "E": []});
    assert_eq!(render("{{range .L}}<{{.}}>{{end}}", v.clone()), "<1><2><3>");
    assert_eq!(
        render("{{range $i, $x := .L}}{{$i}}={{$x}} {{end}}", v.clone()),
        "0=1 1=2 2=3 "
    );
    assert_eq!(
        render("{{range $k, $v := .M}}{{$k}}:{{$v}},{{end}}", v.clone()),
        "a:1,b:2,"
    );
    assert_eq!(
        render("{{range .E}}x{{else}}empty{{end}}", v.clone()),
        "empty"
    );
    assert_eq!(
        render(
            r#"{{if eq .S "exited"}}E{{else if eq .S "running"}}R{{else}}?{{end}}"#,
            v.clone()
        ),
        "R"
    );
    assert_eq!(
        render(
            "{{with .M}}{{.a}}{{end}}{{with .E}}no{{else}}none{{end}}",
            v.clone()
        ),
        "1none"
    );
    assert_eq!(
        render("{{$s := .S}}{{$s}}/{{$.S}}", v.clone()),
        "running/running"
    );
    assert_eq!(render("a  {{- .S -}}  b", v.clone()), "arunningb");
    assert_eq!(render("{{/* comment */}}ok", v), "ok");
}

#[test]
fn functions() {
    let v = json!({"Labels": {"com.x": "y"}, "L": ["a", "b"], "N": 5, "S": "Hello world"});
    assert_eq!(render(r#"{{index .Labels "com.x"}}"#, v.clone()), "y");
    assert_eq!(
        render(r#"{{index .L 1}} {{len .L}} {{join .L ","}}"#, v.clone()),
        "b 2 a,b"
    );
    assert_eq!(
        render(r#"{{upper .S}} {{lower .S}} {{title "a b"}}"#, v.clone()),
        "HELLO WORLD hello world A B"
    );
    assert_eq!(
        render(
            r#"{{truncate .S 5}}|{{printf "%-6s|%3d|%q" "ab" .N "x"}}"#,
            v.clone()
        ),
        r#"Hello|ab    |  5|"x""#
    );
    assert_eq!(
        render(
            r#"{{if and (gt .N 3) (lt .N 9)}}in{{end}}{{if not .Missing}}{{end}}"#,
            json!({"N": 5, "Missing": null})
        ),
        "in"
    );
    assert_eq!(
        render(r#"{{split "a:b" ":"}}{{println "x" 1}}"#, v),
        "[a b]x 1\n"
    );
}

#[test]
fn parse_errors_say_where() {
    for bad in [
        "{{.A",
        "{{if .A}}x",
        "{{end}}",
        "{{.A | }}",
        r#"{{"open}}"#,
        "{{)}}",
    ] {
        assert!(Template::parse(bad).is_err(), "{bad}");
    }
    assert!(
        Template::parse("{{nosuch .A}}")
            .unwrap()
            .render(&json!({"A": 1}))
            .is_err()
    );
}

#[test]
fn table_fields() {
    let t = Template::parse("{{.ID}}\t{{.Names}}").unwrap();
    assert_eq!(t.top_fields(), ["ID", "Names"]);
}
