//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! CI artifact uploader: multipart chunked upload with checksums, resume and progress callbacks.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

mod rt {
    use std::collections::BTreeMap;
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    pub struct Ready1(bool);
    impl Future for Ready1 {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
    pub fn tick() -> Ready1 { Ready1(false) }

    pub struct File { data: Vec<u8>, pos: usize }
    impl File {
        pub fn from_bytes(data: Vec<u8>) -> File { File { data, pos: 0 } }
        pub async fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            tick().await;
            let n = buf.len().min(self.data.len() - self.pos);
            buf[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
            self.pos += n;
            Ok(n)
        }
        pub fn seek(&mut self, pos: usize) { self.pos = pos.min(self.data.len()); }
    }

    #[derive(Default)]
    pub struct ObjectStore { pub parts: BTreeMap<(String, u32), (u32, usize)>, pub fail_part: Option<u32>, pub completed: Vec<String> }
    impl ObjectStore {
        pub async fn upload_part(&mut self, upload_id: &str, part: u32, body: &[u8], crc: u32) -> Result<String, String> {
            tick().await;
            if self.fail_part == Some(part) {
                self.fail_part = None; // transient
                return Err(format!("503 on part {part}"));
            }
            self.parts.insert((upload_id.to_string(), part), (crc, body.len()));
            Ok(format!("etag-{part}-{crc:08x}"))
        }
        pub async fn complete(&mut self, upload_id: &str, etags: &[String]) -> Result<usize, String> {
            tick().await;
            let total: usize = self.parts.iter().filter(|((u, _), _)| u == upload_id).map(|(_, (_, n))| *n).sum();
            self.completed.push(format!("{upload_id}:{}", etags.len()));
            Ok(total)
        }
    }
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[derive(Debug, Default, Clone)]
struct Progress { bytes: usize, parts: u32, retries: u32 }

struct Artifact { name: String, job: String, file: rt::File, size: usize }

#[derive(Default)]
struct Checkpoint { done: BTreeMap<u32, String> }

async fn upload_artifact(
    store: &mut rt::ObjectStore,
    art: &mut Artifact,
    checkpoint: &mut Checkpoint,
    mut on_progress: impl AsyncFnMut(&Progress),
) -> Result<usize, String> {
    const PART: usize = 4096;
    let upload_id = format!("{}/{}", art.job, art.name);
    let mut buf = [0u8; PART];
    let mut progress = Progress::default();
    let mut part_no = 0u32;
    loop {
        part_no += 1;
        let n = art.file.read(&mut buf).await.map_err(|e| e.to_string())?;
        if n == 0 { break; }
        if let Some(etag) = checkpoint.done.get(&part_no) && etag.ends_with(&format!("{:08x}", crc32(&buf[..n]))) {
            progress.bytes += n;
            continue; // already uploaded in a previous run
        }
        let crc = crc32(&buf[..n]);
        let mut attempts = 0;
        let etag = loop {
            match store.upload_part(&upload_id, part_no, &buf[..n], crc).await {
                Ok(etag) => break etag,
                Err(e) if attempts < 3 => { attempts += 1; progress.retries += 1; rt::tick().await; }
                Err(e) => return Err(e),
            }
        };
        checkpoint.done.insert(part_no, etag);
        progress.bytes += n;
        progress.parts += 1;
        on_progress(&progress).await;
    }
    let etags: Vec<String> = checkpoint.done.values().cloned().collect();
    let total = store.complete(&upload_id, &etags).await?;
    if total != art.size {
        return Err(format!("size mismatch: stored {total}, expected {}", art.size));
    }
    Ok(total)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let make = |name: &str, size: usize| {
        let data: Vec<u8> = (0..size).map(|i| (i * 31 % 251) as u8).collect();
        Artifact { name: name.to_string(), job: "build-1187".into(), file: rt::File::from_bytes(data), size }
    };
    let mut store = rt::ObjectStore { fail_part: Some(2), ..Default::default() };
    let events = Arc::new(Mutex::new(Vec::<String>::new()));
    let log = Arc::clone(&events);
    let results = block_on(async {
        let mut results = Vec::new();
        for mut art in [make("app.tar.gz", 10_000), make("coverage.xml", 1_500)] {
            let mut cp = Checkpoint::default();
            let name = art.name.clone();
            let r = upload_artifact(&mut store, &mut art, &mut cp, async |p: &Progress| {
                rt::tick().await;
                log.lock().unwrap().push(format!("{name}: {} bytes in {} parts", p.bytes, p.parts));
            })
            .await;
            // simulate a resumed run against the same checkpoint
            art.file.seek(0);
            let again = upload_artifact(&mut store, &mut art, &mut cp, async |_p: &Progress| {}).await;
            results.push((r, again));
        }
        results
    });
    println!("results={:?}", results);
    let events = events.lock().unwrap();
    println!("progress events={} last={:?} completed={:?}", events.len(), events.last(), store.completed);
}
