#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

#[derive(Debug, Clone)]
struct Record {
    id: u32,
    raw: String,
}

#[derive(Debug)]
struct Parsed {
    id: u32,
    fields: Vec<String>,
}

#[derive(Debug)]
struct Enriched {
    id: u32,
    fields: Vec<String>,
    score: i64,
}

async fn read_chunk(id: u32) -> Vec<u8> {
    format!("{},a;b;c", id).into_bytes()
}

async fn lookup_score(field: &str) -> i64 {
    field.len() as i64 * 10
}

async fn write_out(e: &Enriched) -> Result<(), String> {
    if e.fields.is_empty() { Err(format!("empty record {}", e.id)) } else { Ok(()) }
}

async fn extract(ids: std::ops::Range<u32>) -> Vec<Record> {
    let mut out = Vec::new();
    for id in ids {
        let bytes = read_chunk(id).await;
        let raw = String::from_utf8_lossy(&bytes).to_string();
        out.push(Record { id, raw });
    }
    out
}

fn parse(rec: &Record) -> Option<Parsed> {
    let (_, rest) = rec.raw.split_once(',')?;
    let fields: Vec<String> = rest.split(';').map(|s| s.to_string()).collect();
    Some(Parsed { id: rec.id, fields })
}

async fn enrich(p: Parsed) -> Enriched {
    let mut score = 0i64;
    for f in &p.fields {
        score += lookup_score(f).await;
    }
    Enriched { id: p.id, fields: p.fields, score }
}

async fn run_pipeline(start: u32, end: u32) -> Result<i64, String> {
    let records = extract(start..end).await;
    let mut total: i64 = 0;
    let mut skipped = 0;
    for rec in records.iter() {
        let parsed = match parse(rec) {
            Some(p) => p,
            None => {
                skipped += 1;
                continue;
            }
        };
        let enriched = enrich(parsed).await;
        total += enriched.score;
        write_out(&enriched).await?;
    }
    let summary = async {
        let first = lookup_score("summary").await;
        first + skipped as i64
    };
    let extra = summary.await;
    Ok(total + extra)
}

async fn run_twice() -> i64 {
    let a = run_pipeline(0, 3).await.unwrap_or(0);
    let b = run_pipeline(3, 5).await.unwrap_or(-1);
    a + b + lookup_score("done").await
}
