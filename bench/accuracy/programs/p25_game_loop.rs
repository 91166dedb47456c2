#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

#[derive(Debug, Clone, Copy, PartialEq)]
enum Input {
    Left,
    Right,
    Jump,
    Fire,
    None,
}

#[derive(Debug, Clone, Copy)]
struct Player {
    x: i32,
    y: i32,
    vy: i32,
    health: u8,
    ammo: u16,
}

#[derive(Debug)]
struct Enemy {
    x: i32,
    alive: bool,
}

async fn poll_input(frame: u64) -> Input {
    match frame % 5 {
        0 => Input::Right,
        1 => Input::Jump,
        2 => Input::Fire,
        3 => Input::Left,
        _ => Input::None,
    }
}

async fn wait_vsync() {}

async fn play_sound(name: &'static str) {}

struct World {
    player: Player,
    enemies: Vec<Enemy>,
    score: u32,
}

impl World {
    async fn update(&mut self, input: Input) {
        let p = &mut self.player;
        match input {
            Input::Left => p.x -= 1,
            Input::Right => p.x += 1,
            Input::Jump if p.y == 0 => {
                p.vy = 5;
                play_sound("jump").await;
            }
            Input::Fire if p.ammo > 0 => {
                p.ammo -= 1;
                let px = p.x;
                if let Some(e) = self.enemies.iter_mut().find(|e| e.alive && (e.x - px).abs() < 3) {
                    e.alive = false;
                    self.score += 100;
                    play_sound("hit").await;
                }
            }
            _ => {}
        }
        let p = &mut self.player;
        p.y = (p.y + p.vy).max(0);
        p.vy -= 1;
        if p.y == 0 {
            p.vy = 0;
        }
    }

    fn collisions(&mut self) -> bool {
        let px = self.player.x;
        let hit = self.enemies.iter().any(|e| e.alive && e.x == px && self.player.y == 0);
        if hit {
            self.player.health = self.player.health.saturating_sub(10);
        }
        self.player.health == 0
    }
}

async fn run_game(max_frames: u64) -> u32 {
    let mut world = World {
        player: Player { x: 0, y: 0, vy: 0, health: 30, ammo: 5 },
        enemies: (1..6).map(|i| Enemy { x: i * 4, alive: true }).collect(),
        score: 0,
    };
    let mut frame = 0u64;
    'game: loop {
        let input = poll_input(frame).await;
        world.update(input).await;
        if world.collisions() {
            play_sound("game_over").await;
            break 'game;
        }
        if world.enemies.iter().all(|e| !e.alive) {
            world.score += 1000;
            break;
        }
        wait_vsync().await;
        frame += 1;
        if frame >= max_frames {
            break 'game;
        }
    }
    world.score
}
