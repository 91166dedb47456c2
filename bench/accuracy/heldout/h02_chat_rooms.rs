#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Chat server: rooms with members, broadcast to everyone except the sender.

use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone)]
struct Message {
    from: u32,
    room: String,
    text: String,
}

struct Room {
    name: String,
    members: HashSet<u32>,
    history: Vec<Message>,
}

struct ChatServer {
    rooms: HashMap<String, Room>,
    nicknames: HashMap<u32, String>,
}

async fn socket_write(client: u32, bytes: Vec<u8>) -> Result<usize, String> {
    if client == 0 {
        return Err("client 0 is disconnected".to_string());
    }
    Ok(bytes.len())
}

async fn socket_read_line(client: u32) -> Option<String> {
    if client % 7 == 0 { None } else { Some(format!("hello from {}", client)) }
}

impl ChatServer {
    fn new() -> Self {
        ChatServer { rooms: HashMap::new(), nicknames: HashMap::new() }
    }

    fn join(&mut self, client: u32, room: &str) {
        let entry = self.rooms.entry(room.to_string()).or_insert_with(|| Room {
            name: room.to_string(),
            members: HashSet::new(),
            history: Vec::new(),
        });
        entry.members.insert(client);
    }

    async fn broadcast(&mut self, msg: Message) -> (usize, Vec<u32>) {
        let nick = self.nicknames.get(&msg.from).cloned().unwrap_or_else(|| format!("guest{}", msg.from));
        let line = format!("[{}] {}: {}\n", msg.room, nick, msg.text);
        let members: Vec<u32> = match self.rooms.get(&msg.room) {
            Some(room) => room.members.iter().copied().collect(),
            None => return (0, Vec::new()),
        };
        let mut delivered = 0usize;
        let mut dead = Vec::new();
        for member in members {
            if member == msg.from {
                continue;
            }
            match socket_write(member, line.clone().into_bytes()).await {
                Ok(n) if n > 0 => delivered += 1,
                Ok(_) => {}
                Err(_) => dead.push(member),
            }
        }
        if let Some(room) = self.rooms.get_mut(&msg.room) {
            for d in &dead {
                room.members.remove(d);
            }
            room.history.push(msg);
        }
        (delivered, dead)
    }

    async fn replay_history(&self, client: u32, room: &str, last: usize) -> Result<usize, String> {
        let room = self.rooms.get(room).ok_or("no such room")?;
        let start = room.history.len().saturating_sub(last);
        let mut total = 0;
        for m in &room.history[start..] {
            total += socket_write(client, m.text.as_bytes().to_vec()).await?;
        }
        Ok(total)
    }
}

async fn client_session(server: &mut ChatServer, client: u32) -> usize {
    server.join(client, "lobby");
    let mut sent = 0;
    'session: loop {
        let line = match socket_read_line(client).await {
            Some(l) => l,
            None => break 'session,
        };
        let line = line.trim().to_string();
        if line == "/quit" {
            break;
        }
        let (n, _dead) = server
            .broadcast(Message { from: client, room: "lobby".into(), text: line })
            .await;
        sent += n;
        if sent > 3 {
            break 'session;
        }
    }
    sent
}

pub async fn run_chat() {
    let mut server = ChatServer::new();
    server.nicknames.insert(1, "ann".into());
    for c in [2u32, 3, 0] {
        server.join(c, "lobby");
    }
    let count = client_session(&mut server, 1).await;
    let greet = async |who: u32| -> bool { socket_write(who, b"welcome\n".to_vec()).await.is_ok() };
    if greet(2).await && greet(3).await {
        println!("greeted both");
    }
    let replayed = server.replay_history(2, "lobby", 5).await.unwrap_or(0);
    println!("sent={} replayed={}", count, replayed);
}
