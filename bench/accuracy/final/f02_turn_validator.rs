#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Multiplayer turn validator: checks that submitted moves come from the
// player whose turn it is and that they land on the board.

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Move {
    Place { x: u8, y: u8 },
    Pass,
    Resign,
}

#[derive(Debug)]
pub struct Turn {
    pub player: usize,
    pub mv: Move,
    pub seq: u64,
}

pub struct Match {
    pub players: Vec<String>,
    pub current: usize,
    pub board: [[Option<usize>; 8]; 8],
    pub next_seq: u64,
    pub passes: u32,
}

async fn fetch_turn(seq: u64) -> Option<Turn> {
    if seq > 20 {
        return None;
    }
    Some(Turn { player: (seq % 2) as usize, mv: Move::Place { x: (seq % 8) as u8, y: (seq / 8) as u8 }, seq })
}

async fn broadcast(msg: String) -> bool {
    !msg.is_empty()
}

async fn is_banned(player: &str) -> bool {
    player.starts_with("cheat")
}

impl Match {
    pub async fn validate(&self, turn: &Turn) -> Result<(), String> {
        if turn.seq != self.next_seq {
            return Err(format!("out of order: {} != {}", turn.seq, self.next_seq));
        }
        if turn.player != self.current {
            return Err("not your turn".to_string());
        }
        let name = &self.players[turn.player];
        if is_banned(name).await {
            return Err(format!("{} is banned", name));
        }
        match turn.mv {
            Move::Place { x, y } if x >= 8 || y >= 8 => Err("off board".into()),
            Move::Place { x, y } => {
                if self.board[y as usize][x as usize].is_some() {
                    Err("occupied".into())
                } else {
                    Ok(())
                }
            }
            Move::Pass | Move::Resign => Ok(()),
        }
    }

    pub async fn apply(&mut self, turn: Turn) -> Result<bool, String> {
        self.validate(&turn).await?;
        let finished = match turn.mv {
            Move::Place { x, y } => {
                self.board[y as usize][x as usize] = Some(turn.player);
                self.passes = 0;
                false
            }
            Move::Pass => {
                self.passes += 1;
                self.passes >= 2
            }
            Move::Resign => true,
        };
        self.next_seq += 1;
        self.current = (self.current + 1) % self.players.len();
        let delivered = broadcast(format!("seq {} by {}", turn.seq, self.players[turn.player])).await;
        assert!(delivered);
        Ok(finished)
    }
}

pub async fn play(players: Vec<String>) -> (u64, Vec<String>) {
    let mut game = Match { players, current: 0, board: [[None; 8]; 8], next_seq: 0, passes: 0 };
    let mut rejected = Vec::new();
    let mut seq = 0;
    while let Some(turn) = fetch_turn(seq).await {
        seq += 1;
        match game.apply(turn).await {
            Ok(true) => break,
            Ok(false) => {}
            Err(reason) => rejected.push(reason),
        }
    }
    let summary = async {
        let placed = game.board.iter().flatten().filter(|c| c.is_some()).count();
        broadcast(format!("placed {}", placed)).await
    };
    if !summary.await {
        rejected.push("summary not delivered".to_string());
    }
    (game.next_seq, rejected)
}
