#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Distributed lock client (Redlock-style): acquire on a majority of nodes with a lease, renew, release.

#[derive(Debug, Clone)]
struct LockNode {
    addr: String,
    healthy: bool,
}

#[derive(Debug)]
struct Lease {
    resource: String,
    token: String,
    acquired_on: Vec<usize>,
    valid_until_ms: u64,
}

#[derive(Debug, PartialEq)]
enum LockError {
    NoQuorum { got: usize, need: usize },
    Expired,
    Busy,
}

async fn node_set_nx(node: &LockNode, key: &str, token: &str, ttl_ms: u64) -> Result<bool, String> {
    if !node.healthy {
        return Err(format!("{} unreachable", node.addr));
    }
    Ok(!key.ends_with(":busy"))
}

async fn node_del_if(node: &LockNode, key: &str, token: &str) -> Result<bool, String> {
    Ok(node.healthy)
}

async fn monotonic_ms() -> u64 {
    5_000
}

struct LockClient {
    nodes: Vec<LockNode>,
    client_id: String,
}

impl LockClient {
    async fn acquire(&self, resource: &str, ttl_ms: u64) -> Result<Lease, LockError> {
        let token = format!("{}-{}", self.client_id, monotonic_ms().await);
        let start = monotonic_ms().await;
        let mut acquired_on: Vec<usize> = Vec::new();
        for (i, node) in self.nodes.iter().enumerate() {
            match node_set_nx(node, resource, &token, ttl_ms).await {
                Ok(true) => acquired_on.push(i),
                Ok(false) => {}
                Err(e) => println!("lock node error: {}", e),
            }
        }
        let need = self.nodes.len() / 2 + 1;
        let elapsed = monotonic_ms().await - start;
        if acquired_on.len() < need || elapsed >= ttl_ms {
            let got = acquired_on.len();
            let partial = Lease { resource: resource.to_string(), token, acquired_on, valid_until_ms: 0 };
            self.release(partial).await;
            return Err(if got == 0 { LockError::Busy } else { LockError::NoQuorum { got, need } });
        }
        Ok(Lease { resource: resource.into(), token, acquired_on, valid_until_ms: start + ttl_ms - elapsed })
    }

    async fn release(&self, lease: Lease) -> usize {
        let mut released = 0;
        for &i in &lease.acquired_on {
            if let Ok(true) = node_del_if(&self.nodes[i], &lease.resource, &lease.token).await {
                released += 1;
            }
        }
        released
    }
}

pub async fn with_lock_migrate() -> Result<u32, String> {
    let nodes: Vec<LockNode> = ["10.0.0.1", "10.0.0.2", "10.0.0.3"]
        .iter()
        .enumerate()
        .map(|(i, a)| LockNode { addr: a.to_string(), healthy: i != 2 })
        .collect();
    let client = LockClient { nodes, client_id: "worker-7".into() };
    let lease = client.acquire("migrations", 10_000).await.map_err(|e| format!("{:?}", e))?;
    let critical = async {
        let mut applied = 0u32;
        for step in 1..=3 {
            if monotonic_ms().await >= lease.valid_until_ms {
                return Err(LockError::Expired);
            }
            applied += step;
        }
        Ok(applied)
    };
    let result = critical.await;
    let released = client.release(lease).await;
    assert!(released >= 2);
    result.map_err(|e| format!("{:?}", e))
}
