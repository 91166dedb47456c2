//! Teaching snippets often do not compile (helpers are left undefined): the analysis still
//! finds every state, and says when it had to assume something.

use futurelens_analyzer::graph::StateId;
use futurelens_analyzer::{Options, Severity, analyze};

const SNIPPET: &str = r#"
async fn handle(id: u32) {
    let conn: Connection = connect(id).await;
    let rows = conn.query("select").await;
    log(rows.len());
}
"#;

#[test]
fn undefined_helpers_still_give_states() {
    let analysis = analyze(SNIPPET, &Options::default());
    let handle = analysis.select("handle")[0];
    let suspends = handle.states.iter().filter(|s| matches!(s.id, StateId::Suspend(_))).count();
    assert_eq!(suspends, 2);
    let suspend1 = handle.state(StateId::Suspend(1)).expect("Suspend1");
    assert!(suspend1.fields.iter().any(|f| f.name == "conn"), "conn is kept across the second await");
}

#[test]
fn an_assumed_drop_is_said() {
    let analysis = analyze(SNIPPET, &Options::default());
    let handle = analysis.select("handle")[0];
    let note = handle
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Note && d.message.contains("`conn`"))
        .expect("a note about conn");
    assert!(note.message.contains("assumed to need drop"), "{}", note.message);
    assert!(note.message.contains("`Connection` is not declared in this file"), "{}", note.message);
}
