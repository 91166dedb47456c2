//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! S3-style multipart uploader: chunked parts, bounded concurrency window, per-part retry, complete/abort.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::future::{Future, poll_fn};
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(u8);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            return Poll::Ready(());
        }
        self.0 -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug)]
enum UploadError {
    NoSuchUpload(String),
    PartFailed { part: u16, attempts: u8 },
    TooManyParts(usize),
}

trait ObjectStore {
    async fn create_multipart(&self, key: &str) -> String;
    async fn upload_part(&self, upload_id: &str, part: u16, data: &[u8]) -> Result<String, UploadError>;
    async fn complete(&self, upload_id: &str, etags: &[(u16, String)]) -> Result<u64, UploadError>;
    async fn abort(&self, upload_id: &str);
}

#[derive(Default)]
struct FakeS3 {
    uploads: RefCell<HashMap<String, BTreeMap<u16, Vec<u8>>>>,
    objects: RefCell<HashMap<String, usize>>,
    flaky_parts: RefCell<Vec<u16>>,
    next: Cell<u32>,
}

fn etag(data: &[u8]) -> String {
    let sum = data.iter().enumerate().fold(0u32, |acc, (i, &b)| acc.rotate_left(3) ^ (b as u32 + i as u32));
    format!("\"{sum:08x}\"")
}

impl ObjectStore for FakeS3 {
    async fn create_multipart(&self, key: &str) -> String {
        Yield(1).await;
        self.next.set(self.next.get() + 1);
        let id = format!("{key}#{}", self.next.get());
        self.uploads.borrow_mut().insert(id.clone(), BTreeMap::new());
        id
    }

    async fn upload_part(&self, upload_id: &str, part: u16, data: &[u8]) -> Result<String, UploadError> {
        Yield((part % 3) as u8 + 1).await;
        let injected = self.flaky_parts.borrow().iter().position(|&p| p == part);
        if let Some(pos) = injected {
            self.flaky_parts.borrow_mut().remove(pos);
            return Err(UploadError::PartFailed { part, attempts: 1 });
        }
        let mut uploads = self.uploads.borrow_mut();
        let parts = uploads.get_mut(upload_id).ok_or_else(|| UploadError::NoSuchUpload(upload_id.into()))?;
        parts.insert(part, data.to_vec());
        Ok(etag(data))
    }

    async fn complete(&self, upload_id: &str, etags: &[(u16, String)]) -> Result<u64, UploadError> {
        Yield(2).await;
        let parts = self.uploads.borrow_mut().remove(upload_id).ok_or_else(|| UploadError::NoSuchUpload(upload_id.into()))?;
        for (n, tag) in etags {
            if let Some(data) = parts.get(n)
                && etag(data) != *tag
            {
                return Err(UploadError::PartFailed { part: *n, attempts: 0 });
            }
        }
        let size: usize = parts.values().map(Vec::len).sum();
        let key = upload_id.split('#').next().unwrap_or(upload_id);
        self.objects.borrow_mut().insert(key.to_string(), size);
        Ok(size as u64)
    }

    async fn abort(&self, upload_id: &str) {
        self.uploads.borrow_mut().remove(upload_id);
    }
}

async fn put_part_with_retry<S: ObjectStore>(store: &S, id: &str, part: u16, chunk: &[u8], max: u8) -> Result<(u16, String), UploadError> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        match store.upload_part(id, part, chunk).await {
            Ok(tag) => return Ok((part, tag)),
            Err(UploadError::PartFailed { .. }) if attempt < max => Yield(attempt * 2).await,
            Err(_) => return Err(UploadError::PartFailed { part, attempts: attempt }),
        }
    }
}

async fn upload<S: ObjectStore, const PART: usize, const WINDOW: usize>(store: &S, key: &str, body: &[u8]) -> Result<u64, UploadError> {
    let chunks: Vec<&[u8]> = body.chunks(PART).collect();
    if chunks.len() > 10_000 {
        return Err(UploadError::TooManyParts(chunks.len()));
    }
    let id = store.create_multipart(key).await;
    let mut etags = Vec::with_capacity(chunks.len());
    for (window_idx, window) in chunks.chunks(WINDOW).enumerate() {
        let mut inflight: Vec<Pin<Box<dyn Future<Output = Result<(u16, String), UploadError>> + '_>>> = window
            .iter()
            .enumerate()
            .map(|(i, c)| Box::pin(put_part_with_retry(store, &id, (window_idx * WINDOW + i + 1) as u16, c, 3)) as Pin<Box<dyn Future<Output = _>>>)
            .collect();
        let mut results: Vec<Option<Result<(u16, String), UploadError>>> = inflight.iter().map(|_| None).collect();
        poll_fn(|cx| {
            for (fut, slot) in inflight.iter_mut().zip(results.iter_mut()).filter(|(_, s)| s.is_none()) {
                if let Poll::Ready(r) = fut.as_mut().poll(cx) {
                    *slot = Some(r);
                }
            }
            if results.iter().all(Option::is_some) { Poll::Ready(()) } else { Poll::Pending }
        })
        .await;
        for r in results.into_iter().flatten() {
            match r {
                Ok(pair) => etags.push(pair),
                Err(e) => {
                    store.abort(&id).await;
                    return Err(e);
                }
            }
        }
    }
    etags.sort_by_key(|(n, _)| *n);
    store.complete(&id, &etags).await
}

fn main() {
    let mut body = [0u8; 5000];
    for (i, b) in body.iter_mut().enumerate() {
        *b = (i * 7 % 251) as u8;
    }
    let store = FakeS3 { flaky_parts: RefCell::new(vec![2, 5, 5]), ..Default::default() };

    let results = block_on(async {
        let a = upload::<_, 1024, 2>(&store, "backups/db.tar", &body).await;
        store.flaky_parts.borrow_mut().extend([1, 1, 1]);
        let b = upload::<_, 4096, 4>(&store, "backups/flaky.tar", &body).await;
        let c = upload::<_, 700, 8>(&store, "logs/app.log", &body[..3000]).await;
        [a, b, c]
    });
    for (key, r) in ["backups/db.tar", "backups/flaky.tar", "logs/app.log"].iter().zip(&results) {
        println!("{key:<18} {r:?}");
    }
    let objects = store.objects.borrow();
    let mut listing: Vec<_> = objects.iter().collect();
    listing.sort();
    println!("objects: {listing:?}, dangling uploads: {}", store.uploads.borrow().len());
}
