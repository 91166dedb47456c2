#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

#[derive(Debug, Clone)]
struct Message {
    from: String,
    room: String,
    text: String,
    seq: u64,
}

#[derive(Debug)]
enum Command {
    Join(String),
    Leave(String),
    Say { room: String, text: String },
    Nick(String),
    Quit,
}

struct Session {
    nick: String,
    rooms: Vec<String>,
    seq: u64,
}

async fn recv_line(n: u32) -> Option<String> {
    let lines = ["/join rust", "/nick ferris", "hello all", "/say rust async is fun", "/leave rust", "/quit"];
    lines.get(n as usize).map(|s| s.to_string())
}

async fn broadcast(msg: &Message, members: &[String]) -> usize {
    members.iter().filter(|m| **m != msg.from).count()
}

async fn room_members(room: &str) -> Vec<String> {
    vec!["alice".to_string(), "bob".to_string(), room.to_string()]
}

fn parse_command(line: &str, default_room: Option<&String>) -> Option<Command> {
    if let Some(rest) = line.strip_prefix('/') {
        let (cmd, arg) = rest.split_once(' ').unwrap_or((rest, ""));
        return match cmd {
            "join" if !arg.is_empty() => Some(Command::Join(arg.to_string())),
            "leave" => Some(Command::Leave(arg.to_string())),
            "nick" if arg.len() >= 3 => Some(Command::Nick(arg.to_string())),
            "say" => {
                let (room, text) = arg.split_once(' ')?;
                Some(Command::Say { room: room.into(), text: text.into() })
            }
            "quit" => Some(Command::Quit),
            _ => None,
        };
    }
    let room = default_room?.clone();
    Some(Command::Say { room, text: line.to_string() })
}

impl Session {
    async fn say(&mut self, room: String, text: String) -> usize {
        self.seq += 1;
        let msg = Message { from: self.nick.clone(), room, text, seq: self.seq };
        let delivered = broadcast(&msg, &room_members(&msg.room).await).await;
        delivered
    }

    async fn run(&mut self) -> u64 {
        let mut n = 0u32;
        let mut total_delivered = 0usize;
        while let Some(line) = recv_line(n).await {
            n += 1;
            let cmd = match parse_command(&line, self.rooms.first()) {
                Some(c) => c,
                None => continue,
            };
            match cmd {
                Command::Join(r) => self.rooms.push(r),
                Command::Leave(r) => self.rooms.retain(|x| *x != r),
                Command::Nick(new_nick) => {
                    let old = std::mem::replace(&mut self.nick, new_nick);
                    println!("{} is now {}", old, self.nick);
                }
                Command::Say { room, text } => total_delivered += self.say(room, text).await,
                Command::Quit => break,
            }
        }
        self.seq + total_delivered as u64
    }
}

async fn chat_main() -> u64 {
    let mut s = Session { nick: "guest".into(), rooms: vec![], seq: 0 };
    s.run().await
}
