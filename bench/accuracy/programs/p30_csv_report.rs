#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

use std::collections::HashMap;

#[derive(Debug, Clone)]
struct Sale {
    region: String,
    product: String,
    units: u32,
    price_cents: u64,
}

async fn read_chunk(id: u32) -> Vec<u8> {
    match id {
        0 => b"region,product,units,price\nnorth,widget,3,1999\n".to_vec(),
        1 => b"south,gadget,1,4999\nnorth,gadget,2,4999\n".to_vec(),
        2 => b"east,widget,x,1999\n".to_vec(),
        _ => Vec::new(),
    }
}

async fn upload_report(name: &str, body: String) -> Result<u64, String> {
    Ok(body.len() as u64)
}

fn parse_sale(line: &str) -> Result<Sale, String> {
    let f: Vec<&str> = line.split(',').map(str::trim).collect();
    let [region, product, units, price] = f.as_slice() else {
        return Err(format!("wrong field count in {:?}", line));
    };
    Ok(Sale {
        region: region.to_string(),
        product: product.to_string(),
        units: units.parse().map_err(|e| format!("units: {}", e))?,
        price_cents: price.parse().map_err(|e| format!("price: {}", e))?,
    })
}

async fn load_sales() -> (Vec<Sale>, Vec<String>) {
    let mut carry = String::new();
    let mut sales = Vec::new();
    let mut errors = Vec::new();
    let mut header_seen = false;
    for chunk_id in 0.. {
        let bytes = read_chunk(chunk_id).await;
        if bytes.is_empty() {
            break;
        }
        carry.push_str(&String::from_utf8_lossy(&bytes));
        while let Some(pos) = carry.find('\n') {
            let line: String = carry.drain(..=pos).collect();
            let line = line.trim_end();
            if !header_seen {
                header_seen = true;
                continue;
            }
            match parse_sale(line) {
                Ok(s) => sales.push(s),
                Err(e) => errors.push(e),
            }
        }
    }
    (sales, errors)
}

async fn build_report() -> Result<u64, String> {
    let (sales, errors) = load_sales().await;
    let mut by_region: HashMap<&str, (u32, u64)> = HashMap::new();
    for s in &sales {
        let e = by_region.entry(s.region.as_str()).or_insert((0, 0));
        e.0 += s.units;
        e.1 += s.units as u64 * s.price_cents;
    }
    let mut regions: Vec<_> = by_region.iter().collect();
    regions.sort_by_key(|(r, _)| *r);
    let mut out = String::from("region,units,revenue\n");
    for (region, (units, revenue)) in regions {
        out += &format!("{},{},{}.{:02}\n", region, units, revenue / 100, revenue % 100);
    }
    let mut uploads = 0u32;
    let upload_named = async |name: &str, body: String| -> Result<u64, String> {
        let n = upload_report(name, body).await?;
        Ok(n + 1)
    };
    let written = upload_named("sales.csv", out).await?;
    uploads += 1;
    if !errors.is_empty() {
        let err_body = errors.join("\n");
        let extra = upload_named("errors.txt", err_body).await?;
        return Ok(written + extra + upload_report("count.txt", uploads.to_string()).await?);
    }
    Ok(written)
}
