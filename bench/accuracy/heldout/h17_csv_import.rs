#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// CSV importer with per-row validation, batching inserts, and an error report.

#[derive(Debug, Clone, PartialEq)]
struct Customer {
    email: String,
    name: String,
    age: u8,
    country: [char; 2],
}

#[derive(Debug)]
struct RowError {
    line: usize,
    reason: String,
}

async fn read_upload(upload_id: u32) -> Result<String, String> {
    Ok("email,name,age,country\nann@x.io,Ann,34,NL\nbad-email,Bob,20,US\ncy@x.io,Cy,abc,DE\ndee@x.io,Dee,51,FR\n".to_string())
}

async fn db_insert_batch(rows: &[Customer]) -> Result<usize, String> {
    if rows.iter().any(|c| c.name.is_empty()) {
        return Err("constraint violation: name".into());
    }
    Ok(rows.len())
}

async fn email_exists(email: &str) -> bool {
    email.starts_with("dee")
}

fn parse_row(line: &str) -> Result<Customer, String> {
    let cols: Vec<&str> = line.split(',').map(|c| c.trim()).collect();
    if cols.len() != 4 {
        return Err(format!("expected 4 columns, got {}", cols.len()));
    }
    let email = cols[0];
    if !email.contains('@') {
        return Err(format!("invalid email '{}'", email));
    }
    let age: u8 = cols[2].parse().map_err(|_| format!("invalid age '{}'", cols[2]))?;
    let mut chars = cols[3].chars();
    let country = [chars.next().ok_or("empty country")?, chars.next().ok_or("short country")?];
    Ok(Customer { email: email.to_lowercase(), name: cols[1].to_string(), age, country })
}

async fn import(upload_id: u32, batch_size: usize) -> Result<(usize, Vec<RowError>), String> {
    let text = read_upload(upload_id).await?;
    let mut lines = text.lines().enumerate();
    let header = lines.next().map(|(_, h)| h).ok_or("empty file")?;
    assert!(header.starts_with("email"));

    let mut errors: Vec<RowError> = Vec::new();
    let mut batch: Vec<Customer> = Vec::with_capacity(batch_size);
    let mut inserted = 0usize;

    for (idx, line) in lines {
        let line_no = idx + 1;
        if line.trim().is_empty() {
            continue;
        }
        let customer = match parse_row(line) {
            Ok(c) if c.age < 18 => {
                errors.push(RowError { line: line_no, reason: "under 18".into() });
                continue;
            }
            Ok(c) => c,
            Err(reason) => {
                errors.push(RowError { line: line_no, reason });
                continue;
            }
        };
        if email_exists(&customer.email).await {
            errors.push(RowError { line: line_no, reason: format!("duplicate {}", customer.email) });
            continue;
        }
        batch.push(customer);
        if batch.len() == batch_size {
            inserted += db_insert_batch(&batch).await?;
            batch.clear();
        }
    }
    if !batch.is_empty() {
        inserted += db_insert_batch(&batch).await?;
    }
    Ok((inserted, errors))
}

async fn notify_uploader(upload_id: u32, summary: String) -> Result<(), String> {
    if summary.is_empty() { Err("nothing to say".into()) } else { Ok(()) }
}

pub async fn run_import() -> usize {
    let report = import(7, 2).await;
    let (n, errors) = match report {
        Ok(r) => r,
        Err(e) => {
            println!("import aborted: {}", e);
            return 0;
        }
    };
    for e in errors.iter() {
        println!("line {}: {}", e.line, e.reason);
    }
    assert_eq!(errors.len(), 3);
    let send = async |summary: String| notify_uploader(7, summary).await.is_ok();
    let ok = send(format!("imported {} rows, {} errors", n, errors.len())).await;
    if !ok {
        println!("could not notify uploader");
    }
    n
}
