//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a community band's part-preparation tool that parses melody lines and transposes them for each instrument's range.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Yield {
    parked: bool,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.parked {
            return Poll::Ready(());
        }
        self.parked = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn yield_now() -> Yield {
    Yield { parked: false }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

const SHARP_NAMES: [&str; 12] = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];
const FLAT_NAMES: [&str; 12] = ["C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B"];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    Note { midi: i16, beats: f32 },
    Rest(f32),
    Bar,
}

#[derive(Debug)]
enum PartError {
    Syntax { pos: usize, found: char },
    OutOfRange { instrument: String, lowest: i16, highest: i16 },
    BadMeasure { bar: usize, beats: f32 },
}

/// Parses `C4q D4e E4e | F#4h R q | ...` where q/h/e/w are quarter, half, eighth and whole durations.
async fn parse_line(line: &str) -> Result<Vec<Token>, PartError> {
    let mut out = Vec::new();
    let mut chars = line.char_indices().peekable();
    while let Some((pos, ch)) = chars.next() {
        let token = match ch {
            ' ' => continue,
            '|' => Token::Bar,
            'R' => {
                while chars.peek().is_some_and(|(_, c)| *c == ' ') {
                    chars.next();
                }
                let (_, d) = chars.next().ok_or(PartError::Syntax { pos, found: 'R' })?;
                Token::Rest(beats_for(d).ok_or(PartError::Syntax { pos, found: d })?)
            }
            'A'..='G' => {
                let base: i16 = [9, 11, 0, 2, 4, 5, 7][(ch as u8 - b'A') as usize];
                let mut acc = 0i16;
                while let Some(&(_, c)) = chars.peek() {
                    match c {
                        '#' => acc += 1,
                        'b' => acc -= 1,
                        _ => break,
                    }
                    chars.next();
                }
                let (p, oct) = chars.next().ok_or(PartError::Syntax { pos, found: ch })?;
                let octave = oct.to_digit(10).ok_or(PartError::Syntax { pos: p, found: oct })? as i16;
                let (p, d) = chars.next().ok_or(PartError::Syntax { pos, found: oct })?;
                Token::Note { midi: (octave + 1) * 12 + base + acc, beats: beats_for(d).ok_or(PartError::Syntax { pos: p, found: d })? }
            }
            other => return Err(PartError::Syntax { pos, found: other }),
        };
        out.push(token);
        if out.len() % 6 == 0 {
            yield_now().await;
        }
    }
    Ok(out)
}

fn beats_for(c: char) -> Option<f32> {
    Some(match c {
        'w' => 4.0,
        'h' => 2.0,
        'q' => 1.0,
        'e' => 0.5,
        _ => return None,
    })
}

async fn check_measures(tokens: &[Token], beats_per_bar: f32) -> Result<usize, PartError> {
    let bars: Vec<&[Token]> = tokens.split(|t| *t == Token::Bar).filter(|b| !b.is_empty()).collect();
    for (i, bar) in bars.iter().enumerate() {
        let total: f32 = bar.iter().map(|t| match t { Token::Note { beats, .. } | Token::Rest(beats) => *beats, Token::Bar => 0.0 }).sum();
        yield_now().await;
        if (total - beats_per_bar).abs() > f32::EPSILON {
            return Err(PartError::BadMeasure { bar: i + 1, beats: total });
        }
    }
    Ok(bars.len())
}

trait Instrument {
    fn name(&self) -> Cow<'static, str>;
    /// semitones between written and sounding pitch (written = concert + offset)
    fn transposition(&self) -> i16;
    fn written_range(&self) -> (i16, i16);
    fn prefers_flats(&self) -> bool {
        self.transposition() % 2 != 0
    }
    async fn prepare(&self, concert: &[Token]) -> Result<String, PartError> {
        let (lo, hi) = self.written_range();
        let mut shift = self.transposition();
        let pitches = || concert.iter().filter_map(|t| if let Token::Note { midi, .. } = t { Some(*midi) } else { None });
        let (min, max) = pitches().fold((i16::MAX, i16::MIN), |(a, b), m| (a.min(m), b.max(m)));
        // try octave displacement before giving up
        for candidate in [shift, shift + 12, shift - 12] {
            if min + candidate >= lo && max + candidate <= hi {
                shift = candidate;
                yield_now().await;
                return Ok(render(concert, shift, self.prefers_flats()));
            }
        }
        Err(PartError::OutOfRange { instrument: self.name().into_owned(), lowest: min + shift, highest: max + shift })
    }
}

fn render(tokens: &[Token], shift: i16, flats: bool) -> String {
    let names = if flats { &FLAT_NAMES } else { &SHARP_NAMES };
    let mut s = String::new();
    for t in tokens {
        match t {
            Token::Note { midi, beats } => {
                let m = midi + shift;
                let _ = write!(s, "{}{}:{} ", names[m.rem_euclid(12) as usize], m.div_euclid(12) - 1, beats);
            }
            Token::Rest(b) => s.push_str(&format!("R:{b} ")),
            Token::Bar => s.push_str("| "),
        }
    }
    s.trim_end().to_string()
}

struct Flute;
struct Clarinet {
    key: char,
}
struct AltoSax;

impl Instrument for Flute {
    fn name(&self) -> Cow<'static, str> {
        Cow::Borrowed("Flute")
    }
    fn transposition(&self) -> i16 {
        0
    }
    fn written_range(&self) -> (i16, i16) {
        (60, 96)
    }
}

impl Instrument for Clarinet {
    fn name(&self) -> Cow<'static, str> {
        Cow::Owned(format!("Clarinet in {}", self.key))
    }
    fn transposition(&self) -> i16 {
        if self.key == 'A' { 3 } else { 2 }
    }
    fn written_range(&self) -> (i16, i16) {
        (52, 91)
    }
    fn prefers_flats(&self) -> bool {
        self.key != 'A'
    }
}

impl Instrument for AltoSax {
    fn name(&self) -> Cow<'static, str> {
        "Alto Sax".into()
    }
    fn transposition(&self) -> i16 {
        9
    }
    fn written_range(&self) -> (i16, i16) {
        (58, 89)
    }
}

async fn make_part<I>(inst: &I, melody: &[Token], library: &mut BTreeMap<String, String>) -> Result<usize, PartError>
where
    I: Instrument,
{
    let part = inst.prepare(melody).await?;
    let notes = part.split_whitespace().filter(|t| *t != "|").count();
    library.insert(inst.name().into_owned(), part);
    yield_now().await;
    Ok(notes)
}

pub fn main() {
    let melody_src = "G4q A4q Bb4h | C5q D5e C5e Bb4h | A4q R q G4h |";
    let mut library = BTreeMap::new();
    let outcome = block_on(async {
        let melody = parse_line(melody_src).await?;
        let bars = check_measures(&melody, 4.0).await?;
        println!("melody ok: {bars} bars, {} tokens", melody.len());
        let mut counts: HashMap<String, Result<usize, PartError>> = HashMap::new();
        counts.insert("flute".into(), make_part(&Flute, &melody, &mut library).await);
        counts.insert("clarinet".into(), make_part(&Clarinet { key: 'B' }, &melody, &mut library).await);
        counts.insert("clarinet-a".into(), make_part(&Clarinet { key: 'A' }, &melody, &mut library).await);
        counts.insert("sax".into(), make_part(&AltoSax, &melody, &mut library).await);
        Ok::<_, PartError>(counts)
    });
    match outcome {
        Ok(counts) => {
            let mut keys: Vec<_> = counts.iter().map(|(k, v)| format!("{k}:{}", v.as_ref().map(|n| n.to_string()).unwrap_or_else(|e| format!("{e:?}")))).collect();
            keys.sort();
            println!("{}", keys.join(", "));
        }
        Err(e) => println!("melody rejected: {e:?}"),
    }
    for (inst, part) in &library {
        println!("{inst:>16}: {part}");
    }
    println!("{:?}", block_on(parse_line("C4q X4q")).err());
    println!("{:?}", block_on(async { check_measures(&parse_line("C4h D4q |").await.unwrap(), 4.0).await }).err());
}
