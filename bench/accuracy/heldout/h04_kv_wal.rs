#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Key-value store that appends every mutation to a write-ahead log before applying it.

use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
enum WalRecord {
    Put { key: String, value: Vec<u8> },
    Delete { key: String },
    Checkpoint(u64),
}

struct KvStore {
    data: HashMap<String, Vec<u8>>,
    wal: Vec<u8>,
    lsn: u64,
    dirty_since_checkpoint: usize,
}

async fn disk_append(buf: &[u8]) -> Result<usize, String> {
    if buf.is_empty() {
        return Err("empty write".into());
    }
    Ok(buf.len())
}

async fn disk_fsync() -> Result<(), String> {
    Ok(())
}

fn encode(rec: &WalRecord) -> Vec<u8> {
    match rec {
        WalRecord::Put { key, value } => {
            let mut out = vec![b'P', key.len() as u8];
            out.extend_from_slice(key.as_bytes());
            out.extend_from_slice(value);
            out
        }
        WalRecord::Delete { key } => [&[b'D', key.len() as u8][..], key.as_bytes()].concat(),
        WalRecord::Checkpoint(lsn) => {
            let mut out = vec![b'C'];
            out.extend_from_slice(&lsn.to_le_bytes());
            out
        }
    }
}

impl KvStore {
    async fn log(&mut self, rec: WalRecord) -> Result<u64, String> {
        let bytes = encode(&rec);
        let written = disk_append(&bytes).await?;
        assert_eq!(written, bytes.len());
        self.wal.extend(bytes);
        self.lsn += 1;
        if self.lsn % 4 == 0 {
            disk_fsync().await?;
        }
        Ok(self.lsn)
    }

    async fn put(&mut self, key: &str, value: &[u8]) -> Result<u64, String> {
        let lsn = self.log(WalRecord::Put { key: key.to_string(), value: value.to_vec() }).await?;
        self.data.insert(key.to_string(), value.to_vec());
        self.dirty_since_checkpoint += 1;
        Ok(lsn)
    }

    async fn checkpoint(&mut self) -> Result<usize, String> {
        let lsn = self.lsn;
        let flushed = self.dirty_since_checkpoint;
        self.log(WalRecord::Checkpoint(lsn)).await?;
        disk_fsync().await?;
        self.dirty_since_checkpoint = 0;
        Ok(flushed)
    }
}

pub async fn load_users() -> Result<usize, String> {
    let mut store = KvStore { data: HashMap::new(), wal: Vec::new(), lsn: 0, dirty_since_checkpoint: 0 };
    let users: Vec<(&str, u32)> = vec![("alice", 30), ("bob", 41), ("carol", 27)];
    for (name, age) in users.into_iter() {
        let key = format!("user:{}", name);
        store.put(&key, &age.to_be_bytes()).await?;
    }
    let delete = async |s: &mut KvStore, key: &str| -> Result<Option<Vec<u8>>, String> {
        if !s.data.contains_key(key) {
            return Ok(None);
        }
        s.log(WalRecord::Delete { key: key.into() }).await?;
        Ok(s.data.remove(key))
    };
    let removed = delete(&mut store, "user:bob").await?;
    if let Some(bytes) = removed {
        println!("removed bob ({} bytes)", bytes.len());
    }
    let n = store.checkpoint().await?;
    Ok(n + store.data.len())
}
