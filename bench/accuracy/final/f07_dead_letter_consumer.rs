#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Queue consumer with dead-letter handling: messages that fail processing
// too many times are moved to a dead-letter queue.

use std::collections::VecDeque;

#[derive(Debug, Clone)]
pub struct Message {
    pub id: u64,
    pub body: String,
    pub attempts: u32,
}

pub struct Queue {
    pub name: String,
    pub items: VecDeque<Message>,
}

impl Queue {
    pub async fn receive(&mut self) -> Option<Message> {
        self.items.pop_front()
    }

    pub async fn send(&mut self, msg: Message) {
        self.items.push_back(msg);
    }

    pub fn ack(&self, id: u64) -> bool {
        id % 13 != 0
    }
}

#[derive(Debug)]
pub enum ProcessError {
    Transient(String),
    Poison,
}

async fn handle(msg: &Message) -> Result<u32, ProcessError> {
    if msg.body.is_empty() {
        return Err(ProcessError::Poison);
    }
    if msg.body.starts_with("retry") && msg.attempts < 2 {
        return Err(ProcessError::Transient("busy".into()));
    }
    Ok(msg.body.len() as u32)
}

pub struct Consumer {
    pub main: Queue,
    pub dead: Queue,
    pub max_attempts: u32,
}

impl Consumer {
    pub async fn consume_one(&mut self) -> Option<Result<u32, u64>> {
        let mut msg = self.main.receive().await?;
        msg.attempts += 1;
        let result = handle(&msg).await;
        match result {
            Ok(n) => {
                if !self.main.ack(msg.id) {
                    println!("ack failed for {}", msg.id);
                }
                Some(Ok(n))
            }
            Err(ProcessError::Transient(reason)) if msg.attempts < self.max_attempts => {
                println!("requeue {} because {}", msg.id, reason);
                self.main.send(msg).await;
                Some(Ok(0))
            }
            Err(_) => {
                let id = msg.id;
                self.dead.send(msg).await;
                Some(Err(id))
            }
        }
    }

    pub async fn drain(mut self) -> (u32, Vec<u64>, Queue) {
        let mut processed_bytes = 0;
        let mut dead_ids = Vec::new();
        while let Some(outcome) = self.consume_one().await {
            match outcome {
                Ok(bytes) => processed_bytes += bytes,
                Err(id) => dead_ids.push(id),
            }
        }
        (processed_bytes, dead_ids, self.dead)
    }
}

pub async fn run(bodies: Vec<&str>) -> usize {
    let items: VecDeque<Message> = bodies
        .iter()
        .enumerate()
        .map(|(i, b)| Message { id: i as u64, body: b.to_string(), attempts: 0 })
        .collect();
    let consumer = Consumer {
        main: Queue { name: "jobs".into(), items },
        dead: Queue { name: "jobs.dlq".into(), items: VecDeque::new() },
        max_attempts: 3,
    };
    let (bytes, dead_ids, mut dead) = consumer.drain().await;
    let mut retry = Queue { name: "jobs.retry".into(), items: VecDeque::new() };
    let limit = 10;
    let replay = async {
        let mut moved = 0;
        loop {
            if moved >= limit {
                break;
            }
            let Some(mut msg) = dead.receive().await else { break };
            msg.attempts = 0;
            retry.send(msg).await;
            moved += 1;
        }
        moved
    };
    let moved: usize = replay.await;
    dead_ids.len() + moved + bytes as usize
}
