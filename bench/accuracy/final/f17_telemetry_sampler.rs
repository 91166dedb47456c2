#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Telemetry sampler: collects spans, applies head-based and tail-based
// sampling, and exports kept spans in batches.

#[derive(Debug, Clone)]
pub struct Span {
    pub trace_id: u64,
    pub name: String,
    pub duration_us: u64,
    pub error: bool,
}

pub struct Sampler {
    pub rate_per_mille: u64,
    pub slow_threshold_us: u64,
    pub kept: Vec<Span>,
    pub dropped: u64,
}

async fn collect(batch_no: u32) -> Vec<Span> {
    (0..5u64)
        .map(|i| Span {
            trace_id: batch_no as u64 * 100 + i,
            name: format!("GET /item/{}", i),
            duration_us: 1_000 * (i + 1) * (batch_no as u64 + 1),
            error: i == 3,
        })
        .collect()
}

async fn export(spans: &[Span]) -> Result<usize, String> {
    if spans.len() > 1000 {
        return Err("payload too large".into());
    }
    Ok(spans.len())
}

impl Sampler {
    fn head_keep(&self, trace_id: u64) -> bool {
        trace_id.wrapping_mul(0x9E37_79B9_7F4A_7C15) % 1000 < self.rate_per_mille
    }

    pub async fn offer(&mut self, spans: Vec<Span>) -> usize {
        let mut kept_now = 0;
        for span in spans {
            let interesting = span.error || span.duration_us > self.slow_threshold_us;
            if interesting || self.head_keep(span.trace_id) {
                self.kept.push(span);
                kept_now += 1;
            } else {
                self.dropped += 1;
            }
        }
        kept_now
    }

    pub async fn flush(&mut self, max_batch: usize) -> Result<usize, String> {
        let mut exported = 0;
        while !self.kept.is_empty() {
            let n = max_batch.min(self.kept.len());
            let batch: Vec<Span> = self.kept.drain(..n).collect();
            exported += export(&batch).await?;
        }
        Ok(exported)
    }
}

pub async fn run(batches: u32) -> (usize, u64) {
    let mut sampler = Sampler { rate_per_mille: 100, slow_threshold_us: 8_000, kept: Vec::new(), dropped: 0 };
    let mut exported = 0;
    let mut batch_no = 0;
    loop {
        if batch_no == batches {
            break;
        }
        let kept = sampler.offer(collect(batch_no).await).await;
        batch_no += 1;
        if kept == 0 {
            continue;
        }
        if sampler.kept.len() >= 8 {
            exported += match sampler.flush(4).await {
                Ok(n) => n,
                Err(e) => {
                    println!("export failed: {}", e);
                    0
                }
            };
        }
    }
    exported += sampler.flush(100).await.unwrap_or(0);
    (exported, sampler.dropped)
}

pub async fn error_rate(batches: u32) -> f64 {
    let mut errors = 0u32;
    let mut total = 0u32;
    for b in 0..batches {
        let spans = collect(b).await;
        total += spans.len() as u32;
        errors += spans.iter().filter(|s| s.error).count() as u32;
    }
    let ratio = async move {
        if total == 0 { 0.0 } else { errors as f64 / total as f64 }
    };
    ratio.await * 100.0
}
