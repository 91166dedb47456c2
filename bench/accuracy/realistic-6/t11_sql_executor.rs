#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Volcano-style SQL-ish executor: async pull-based Scan/Filter/Project/Limit operators plus hash aggregation over Vec rows.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(v) => return v,
            Poll::Pending => {}
        }
    }
}

struct Yield { left: u32 }
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 { Poll::Ready(()) } else { self.left -= 1; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

#[derive(Debug, Clone, PartialEq, PartialOrd)]
enum Value { Int(i64), Text(String), Null }

type Row = Vec<Value>;

trait Operator {
    async fn next(&mut self) -> Option<Row>;
    fn columns(&self) -> Vec<String>;
    async fn collect_all(&mut self) -> Vec<Row> {
        let mut out = Vec::new();
        while let Some(r) = self.next().await { out.push(r); }
        out
    }
}

struct Scan<'a, const PAGE: usize> { table: &'a [Row], cols: Vec<String>, pos: usize, pages_read: usize }
impl<'a, const PAGE: usize> Operator for Scan<'a, PAGE> {
    async fn next(&mut self) -> Option<Row> {
        if self.pos % PAGE == 0 && self.pos < self.table.len() {
            self.pages_read += 1;
            Yield { left: 2 }.await; // page fault
        }
        let row = self.table.get(self.pos).cloned();
        self.pos += 1;
        row
    }
    fn columns(&self) -> Vec<String> { self.cols.clone() }
}

struct Filter<O, P> { input: O, pred: P }
impl<O: Operator, P: Fn(&Row) -> bool> Operator for Filter<O, P> {
    async fn next(&mut self) -> Option<Row> {
        loop {
            let row = self.input.next().await?;
            if (self.pred)(&row) { return Some(row); }
        }
    }
    fn columns(&self) -> Vec<String> { self.input.columns() }
}

struct Project<O> { input: O, idx: Vec<usize> }
impl<O: Operator> Operator for Project<O> {
    async fn next(&mut self) -> Option<Row> {
        let row = self.input.next().await?;
        Some(self.idx.iter().map(|&i| row[i].clone()).collect())
    }
    fn columns(&self) -> Vec<String> {
        let cols = self.input.columns();
        self.idx.iter().map(|&i| cols[i].clone()).collect()
    }
}

struct Limit<O> { input: O, remaining: usize }
impl<O: Operator> Operator for Limit<O> {
    async fn next(&mut self) -> Option<Row> {
        if self.remaining == 0 { return None; }
        self.remaining -= 1;
        self.input.next().await
    }
    fn columns(&self) -> Vec<String> { self.input.columns() }
}

async fn group_sum<O: Operator>(mut input: O, key: usize, val: usize) -> BTreeMap<String, (i64, usize)> {
    let mut groups = BTreeMap::new();
    while let Some(row) = input.next().await {
        let k = match &row[key] { Value::Text(s) => s.clone(), Value::Int(i) => i.to_string(), Value::Null => "NULL".into() };
        let e = groups.entry(k).or_insert((0i64, 0usize));
        if let Value::Int(v) = row[val] { e.0 += v; }
        e.1 += 1;
    }
    groups
}

fn col(cols: &[&str], name: &str) -> usize { cols.iter().position(|c| *c == name).expect("column") }

fn render<O: Operator>(op: &O, rows: &[Row]) -> String {
    let header = op.columns().join(" | ");
    let body: Vec<String> = rows.iter().map(|r| r.iter().map(|v| match v {
        Value::Int(i) => i.to_string(), Value::Text(s) => s.clone(), Value::Null => "∅".into(),
    }).collect::<Vec<_>>().join(" | ")).collect();
    format!("{header}\n{}", body.join("\n"))
}

fn main() {
    let cols = ["id", "region", "product", "qty", "price"];
    let csv = "1,eu,widget,3,250\n2,us,gadget,1,999\n3,eu,gadget,2,999\n4,apac,widget,10,240\n5,us,widget,,250\n6,eu,doohickey,7,15\n7,us,gadget,4,950";
    let table: Vec<Row> = csv.lines().map(|l| l.split(',').zip(cols.iter()).map(|(f, c)| match (*c, f.parse::<i64>()) {
        (_, Ok(n)) => Value::Int(n),
        ("qty", Err(_)) => Value::Null,
        (_, Err(_)) => Value::Text(f.to_string()),
    }).collect()).collect();
    let names: Vec<String> = cols.iter().map(|s| s.to_string()).collect();
    let (qty, region, product, price) = (col(&cols, "qty"), col(&cols, "region"), col(&cols, "product"), col(&cols, "price"));

    block_on(async {
        // SELECT id, product, qty FROM sales WHERE qty >= 2 AND price > 100 LIMIT 3
        let scan: Scan<'_, 2> = Scan { table: &table, cols: names.clone(), pos: 0, pages_read: 0 };
        let filt = Filter { input: scan, pred: move |r: &Row| matches!(r[qty], Value::Int(q) if q >= 2) && r[price] > Value::Int(100) };
        let mut plan = Limit { input: Project { input: filt, idx: vec![0, product, qty] }, remaining: 3 };
        let rows = plan.collect_all().await;
        println!("{}\n", render(&plan, &rows));
        assert_eq!(rows.len(), 3);

        // SELECT region, SUM(qty), COUNT(*) FROM sales GROUP BY region
        let scan: Scan<'_, 4> = Scan { table: &table, cols: names.clone(), pos: 0, pages_read: 0 };
        let groups = group_sum(scan, region, qty).await;
        for (k, (sum, n)) in &groups { println!("{k:>5} sum(qty)={sum:<3} count={n}"); }
        assert_eq!(groups["us"], (5, 3));

        // SELECT product, SUM(price) FROM sales WHERE qty IS NULL GROUP BY product
        let nulls = Filter { input: Scan::<'_, 3> { table: &table, cols: names.clone(), pos: 0, pages_read: 0 }, pred: move |r: &Row| r[qty] == Value::Null };
        let g2 = group_sum(nulls, product, price).await;
        println!("null-qty rows by product: {g2:?}");
        let mut full: Scan<'_, 1> = Scan { table: &table, cols: names, pos: 0, pages_read: 0 };
        let all = full.collect_all().await;
        println!("full scan: {} rows in {} pages", all.len(), full.pages_read);
    });
}
