//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Court reporting CAT engine: decodes Gemini PR packets from a steno writer into strokes,
//! translates multi-stroke outlines with longest-match against the reporter's dictionary and
//! applies formatting commands ({.}, {^suffix}, {-|}) to build the realtime transcript.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { return Poll::Ready(()); }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
async fn yield_now() { Yield(false).await }
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

/// Gemini PR key for each (byte, bit) where bit 6 is the leftmost of the 7 data bits.
const GEMINI: [[&str; 7]; 6] = [
    ["Fn", "#", "#", "#", "#", "#", "#"],
    ["S-", "S-", "T-", "K-", "P-", "W-", "H-"],
    ["R-", "A-", "O-", "*", "*", "", ""],
    ["", "*", "*", "-E", "-U", "-F", "-R"],
    ["-P", "-B", "-L", "-G", "-T", "-S", "-D"],
    ["#", "#", "#", "#", "#", "#", "-Z"],
];
const STENO_ORDER: &str = "#STKPWHRAO*EUFRPBLGTSDZ";

#[derive(Debug)]
enum MachineError { Framing { byte: usize, value: u8 }, Disconnected }

fn stroke_from_keys(keys: &[&str]) -> String {
    let has = |k: &str| keys.contains(&k);
    let mut left = String::new();
    let mut mid = String::new();
    let mut right = String::new();
    if has("#") { left.push('#'); }
    for c in "STKPWHR".chars() { if has(&format!("{c}-")) { left.push(c); } }
    for (c, k) in [('A', "A-"), ('O', "O-"), ('*', "*"), ('E', "-E"), ('U', "-U")] { if has(k) { mid.push(c); } }
    for c in "FRPBLGTSDZ".chars() { if has(&format!("-{c}")) { right.push(c); } }
    if mid.is_empty() && !right.is_empty() { mid.push('-'); }
    format!("{left}{mid}{right}")
}

fn decode_gemini(packet: [u8; 6]) -> Result<String, MachineError> {
    let mut keys = Vec::new();
    for (i, &b) in packet.iter().enumerate() {
        let first = i == 0;
        if (b & 0x80 != 0) != first { return Err(MachineError::Framing { byte: i, value: b }); }
        for bit in 0..7 {
            if b & (0x40 >> bit) != 0 && !GEMINI[i][bit].is_empty() { keys.push(GEMINI[i][bit]); }
        }
    }
    Ok(stroke_from_keys(&keys))
}

fn encode_gemini(stroke: &str) -> [u8; 6] {
    let mut p = [0x80, 0, 0, 0, 0, 0];
    let (left, right) = match stroke.find(|c| "AO*EU-".contains(c)) { Some(i) => stroke.split_at(i), None => (stroke, "") };
    let mut set = |key: String| {
        for (i, row) in GEMINI.iter().enumerate() {
            if let Some(bit) = row.iter().position(|k| *k == key) { p[i] |= 0x40 >> bit; return; }
        }
    };
    for c in left.chars() { set(if c == '#' { "#".into() } else { format!("{c}-") }); }
    let mut in_right = false;
    for c in right.chars() {
        match c {
            '-' => in_right = true,
            'A' | 'O' => set(format!("{c}-")),
            '*' => set("*".into()),
            'E' | 'U' => { in_right = true; set(format!("-{c}")) }
            _ => { in_right = true; set(format!("-{c}")) }
        }
    }
    p
}

trait StenoMachine {
    async fn read_packet(&mut self) -> Result<Option<[u8; 6]>, MachineError>;
    async fn next_stroke(&mut self) -> Result<Option<String>, MachineError> {
        match self.read_packet().await? { Some(p) => decode_gemini(p).map(Some), None => Ok(None) }
    }
}

struct SerialWriter { wire: VecDeque<u8> }
struct RealtimeReplay { strokes: VecDeque<&'static str> }

impl StenoMachine for SerialWriter {
    async fn read_packet(&mut self) -> Result<Option<[u8; 6]>, MachineError> {
        // resync: skip bytes until a header byte (MSB set)
        while self.wire.front().map_or(false, |b| b & 0x80 == 0) { self.wire.pop_front(); }
        if self.wire.is_empty() { return Ok(None); }
        if self.wire.len() < 6 { return Err(MachineError::Disconnected); }
        let mut p = [0u8; 6];
        for slot in p.iter_mut() { *slot = self.wire.pop_front().unwrap(); yield_now().await; }
        Ok(Some(p))
    }
}
impl StenoMachine for RealtimeReplay {
    async fn read_packet(&mut self) -> Result<Option<[u8; 6]>, MachineError> { Ok(self.strokes.pop_front().map(encode_gemini)) }
    async fn next_stroke(&mut self) -> Result<Option<String>, MachineError> { yield_now().await; Ok(self.strokes.pop_front().map(String::from)) }
}

struct Dictionary { entries: HashMap<Vec<String>, String>, longest: usize }
impl Dictionary {
    fn load(src: &str) -> Self {
        let entries: HashMap<Vec<String>, String> = src.lines().filter_map(|l| l.split_once(": ")).map(|(k, v)| (k.split('/').map(String::from).collect(), v.to_string())).collect();
        let longest = entries.keys().map(|k| k.len()).max().unwrap_or(1);
        Dictionary { entries, longest }
    }
}

#[derive(Default)]
struct Transcript { text: String, cap_next: bool, untrans: Vec<String> }
impl Transcript {
    fn emit(&mut self, tr: &str) {
        match tr {
            "{.}" | "{?}" | "{,}" => { self.text.push_str(&tr[1..2]); self.cap_next = tr != "{,}"; }
            "{-|}" => self.cap_next = true,
            t if t.starts_with("{^") => self.text.push_str(t.trim_start_matches("{^").trim_end_matches('}')),
            word => {
                if !self.text.is_empty() { self.text.push(' '); }
                let mut chars = word.chars();
                if let (true, Some(first)) = (std::mem::take(&mut self.cap_next), chars.next()) { self.text.extend(first.to_uppercase()); self.text.push_str(chars.as_str()); } else { self.text.push_str(word); }
            }
        }
    }
}

async fn transcribe<M: StenoMachine>(machine: &mut M, dict: &Dictionary, out: Rc<RefCell<Transcript>>) -> Result<usize, MachineError> {
    let mut pending: Vec<String> = Vec::new();
    let mut strokes = 0;
    loop {
        let next = machine.next_stroke().await?;
        if let Some(s) = &next { pending.push(s.clone()); strokes += 1; }
        // flush when the buffer can no longer grow into a longer outline, or at end of input
        while !pending.is_empty() && (next.is_none() || pending.len() >= dict.longest) {
            let n = (1..=pending.len()).rev().find(|&n| dict.entries.contains_key(&pending[..n]));
            let mut t = out.borrow_mut();
            match n {
                Some(n) => { let tr = dict.entries[&pending[..n]].clone(); t.emit(&tr); pending.drain(..n); }
                None => { let raw = pending.remove(0); t.emit(&raw); t.untrans.push(raw); }
            }
        }
        if next.is_none() { return Ok(strokes); }
    }
}

fn main() {
    let dict = Dictionary::load("STPH-FPLT: {.}\nKWRAOUR: your\nHOPB/ORBL: Honor\nHOPB: on\nORBL: orb\nWEUT/TPHES: witness\nWEUT: with\nTKPWOEPBG: going\n-G: {^ing}\nTPHO: no\nH-PB: {?}\nKPA: {-|}\nSRAOEUS: vice\nPRE/SEUPBT: precinct\nTKEUD: did\nU: you\nSAOE: see\nTHAT: that\nOBGS: objection");
    let strokes = ["KPA", "OBGS", "KWRAOUR", "HOPB", "ORBL", "STPH-FPLT", "KPA", "TKEUD", "U", "SAOE", "THAT", "H-PB", "PWHRAURG", "WEUT", "TPHES", "STPH-FPLT"];
    let mut wire: VecDeque<u8> = VecDeque::from(vec![0x13, 0x07]); // line noise before sync
    for s in &strokes { wire.extend(encode_gemini(s)); }
    let mut writer = SerialWriter { wire };
    let transcript = Rc::new(RefCell::new(Transcript::default()));
    let n = block_on(transcribe(&mut writer, &dict, transcript.clone()));
    println!("{n:?} strokes: {}", transcript.borrow().text);
    println!("untranslates: {:?}", transcript.borrow().untrans);

    let mut replay = RealtimeReplay { strokes: VecDeque::from(["KPA", "TPHO", "PRE", "SEUPBT", "STPH-FPLT"]) };
    let t2 = Rc::new(RefCell::new(Transcript::default()));
    let n2 = block_on(transcribe(&mut replay, &dict, t2.clone()));
    let mut short = SerialWriter { wire: VecDeque::from(vec![0x80, 0x01]) };
    let mut framing = SerialWriter { wire: VecDeque::from(vec![0x80, 0x81, 0, 0, 0, 0]) };
    let mut replay_raw = RealtimeReplay { strokes: VecDeque::from(["TKPWOEPBG"]) };
    let raw = block_on(replay_raw.read_packet()).map(|p| p.map(|p| decode_gemini(p)));
    println!("{n2:?}: {} | {:?} | {:?} | {raw:?}", t2.borrow().text, block_on(short.next_stroke()), block_on(framing.next_stroke()));
}
