#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

#[derive(Debug)]
struct Connection {
    id: usize,
    healthy: bool,
    uses: u32,
}

impl Connection {
    async fn query(&mut self, sql: &str) -> Result<Vec<String>, String> {
        self.uses += 1;
        if !self.healthy {
            return Err(format!("conn {} unhealthy", self.id));
        }
        Ok(vec![format!("{}:{}", self.id, sql)])
    }

    async fn ping(&self) -> bool {
        self.healthy && self.uses < 1000
    }
}

struct Pool {
    idle: Vec<Connection>,
    max_size: usize,
    created: usize,
}

async fn open_connection(id: usize) -> Result<Connection, String> {
    if id > 16 {
        Err("limit".to_string())
    } else {
        Ok(Connection { id, healthy: true, uses: 0 })
    }
}

impl Pool {
    async fn checkout(&mut self) -> Result<Connection, String> {
        while let Some(conn) = self.idle.pop() {
            if conn.ping().await {
                return Ok(conn);
            }
            drop(conn);
            self.created -= 1;
        }
        if self.created >= self.max_size {
            return Err("pool exhausted".to_string());
        }
        let conn = open_connection(self.created).await?;
        self.created += 1;
        Ok(conn)
    }

    fn checkin(&mut self, conn: Connection) {
        if conn.healthy {
            self.idle.push(conn);
        }
    }

    async fn with_conn(&mut self, sql: &str) -> Result<Vec<String>, String> {
        let mut conn = self.checkout().await?;
        let result = conn.query(sql).await;
        self.checkin(conn);
        result
    }
}

async fn run_queries(pool: &mut Pool, queries: &[&str]) -> usize {
    let mut rows = 0usize;
    for (i, q) in queries.iter().enumerate() {
        match pool.with_conn(q).await {
            Ok(r) => rows += r.len(),
            Err(e) if e.contains("exhausted") => {
                println!("query {} waiting for pool", i);
                break;
            }
            Err(e) => println!("query {} failed: {}", i, e),
        }
    }
    rows
}

async fn pool_demo() -> usize {
    let mut pool = Pool { idle: Vec::new(), max_size: 4, created: 0 };
    let n = run_queries(&mut pool, &["select 1", "select 2", "select 3"]).await;
    let extra = pool.with_conn("select now()").await.map(|v| v.len()).unwrap_or(0);
    n + extra
}
