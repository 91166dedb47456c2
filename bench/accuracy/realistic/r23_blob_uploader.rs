//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Mutex;

mod rt {
    pub async fn sleep(_ms: u64) {}
}

const CHUNK: usize = 8 * 1024;

#[derive(Debug)]
pub enum UploadError {
    Rejected { part: u32, status: u16 },
    Checksum { part: u32 },
    Aborted(String),
}

#[derive(Debug, Clone)]
pub struct Part {
    pub number: u32,
    pub etag: String,
    pub size: usize,
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[derive(Default)]
pub struct BlobClient {
    uploads: Mutex<HashMap<String, Vec<Part>>>,
    fail_parts: Vec<u32>,
}

impl BlobClient {
    async fn start(&self, key: &str) -> String {
        let id = format!("{key}-{}", self.uploads.lock().unwrap().len());
        rt::sleep(5).await;
        self.uploads.lock().unwrap().insert(id.clone(), Vec::new());
        id
    }

    async fn put_part(&self, upload_id: &str, number: u32, data: &[u8], crc: u32) -> Result<String, UploadError> {
        rt::sleep(data.len() as u64 / 1024).await;
        if self.fail_parts.contains(&number) {
            return Err(UploadError::Rejected { part: number, status: 503 });
        }
        if crc32(data) != crc {
            return Err(UploadError::Checksum { part: number });
        }
        let etag = format!("\"{crc:08x}\"");
        let part = Part { number, etag: etag.clone(), size: data.len() };
        if let Some(parts) = self.uploads.lock().unwrap().get_mut(upload_id) {
            parts.push(part);
        } else {
            self.uploads.lock().unwrap().insert(upload_id.to_string(), vec![part]);
        }
        Ok(etag)
    }

    async fn complete(&self, upload_id: &str) -> Result<usize, UploadError> {
        let parts = self.uploads.lock().unwrap().remove(upload_id);
        let Some(mut parts) = parts else { return Err(UploadError::Aborted(format!("unknown upload {upload_id}"))) };
        parts.sort_by_key(|p| p.number);
        rt::sleep(10).await;
        Ok(parts.iter().map(|p| p.size).sum())
    }
}

pub trait Source {
    async fn read_at(&self, offset: usize, buf: &mut [u8]) -> usize;
}

pub struct SharedBuffer(pub Rc<RefCell<Vec<u8>>>);

impl Source for SharedBuffer {
    async fn read_at(&self, offset: usize, buf: &mut [u8]) -> usize {
        let len = {
            let data = Rc::clone(&self.0);
            data.borrow().len()
        };
        let n = len.saturating_sub(offset).min(buf.len());
        buf[..n].copy_from_slice(&self.0.borrow()[offset..offset + n]);
        n
    }
}

pub struct Zeroes(pub usize);

impl Source for Zeroes {
    async fn read_at(&self, offset: usize, buf: &mut [u8]) -> usize {
        rt::sleep(1).await;
        let n = self.0.saturating_sub(offset).min(buf.len());
        buf[..n].fill(0);
        n
    }
}

pub async fn upload<S: Source>(client: &BlobClient, key: &str, src: &S) -> Result<Vec<String>, UploadError> {
    let upload_id = client.start(key).await;
    let id = upload_id.clone();
    let send = async move |n: u32, data: &[u8]| -> Result<String, UploadError> {
        let crc = crc32(data);
        let mut delay = 50;
        loop {
            match client.put_part(&id, n, data, crc).await {
                Err(UploadError::Rejected { status, .. }) if status >= 500 && delay < 1_000 => {
                    rt::sleep(delay).await;
                    delay *= 4;
                }
                other => return other,
            }
        }
    };
    let mut buf = [0u8; CHUNK];
    let (mut offset, mut number) = (0usize, 0u32);
    let mut etags = Vec::new();
    loop {
        let n = src.read_at(offset, &mut buf).await;
        if n == 0 {
            break;
        }
        number += 1;
        etags.push(send(number, &buf[..n]).await?);
        offset += n;
    }
    let total = client.complete(&upload_id).await?;
    if total != offset {
        return Err(UploadError::Aborted(format!("size mismatch: sent {offset}, stored {total}")));
    }
    Ok(etags)
}

pub async fn backup_job(client: &BlobClient, snapshot: Rc<RefCell<Vec<u8>>>) -> Result<usize, UploadError> {
    let a = upload(client, "db/snapshot.bin", &SharedBuffer(snapshot)).await?;
    let b = upload(client, "db/padding.bin", &Zeroes(3 * CHUNK + 17)).await?;
    Ok(a.len() + b.len())
}
