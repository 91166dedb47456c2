//! Mermaid `stateDiagram-v2` of the state graph, for Markdown slides and docs. Several futures
//! become one composite state each (ids prefixed `f0_`, `f1_`, ...), so a file is always one
//! diagram. Text goes through Mermaid's entity codes (`#58;` for `:`, `#60;` for `<`, ...),
//! because its grammar ends a description at `:` or `;` and its sanitiser eats `<...>`.
//!
//! In: the analysis, the futures to draw and [`GraphOptions`]. Out: text such as
//!
//! ```text
//! stateDiagram-v2
//!     direction TB
//!     state "Suspend0" as Suspend0
//!     Suspend0 : line 26#58; try_send(attempts).await
//!     Suspend0 : attempts#58; u32
//!     [*] --> Unresumed
//!     Unresumed --> Suspend0 : first poll (lines 23-26)
//!     Suspend0 --> Suspend0 : Pending
//!     Returned --> [*]
//! ```

use std::fmt::Write;

use crate::analysis::{Analysis, FutureAnalysis};
use crate::graph::StateId;

use super::graph_view::{self, FutureView, GraphOptions, GraphTheme, Palette};

pub fn render(analysis: &Analysis, futures: &[&FutureAnalysis], options: &GraphOptions) -> String {
    let _ = analysis;
    let views: Vec<FutureView> = futures.iter().map(|f| graph_view::view(f, options)).collect();
    let mut out = String::from("stateDiagram-v2\n");
    let _ = writeln!(out, "    direction {}", options.rankdir.as_dot());
    match views.as_slice() {
        [one] => {
            let _ = writeln!(out, "    %% {} ({})", one.name, one.caption);
            future(&mut out, one, "", "    ");
        }
        _ => {
            for (i, v) in views.iter().enumerate() {
                let _ = writeln!(out, "    state \"{}\" as f{i} {{", text(&format!("{} ({})", v.name, v.caption)));
                future(&mut out, v, &format!("f{i}_"), "        ");
                out.push_str("    }\n");
            }
        }
    }
    classes(&mut out, &views, options);
    out
}

fn future(out: &mut String, v: &FutureView, prefix: &str, indent: &str) {
    for n in &v.nodes {
        let id = format!("{prefix}{}", n.id.name());
        let _ = writeln!(out, "{indent}state \"{}\" as {id}", text(&n.title));
        for line in n.lines().iter().skip(1) {
            let _ = writeln!(out, "{indent}{id} : {}", text(line));
        }
    }
    let _ = writeln!(out, "{indent}[*] --> {prefix}Unresumed");
    for e in &v.edges {
        let _ =
            writeln!(out, "{indent}{prefix}{} --> {prefix}{} : {}", e.from.name(), e.to.name(), text(&e.one_line()));
    }
    if v.nodes.iter().any(|n| n.id == StateId::Returned) {
        let _ = writeln!(out, "{indent}{prefix}Returned --> [*]");
    }
}

/// Colours, as Mermaid classes (none for the mono theme: the host's theme decides).
fn classes(out: &mut String, views: &[FutureView], options: &GraphOptions) {
    if options.theme == GraphTheme::Mono {
        return;
    }
    let p = Palette::of(options.theme);
    let kinds = [
        ("unresumed", StateId::Unresumed),
        ("suspend", StateId::Suspend(0)),
        ("returned", StateId::Returned),
        ("panicked", StateId::Panicked),
    ];
    for (class, id) in kinds {
        let _ = writeln!(out, "    classDef {class} fill:{},stroke:{},color:{}", p.fill(id), p.border, p.text);
    }
    for (class, id) in kinds {
        let mut members = Vec::new();
        for (i, v) in views.iter().enumerate() {
            let prefix = if views.len() == 1 { String::new() } else { format!("f{i}_") };
            for n in &v.nodes {
                if std::mem::discriminant(&n.id) == std::mem::discriminant(&id) {
                    members.push(format!("{prefix}{}", n.id.name()));
                }
            }
        }
        if !members.is_empty() {
            let _ = writeln!(out, "    class {} {class}", members.join(","));
        }
    }
}

/// Text safe anywhere in a Mermaid state diagram: on one line, with the characters its grammar
/// or its HTML sanitiser would take as syntax written as entity codes.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '#' => out.push_str("#35;"),
            ':' => out.push_str("#58;"),
            ';' => out.push_str("#59;"),
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#60;"),
            '>' => out.push_str("#62;"),
            '&' => out.push_str("#38;"),
            '{' => out.push_str("#123;"),
            '}' => out.push_str("#125;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_codes() {
        assert_eq!(text("a: Vec<u8>; #x \"q\" {b}"), "a#58; Vec#60;u8#62;#59; #35;x #quot;q#quot; #123;b#125;");
    }
}
