#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Metrics exporter: counters, gauges and histograms rendered in a Prometheus-like text format.

use std::collections::HashMap;

#[derive(Debug, Clone)]
enum Metric {
    Counter(u64),
    Gauge(f64),
    Histogram { buckets: Vec<(f64, u64)>, sum: f64, count: u64 },
}

#[derive(Default)]
struct Registry {
    metrics: HashMap<String, (String, Metric)>,
}

impl Registry {
    fn inc(&mut self, name: &str, by: u64) {
        let entry = self.metrics.entry(name.to_string()).or_insert((String::new(), Metric::Counter(0)));
        if let Metric::Counter(c) = &mut entry.1 {
            *c += by;
        }
    }

    fn observe(&mut self, name: &str, v: f64) {
        let bounds = [0.005, 0.05, 0.5, 5.0];
        let entry = self.metrics.entry(name.to_string()).or_insert_with(|| {
            (String::from("latency"), Metric::Histogram { buckets: bounds.iter().map(|b| (*b, 0)).collect(), sum: 0.0, count: 0 })
        });
        if let Metric::Histogram { buckets, sum, count } = &mut entry.1 {
            for (le, n) in buckets.iter_mut() {
                if v <= *le {
                    *n += 1;
                }
            }
            *sum += v;
            *count += 1;
        }
    }

    fn render(&self) -> String {
        let mut names: Vec<&String> = self.metrics.keys().collect();
        names.sort();
        let mut out = String::new();
        for name in names {
            let (help, metric) = &self.metrics[name];
            if !help.is_empty() {
                out += &format!("# HELP {} {}\n", name, help);
            }
            match metric {
                Metric::Counter(c) => out += &format!("{} {}\n", name, c),
                Metric::Gauge(g) => out += &format!("{} {:.3}\n", name, g),
                Metric::Histogram { buckets, sum, count } => {
                    for (le, n) in buckets {
                        out += &format!("{}_bucket{{le=\"{}\"}} {}\n", name, le, n);
                    }
                    out += &format!("{}_sum {}\n{}_count {}\n", name, sum, name, count);
                }
            }
        }
        out
    }
}

async fn read_proc_stat() -> Result<(f64, u64), String> {
    Ok((0.42, 512 * 1024 * 1024))
}

async fn http_reply(status: u16, body: String) -> usize {
    body.len()
}

async fn collect_system(reg: &mut Registry) -> Result<(), String> {
    let (cpu, rss) = read_proc_stat().await?;
    reg.metrics.insert("process_cpu_ratio".into(), ("CPU usage".into(), Metric::Gauge(cpu)));
    reg.metrics.insert("process_rss_bytes".into(), (String::new(), Metric::Gauge(rss as f64)));
    Ok(())
}

async fn scrape_handler(path: &str, reg: &mut Registry) -> usize {
    if path != "/metrics" {
        return http_reply(404, "not found".into()).await;
    }
    reg.inc("scrapes_total", 1);
    let status = match collect_system(reg).await {
        Ok(()) => 200,
        Err(e) => {
            reg.inc("scrape_errors_total", 1);
            500
        }
    };
    http_reply(status, reg.render()).await
}

pub async fn simulate_traffic() -> usize {
    let mut reg = Registry::default();
    let latencies: [f64; 6] = [0.001, 0.02, 0.3, 0.04, 7.5, 0.002];
    for (i, l) in latencies.iter().enumerate() {
        reg.observe("http_request_seconds", *l);
        reg.inc("http_requests_total", 1 + (i as u64 % 2));
    }
    let first = scrape_handler("/metrics", &mut reg).await;
    let missing = scrape_handler("/favicon.ico", &mut reg).await;
    let push_gateway = async |r: &Registry, job: &str| -> usize {
        let body = format!("# job={}\n{}", job, r.render());
        http_reply(200, body).await
    };
    first + missing + push_gateway(&reg, "batch").await
}
