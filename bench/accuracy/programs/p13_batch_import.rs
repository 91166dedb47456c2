#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

#[derive(Debug, Clone)]
struct Row {
    email: String,
    age: u8,
    country: [char; 2],
}

#[derive(Debug, Default)]
struct ImportReport {
    inserted: usize,
    rejected: Vec<(usize, String)>,
    batches: u32,
}

async fn read_csv_page(page: u32) -> Vec<String> {
    if page > 2 {
        return Vec::new();
    }
    (0..4).map(|i| format!("user{}{}@example.com,{},US", page, i, 20 + i)).collect()
}

async fn insert_batch(rows: &[Row]) -> Result<usize, String> {
    if rows.len() > 100 { Err("batch too large".into()) } else { Ok(rows.len()) }
}

async fn email_exists(email: &str) -> bool {
    email.starts_with("user00")
}

fn parse_row(line: &str) -> Result<Row, String> {
    let cols: Vec<&str> = line.split(',').collect();
    if cols.len() != 3 {
        return Err(format!("expected 3 columns, got {}", cols.len()));
    }
    let age: u8 = cols[1].parse().map_err(|_| "bad age".to_string())?;
    let mut chars = cols[2].chars();
    let country = [chars.next().ok_or("short country")?, chars.next().ok_or("short country")?];
    Ok(Row { email: cols[0].to_string(), age, country })
}

async fn validate(row: Row) -> Result<Row, String> {
    if !row.email.contains('@') {
        return Err("invalid email".to_string());
    }
    if email_exists(&row.email).await {
        return Err(format!("duplicate {}", row.email));
    }
    Ok(row)
}

async fn import_all(batch_size: usize) -> ImportReport {
    let mut report = ImportReport::default();
    let mut pending: Vec<Row> = Vec::with_capacity(batch_size);
    let mut line_no = 0usize;
    let mut page = 0u32;
    'pages: loop {
        let lines = read_csv_page(page).await;
        if lines.is_empty() {
            break 'pages;
        }
        page += 1;
        for line in lines {
            line_no += 1;
            let row = match parse_row(&line) {
                Ok(r) => r,
                Err(e) => {
                    report.rejected.push((line_no, e));
                    continue;
                }
            };
            match validate(row).await {
                Ok(r) => pending.push(r),
                Err(e) => report.rejected.push((line_no, e)),
            }
            if pending.len() >= batch_size {
                report.inserted += insert_batch(&pending).await.unwrap_or(0);
                report.batches += 1;
                pending.clear();
            }
        }
    }
    let flush = async |rows: Vec<Row>| -> usize {
        if rows.is_empty() {
            return 0;
        }
        insert_batch(&rows).await.unwrap_or(0)
    };
    let last = std::mem::take(&mut pending);
    if !last.is_empty() {
        report.batches += 1;
    }
    report.inserted += flush(last).await;
    report
}
