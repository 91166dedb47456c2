#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

use std::collections::HashMap;

#[derive(Debug, Clone, Copy)]
struct Sample {
    value: f64,
    ts: u64,
}

#[derive(Debug, Default)]
struct Summary {
    count: usize,
    min: f64,
    max: f64,
    mean: f64,
    p99: f64,
}

async fn scrape(target: &str) -> Result<Vec<(String, f64)>, String> {
    if target.is_empty() {
        return Err("no target".into());
    }
    Ok(vec![("cpu".to_string(), 0.5), ("mem".to_string(), 1024.0), (format!("{}_up", target), 1.0)])
}

async fn now_secs() -> u64 {
    1_700_000_000
}

async fn push_summary(name: &str, s: &Summary) -> bool {
    s.count > 0 && !name.is_empty()
}

fn summarize(samples: &[Sample]) -> Option<Summary> {
    if samples.is_empty() {
        return None;
    }
    let mut values: Vec<f64> = samples.iter().map(|s| s.value).collect();
    values.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let sum: f64 = values.iter().sum();
    let idx = ((values.len() as f64) * 0.99) as usize;
    Some(Summary {
        count: values.len(),
        min: values[0],
        max: *values.last()?,
        mean: sum / values.len() as f64,
        p99: values[idx.min(values.len() - 1)],
    })
}

struct Aggregator {
    series: HashMap<String, Vec<Sample>>,
    targets: Vec<String>,
}

impl Aggregator {
    async fn collect_round(&mut self) -> usize {
        let mut added = 0;
        for target in self.targets.clone() {
            let metrics = match scrape(&target).await {
                Ok(m) => m,
                Err(e) => {
                    println!("scrape {} failed: {}", target, e);
                    continue;
                }
            };
            let ts = now_secs().await;
            for (name, value) in metrics {
                self.series.entry(name).or_default().push(Sample { value, ts });
                added += 1;
            }
        }
        added
    }

    async fn flush(&mut self) -> u32 {
        let mut pushed = 0;
        let names: Vec<String> = self.series.keys().cloned().collect();
        for name in &names {
            let samples = self.series.remove(name).unwrap_or_default();
            if let Some(summary) = summarize(&samples) {
                if push_summary(name, &summary).await {
                    pushed += 1;
                }
            }
        }
        pushed
    }
}

async fn run_aggregator(rounds: u8) -> u32 {
    let mut agg = Aggregator { series: HashMap::new(), targets: vec!["web".into(), "".into(), "db".into()] };
    let mut total = 0u32;
    for r in 0..rounds {
        let n = agg.collect_round().await;
        if r % 2 == 1 {
            total += agg.flush().await;
        }
    }
    total + agg.flush().await
}
