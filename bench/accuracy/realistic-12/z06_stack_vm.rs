//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Tiny stack-bytecode VM: assembles labelled text into instructions, runs functions with
//! recursive calls (Box::pin) and services async host calls through a pluggable trait.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

struct Yield(u8);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.0 += 1;
        if self.0 > 1 { Poll::Ready(()) } else { cx.waker().wake_by_ref(); Poll::Pending }
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop { if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; } }
}

#[derive(Debug, Clone, PartialEq)]
enum Op { Push(i64), Add, Sub, Mul, Lt, Dup, Pop, Jz(usize), Jmp(usize), Call(usize, u8), Ret, Load(u8), Host(u8), Halt }

#[derive(Debug)]
enum VmError { Parse { line: usize, msg: String }, StackUnderflow(usize), BadHost(u8), DepthExceeded(u32), UnknownLabel(String) }

fn assemble(src: &str) -> Result<Vec<Op>, VmError> {
    let lines: Vec<(usize, &str)> = src.lines().enumerate()
        .map(|(i, l)| (i + 1, l.split(';').next().unwrap_or("").trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let mut labels = HashMap::new();
    let mut pc = 0;
    for (_, l) in &lines {
        if let Some(name) = l.strip_suffix(':') && !name.contains(' ') { labels.insert(name.to_string(), pc); } else { pc += 1 }
    }
    let target = |name: &str| labels.get(name).copied().ok_or_else(|| VmError::UnknownLabel(name.to_string()));
    let mut ops = Vec::with_capacity(pc);
    for &(line, l) in lines.iter().filter(|(_, l)| !l.ends_with(':')) {
        let parts: Vec<&str> = l.split_whitespace().collect();
        let int = |i: usize| -> Result<i64, VmError> {
            parts.get(i).ok_or_else(|| VmError::Parse { line, msg: "missing operand".into() })?
                .parse().map_err(|e| VmError::Parse { line, msg: format!("{e}") })
        };
        ops.push(match parts[0].to_ascii_lowercase().as_str() {
            "push" => Op::Push(int(1)?),
            "add" => Op::Add, "sub" => Op::Sub, "mul" => Op::Mul, "lt" => Op::Lt,
            "dup" => Op::Dup, "pop" => Op::Pop, "ret" => Op::Ret, "halt" => Op::Halt,
            "jz" => Op::Jz(target(parts.get(1).copied().unwrap_or(""))?),
            "jmp" => Op::Jmp(target(parts.get(1).copied().unwrap_or(""))?),
            "call" => Op::Call(target(parts.get(1).copied().unwrap_or(""))?, int(2)? as u8),
            "load" => Op::Load(int(1)? as u8),
            "host" => Op::Host(int(1)? as u8),
            other => return Err(VmError::Parse { line, msg: format!("unknown op `{other}`") }),
        });
    }
    Ok(ops)
}

trait Host {
    async fn syscall(&mut self, n: u8, arg: i64) -> Result<i64, VmError>;
    async fn tick(&mut self, steps: u64) {
        if steps % 64 == 0 { Yield(0).await; }
    }
}

struct Console { out: Vec<String>, input: VecDeque<i64> }
struct Recorder { calls: Vec<(u8, i64)>, clock: Duration, ticks: u64 }

impl Host for Console {
    async fn syscall(&mut self, n: u8, arg: i64) -> Result<i64, VmError> {
        Yield(0).await;
        match n {
            0 => { self.out.push(arg.to_string()); Ok(arg) }
            1 => Ok(self.input.pop_front().unwrap_or(0)),
            _ => Err(VmError::BadHost(n)),
        }
    }
}

impl Host for Recorder {
    async fn syscall(&mut self, n: u8, arg: i64) -> Result<i64, VmError> {
        self.calls.push((n, arg));
        if n == 2 { self.clock += Duration::from_millis(arg.max(0) as u64); }
        Yield(0).await;
        Ok(self.clock.as_millis() as i64)
    }
    async fn tick(&mut self, steps: u64) {
        self.ticks = steps;
        Yield(0).await;
    }
}

struct Machine<'p, H> { prog: &'p [Op], host: RefCell<H>, steps: RefCell<u64>, max_depth: u32 }

impl<'p, H: Host + 'p> Machine<'p, H> {
    fn call<'a>(&'a self, entry: usize, locals: Vec<i64>, depth: u32) -> Pin<Box<dyn Future<Output = Result<i64, VmError>> + 'a>> {
        Box::pin(async move {
            if depth > self.max_depth { return Err(VmError::DepthExceeded(depth)); }
            let mut stack: Vec<i64> = Vec::with_capacity(16);
            let mut pc = entry;
            loop {
                let op = self.prog.get(pc).cloned().unwrap_or(Op::Halt);
                pc += 1;
                let n = { let mut s = self.steps.borrow_mut(); *s += 1; *s };
                self.host.borrow_mut().tick(n).await;
                let mut pop = |stack: &mut Vec<i64>| stack.pop().ok_or(VmError::StackUnderflow(pc - 1));
                match op {
                    Op::Push(v) => stack.push(v),
                    Op::Add | Op::Sub | Op::Mul | Op::Lt => {
                        let (b, a) = (pop(&mut stack)?, pop(&mut stack)?);
                        stack.push(match op { Op::Add => a + b, Op::Sub => a - b, Op::Mul => a * b, _ => (a < b) as i64 });
                    }
                    Op::Dup => { let v = pop(&mut stack)?; stack.extend([v, v]); }
                    Op::Pop => { pop(&mut stack)?; }
                    Op::Jz(t) => if pop(&mut stack)? == 0 { pc = t },
                    Op::Jmp(t) => pc = t,
                    Op::Load(i) => stack.push(*locals.get(i as usize).ok_or(VmError::StackUnderflow(pc - 1))?),
                    Op::Call(t, argc) => {
                        let split = stack.len().checked_sub(argc as usize).ok_or(VmError::StackUnderflow(pc - 1))?;
                        let args = stack.split_off(split);
                        let r = self.call(t, args, depth + 1).await?;
                        stack.push(r);
                    }
                    Op::Host(k) => {
                        let arg = pop(&mut stack)?;
                        let r = self.host.borrow_mut().syscall(k, arg).await?;
                        stack.push(r);
                    }
                    Op::Ret | Op::Halt => return pop(&mut stack),
                }
            }
        })
    }
}

const FIB: &str = "
main:
  push 0
  host 1        ; read n
  call fib 1
  host 0        ; print
  halt
fib:
  load 0
  push 2
  lt
  jz recurse
  load 0
  ret
recurse:
  load 0
  push 1
  sub
  call fib 1
  load 0
  push 2
  sub
  call fib 1
  add
  ret
";

fn main() {
    let prog = assemble(FIB).expect("assemble");
    let run = async |input: Vec<i64>| -> (Result<i64, VmError>, Vec<String>, u64) {
        let m = Machine { prog: &prog, host: RefCell::new(Console { out: vec![], input: input.into() }), steps: RefCell::new(0), max_depth: 40 };
        let r = m.call(0, vec![], 0).await;
        let steps = *m.steps.borrow();
        (r, m.host.into_inner().out, steps)
    };
    println!("{:?}", block_on(run(vec![12])));
    println!("{:?}", block_on(run(vec![1])));

    let timer = assemble("push 5\nhost 2\npush 20\nhost 2\nadd\nhalt").unwrap();
    let rec = Machine { prog: &timer, host: RefCell::new(Recorder { calls: vec![], clock: Duration::ZERO, ticks: 0 }), steps: RefCell::new(0), max_depth: 4 };
    let res = block_on(rec.call(0, vec![], 0));
    println!("timer {:?} calls {:?}", res, rec.host.borrow().calls);

    let deep = assemble("f:\n load 0\n call f 1\n ret").unwrap();
    let m = Machine { prog: &deep, host: RefCell::new(Recorder { calls: vec![], clock: Duration::ZERO, ticks: 0 }), steps: RefCell::new(0), max_depth: 8 };
    println!("deep {:?}", block_on(m.call(0, vec![7], 0)).err());
    println!("bad asm {:?}", assemble("push x").err());
    println!("bad label {:?}", assemble("jmp nowhere").err());
    let underflow = assemble("add\nhalt").unwrap();
    let m2 = Machine { prog: &underflow, host: RefCell::new(Console { out: vec![], input: VecDeque::new() }), steps: RefCell::new(0), max_depth: 2 };
    println!("underflow {:?}", block_on(async { m2.call(0, vec![], 0).await }).err());
}
