#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Stream multiplexer: decodes binary frames off one connection, enforces per-stream flow-control windows, routes to handlers.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::convert::TryInto;
use std::future::{ready, Future};
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Park(u8);

impl Future for Park {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            return Poll::Ready(());
        }
        self.0 -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

const HEADER: usize = 7;

#[derive(Debug, Clone, Copy, PartialEq)]
enum FrameType {
    Open = 1,
    Data = 2,
    WindowUpdate = 3,
    Close = 4,
}

#[derive(Debug)]
struct Frame {
    kind: FrameType,
    stream: u32,
    payload: Vec<u8>,
}

#[derive(Debug)]
enum MuxError {
    Truncated { need: usize, have: usize },
    UnknownType(u8),
    FlowControl { stream: u32, window: u32, len: usize },
    NoSuchStream(u32),
}

fn encode(kind: FrameType, stream: u32, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.push(kind as u8);
    out.extend_from_slice(&stream.to_be_bytes());
    out.extend_from_slice(&(payload.len() as u16).to_be_bytes());
    out.extend_from_slice(payload);
    out
}

fn decode(buf: &mut VecDeque<u8>) -> Result<Option<Frame>, MuxError> {
    if buf.len() < HEADER {
        return Ok(None);
    }
    let header: Vec<u8> = buf.iter().take(HEADER).copied().collect();
    let stream = u32::from_be_bytes(header[1..5].try_into().expect("4 bytes"));
    let len = u16::from_be_bytes([header[5], header[6]]) as usize;
    if buf.len() < HEADER + len {
        return Ok(None);
    }
    let kind = match header[0] {
        1 => FrameType::Open,
        2 => FrameType::Data,
        3 => FrameType::WindowUpdate,
        4 => FrameType::Close,
        other => return Err(MuxError::UnknownType(other)),
    };
    buf.drain(..HEADER);
    let payload: Vec<u8> = buf.drain(..len).collect();
    Ok(Some(Frame { kind, stream, payload }))
}

trait StreamHandler {
    fn on_data(&mut self, data: &[u8]) -> Pin<Box<dyn Future<Output = Option<Vec<u8>>> + '_>>;
}

struct Echo;

struct LineCounter {
    partial: String,
    lines: Vec<String>,
}

impl StreamHandler for Echo {
    fn on_data(&mut self, data: &[u8]) -> Pin<Box<dyn Future<Output = Option<Vec<u8>>> + '_>> {
        Box::pin(ready(Some(data.iter().rev().copied().collect())))
    }
}

impl StreamHandler for LineCounter {
    fn on_data(&mut self, data: &[u8]) -> Pin<Box<dyn Future<Output = Option<Vec<u8>>> + '_>> {
        let text = String::from_utf8_lossy(data).into_owned();
        Box::pin(async move {
            Park(1).await;
            self.partial.push_str(&text);
            let mut complete: Vec<String> = self.partial.split('\n').map(String::from).collect();
            self.partial = complete.pop().unwrap_or_default();
            self.lines.extend(complete.into_iter().filter(|l| !l.is_empty()));
            Some(format!("{} lines", self.lines.len()).into_bytes())
        })
    }
}

struct StreamState {
    window: u32,
    received: usize,
    handler: Box<dyn StreamHandler>,
}

struct Mux {
    streams: BTreeMap<u32, StreamState>,
    initial_window: u32,
    outbound: Vec<Frame>,
    closed: Vec<(u32, usize)>,
}

impl Mux {
    async fn handle(&mut self, frame: Frame) -> Result<(), MuxError> {
        match frame.kind {
            FrameType::Open => {
                let proto = String::from_utf8_lossy(&frame.payload).to_string();
                let handler: Box<dyn StreamHandler> = match proto.as_str() {
                    "lines" => Box::new(LineCounter { partial: String::new(), lines: vec![] }),
                    _ => Box::new(Echo),
                };
                self.streams.insert(frame.stream, StreamState { window: self.initial_window, received: 0, handler });
            }
            FrameType::Data => {
                let st = self.streams.get_mut(&frame.stream).ok_or(MuxError::NoSuchStream(frame.stream))?;
                if frame.payload.len() as u32 > st.window {
                    return Err(MuxError::FlowControl { stream: frame.stream, window: st.window, len: frame.payload.len() });
                }
                st.window -= frame.payload.len() as u32;
                st.received += frame.payload.len();
                if let Some(reply) = st.handler.on_data(&frame.payload).await {
                    self.outbound.push(Frame { kind: FrameType::Data, stream: frame.stream, payload: reply });
                }
                if st.window < self.initial_window / 2 {
                    let credit = self.initial_window - st.window;
                    st.window = self.initial_window;
                    self.outbound.push(Frame { kind: FrameType::WindowUpdate, stream: frame.stream, payload: credit.to_be_bytes().to_vec() });
                }
            }
            FrameType::WindowUpdate => {}
            FrameType::Close => {
                let st = self.streams.remove(&frame.stream).ok_or(MuxError::NoSuchStream(frame.stream))?;
                self.closed.push((frame.stream, st.received));
            }
        }
        Ok(())
    }
}

fn connection_reader(chunks: Vec<Vec<u8>>, mux: &mut Mux) -> impl Future<Output = (usize, Vec<String>)> + '_ {
    async move {
        let mut buf: VecDeque<u8> = VecDeque::new();
        let mut frames = 0;
        let mut errors = Vec::new();
        for chunk in chunks {
            Park(1).await;
            buf.extend(chunk);
            loop {
                let frame = match decode(&mut buf) {
                    Ok(Some(f)) => f,
                    Ok(None) => break,
                    Err(e) => {
                        errors.push(format!("fatal: {:?}", e));
                        return (frames, errors);
                    }
                };
                frames += 1;
                let stream = frame.stream;
                if let Err(e) = mux.handle(frame).await {
                    errors.push(format!("stream {}: {:?}", stream, e));
                }
            }
        }
        (frames, errors)
    }
}

fn main() {
    let mut wire = Vec::new();
    wire.extend(encode(FrameType::Open, 1, b"echo"));
    wire.extend(encode(FrameType::Open, 3, b"lines"));
    wire.extend(encode(FrameType::Data, 1, b"hello"));
    wire.extend(encode(FrameType::Data, 3, b"GET /a\nGET /b\nGE"));
    wire.extend(encode(FrameType::Data, 3, b"T /c\n"));
    wire.extend(encode(FrameType::Data, 5, b"orphan"));
    wire.extend(encode(FrameType::Data, 1, &[b'x'; 40]));
    wire.extend(encode(FrameType::Close, 1, b""));
    wire.extend(encode(FrameType::Close, 3, b""));
    wire.extend([9u8, 0, 0, 0, 7, 0, 0]);
    let chunks: Vec<Vec<u8>> = wire.chunks(11).map(|c| c.to_vec()).collect();
    let mut mux = Mux { streams: BTreeMap::new(), initial_window: 32, outbound: vec![], closed: vec![] };
    let (frames, errors) = block_on(connection_reader(chunks, &mut mux));
    println!("frames={} errors={:?}", frames, errors);
    for f in &mux.outbound {
        let body = match f.kind {
            FrameType::WindowUpdate => format!("+{}", u32::from_be_bytes(f.payload[..4].try_into().unwrap())),
            _ => String::from_utf8_lossy(&f.payload).to_string(),
        };
        println!("-> {:?} stream {} {}", f.kind, f.stream, body);
    }
    println!("closed (stream, bytes): {:?}", mux.closed);
}
