#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Theater lighting console: loads a cue list, runs timed crossfades over DMX universes and handles go/back/hold commands.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Yield {
    left: u32,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            Poll::Ready(())
        } else {
            self.left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

const UNIVERSE_SIZE: usize = 64;
const FRAME_MS: u64 = 250;

#[derive(Debug, Clone)]
struct Cue {
    number: f32,
    label: String,
    fade: Duration,
    levels: BTreeMap<u16, u8>,
    follow: Option<Duration>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Command {
    Go,
    Back,
    Hold(u32),
    Blackout,
}

struct Console {
    live: RefCell<[u8; UNIVERSE_SIZE]>,
    frames_sent: Cell<u32>,
    history: RefCell<Vec<f32>>,
}

fn parse_cues(text: &str) -> Vec<Cue> {
    let mut cues = Vec::new();
    for block in text.split("\n\n") {
        let mut lines = block.lines();
        let Some(header) = lines.next() else { continue };
        let mut hp = header.splitn(3, ' ');
        let number: f32 = hp.next().and_then(|s| s.parse().ok()).unwrap_or(0.0);
        let fade_s: f32 = hp.next().and_then(|s| s.trim_end_matches('s').parse().ok()).unwrap_or(3.0);
        let label = hp.next().unwrap_or("").to_string();
        let mut levels = BTreeMap::new();
        let mut follow = None;
        for l in lines {
            if let Some(f) = l.strip_prefix("follow ") {
                follow = f.trim_end_matches('s').parse::<u64>().ok().map(Duration::from_secs);
                continue;
            }
            for pair in l.split(',') {
                if let Some((ch, lvl)) = pair.trim().split_once('@') {
                    if let (Ok(c), Ok(v)) = (ch.parse::<u16>(), lvl.parse::<u8>()) {
                        levels.insert(c, (v as u32 * 255 / 100) as u8);
                    }
                }
            }
        }
        cues.push(Cue { number, label, fade: Duration::from_secs_f32(fade_s), levels, follow });
    }
    cues
}

impl Console {
    async fn send_frame(&self) {
        Yield { left: 1 }.await;
        self.frames_sent.set(self.frames_sent.get() + 1);
    }

    async fn crossfade(&self, cue: &Cue) -> u32 {
        let start: [u8; UNIVERSE_SIZE] = *self.live.borrow();
        let steps = (cue.fade.as_millis() as u64 / FRAME_MS).max(1) as u32;
        for step in 1..=steps {
            {
                let mut live = self.live.borrow_mut();
                for (ch, target) in cue.levels.iter() {
                    let idx = (*ch as usize - 1).min(UNIVERSE_SIZE - 1);
                    let from = start[idx] as i32;
                    live[idx] = (from + (*target as i32 - from) * step as i32 / steps as i32) as u8;
                }
            }
            self.send_frame().await;
        }
        self.history.borrow_mut().push(cue.number);
        steps
    }
}

fn boxed_fade<'a>(c: &'a Console, cue: &'a Cue) -> Pin<Box<dyn Future<Output = u32> + 'a>> {
    Box::pin(async move {
        let frames = c.crossfade(cue).await;
        c.send_frame().await;
        frames + 1
    })
}

async fn run_show(console: Rc<Console>, cues: Vec<Cue>, commands: Vec<Command>) -> String {
    let mut log = String::new();
    let mut pos: usize = 0;
    let mut pending: VecDeque<Command> = commands.into();
    let blackout = |c: Rc<Console>| async move {
        for v in c.live.borrow_mut().iter_mut() {
            *v = 0;
        }
        c.send_frame().await;
        c.send_frame().await;
    };
    while let Some(cmd) = pending.pop_front() {
        match cmd {
            Command::Go => {
                let Some(cue) = cues.get(pos) else {
                    log.push_str("GO past end of list\n");
                    break;
                };
                let frames = console.crossfade(cue).await;
                writeln!(log, "cue {} '{}' in {frames} frames", cue.number, cue.label).unwrap();
                pos += 1;
                if cue.follow.is_some() {
                    pending.push_front(Command::Go);
                }
            }
            Command::Back => {
                pos = pos.saturating_sub(2);
                if let Some(cue) = cues.get(pos) {
                    let mut snap = cue.clone();
                    snap.fade = Duration::from_millis(FRAME_MS);
                    console.crossfade(&snap).await;
                    writeln!(log, "back to {}", cue.number).unwrap();
                    pos += 1;
                }
            }
            Command::Hold(frames) => {
                for _ in 0..frames {
                    console.send_frame().await;
                }
            }
            Command::Blackout => {
                blackout(console.clone()).await;
                log.push_str("BLACKOUT\n");
            }
        }
    }
    let lit = console.live.borrow().iter().filter(|v| **v > 0).count();
    write!(log, "{} frames sent, {lit} channels lit", console.frames_sent.get()).unwrap();
    log
}

fn main() {
    let text = "1 2s Preshow warm\n1@40,2@40,3@30\n\n2 4s Act 1 sunrise\n1@80,2@70,5@100\nfollow 0s\n\n2.5 1s Sun special\n12@100\n\n3 6s Night\n1@10,2@10,5@0,12@0,20@60";
    let cues = parse_cues(text);
    let console = Rc::new(Console { live: RefCell::new([0; UNIVERSE_SIZE]), frames_sent: Cell::new(0), history: RefCell::new(Vec::new()) });
    let cmds = vec![Command::Go, Command::Go, Command::Hold(4), Command::Back, Command::Go, Command::Go, Command::Blackout, Command::Go];
    println!("{}", block_on(run_show(console.clone(), cues.clone(), cmds)));
    println!("history {:?}", console.history.borrow());
    let spare = Console { live: RefCell::new([0; UNIVERSE_SIZE]), frames_sent: Cell::new(0), history: RefCell::new(Vec::new()) };
    println!("frames {}", block_on(spare.crossfade(&cues[3])));
    block_on(spare.send_frame());
    println!("boxed fade {}, sent {}", block_on(boxed_fade(&spare, &cues[0])), spare.frames_sent.get());
}
