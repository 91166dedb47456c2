#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Invoice PDF batcher (bytes only): renders invoices to byte buffers,
// packs them into size-limited batches and uploads each batch.

#[derive(Debug, Clone)]
pub struct LineItem {
    pub description: String,
    pub qty: u32,
    pub unit_cents: u64,
}

#[derive(Debug, Clone)]
pub struct Invoice {
    pub number: String,
    pub customer: String,
    pub items: Vec<LineItem>,
}

pub struct Batch {
    pub id: u32,
    pub bytes: Vec<u8>,
    pub count: usize,
}

async fn load_invoice(number: u32) -> Result<Invoice, String> {
    if number % 17 == 0 {
        return Err(format!("invoice {} locked", number));
    }
    Ok(Invoice {
        number: format!("INV-{:05}", number),
        customer: format!("cust-{}", number % 7),
        items: vec![LineItem { description: "Consulting".into(), qty: number % 5 + 1, unit_cents: 12_000 }],
    })
}

async fn render_pdf(inv: &Invoice) -> Vec<u8> {
    let mut out: Vec<u8> = b"%PDF-1.4\n".to_vec();
    let total: u64 = inv.items.iter().map(|i| i.qty as u64 * i.unit_cents).sum();
    out.extend_from_slice(format!("{} {} {}\n", inv.number, inv.customer, total).as_bytes());
    for item in &inv.items {
        out.extend_from_slice(item.description.as_bytes());
        out.push(b'\n');
    }
    out.extend_from_slice(b"%%EOF");
    out
}

async fn upload(batch: &Batch) -> Result<String, String> {
    if batch.bytes.is_empty() {
        return Err("empty batch".into());
    }
    Ok(format!("s3://invoices/batch-{}.bin", batch.id))
}

impl Batch {
    pub async fn seal(mut self) -> Result<(String, usize), String> {
        let header = format!("BATCH {} {}\n", self.id, self.count);
        let mut sealed = header.into_bytes();
        sealed.append(&mut self.bytes);
        self.bytes = sealed;
        let url = upload(&self).await?;
        Ok((url, self.count))
    }
}

pub async fn run(numbers: Vec<u32>, max_bytes: usize) -> (Vec<String>, Vec<String>) {
    let mut uploaded = Vec::new();
    let mut errors = Vec::new();
    let mut batch = Batch { id: 1, bytes: Vec::new(), count: 0 };
    for n in numbers {
        let inv = match load_invoice(n).await {
            Ok(inv) => inv,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let pdf = render_pdf(&inv).await;
        if batch.bytes.len() + pdf.len() > max_bytes && batch.count > 0 {
            let next_id = batch.id + 1;
            let full = std::mem::replace(&mut batch, Batch { id: next_id, bytes: Vec::new(), count: 0 });
            match full.seal().await {
                Ok((url, _)) => uploaded.push(url),
                Err(e) => errors.push(e),
            }
        }
        batch.bytes.extend(pdf);
        batch.count += 1;
    }
    if batch.count > 0 {
        match batch.seal().await {
            Ok((url, count)) => uploaded.push(format!("{} ({} invoices)", url, count)),
            Err(e) => errors.push(e),
        }
    }
    (uploaded, errors)
}

pub async fn preview_size(number: u32) -> Option<usize> {
    let inv = load_invoice(number).await.ok()?;
    let size = {
        let pdf = render_pdf(&inv).await;
        pdf.len()
    };
    Some(size + render_pdf(&inv).await.len() / 2)
}
