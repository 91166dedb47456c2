#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

struct Inner<T> {
    buf: VecDeque<T>,
    cap: usize,
    closed: bool,
    recv_waker: Option<Waker>,
    send_wakers: Vec<Waker>,
    blocked_sends: u32,
}

struct Sender<T> {
    inner: Rc<RefCell<Inner<T>>>,
}

struct Receiver<T> {
    inner: Weak<RefCell<Inner<T>>>,
    keepalive: Option<Rc<RefCell<Inner<T>>>>,
}

fn channel<T>(cap: usize) -> (Sender<T>, Receiver<T>) {
    let inner = Rc::new(RefCell::new(Inner { buf: VecDeque::new(), cap, closed: false, recv_waker: None, send_wakers: Vec::new(), blocked_sends: 0 }));
    let rx = Receiver { inner: Rc::downgrade(&inner), keepalive: Some(inner.clone()) };
    (Sender { inner }, rx)
}

struct SendFut<'a, T> {
    tx: &'a Sender<T>,
    item: Option<T>,
}

impl<'a, T: Unpin> Future for SendFut<'a, T> {
    type Output = Result<(), T>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut inner = self.tx.inner.borrow_mut();
        if inner.closed {
            drop(inner);
            return Poll::Ready(Err(self.item.take().unwrap()));
        }
        if inner.buf.len() >= inner.cap {
            inner.blocked_sends += 1;
            inner.send_wakers.push(cx.waker().clone());
            return Poll::Pending;
        }
        drop(inner);
        let item = self.item.take().unwrap();
        let mut inner = self.tx.inner.borrow_mut();
        inner.buf.push_back(item);
        if let Some(w) = inner.recv_waker.take() {
            w.wake();
        }
        Poll::Ready(Ok(()))
    }
}

impl<T: Unpin> Sender<T> {
    fn send(&self, item: T) -> SendFut<'_, T> {
        SendFut { tx: self, item: Some(item) }
    }
    fn close(&self) {
        let mut i = self.inner.borrow_mut();
        i.closed = true;
        i.recv_waker.take().map(Waker::wake);
    }
}

struct RecvFut<'a, T> {
    rx: &'a Receiver<T>,
}

impl<'a, T> Future for RecvFut<'a, T> {
    type Output = Option<T>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let Some(rc) = self.rx.inner.upgrade() else { return Poll::Ready(None) };
        let mut inner = rc.borrow_mut();
        if let Some(v) = inner.buf.pop_front() {
            for w in inner.send_wakers.drain(..) {
                w.wake();
            }
            return Poll::Ready(Some(v));
        }
        if inner.closed {
            return Poll::Ready(None);
        }
        inner.recv_waker = Some(cx.waker().clone());
        Poll::Pending
    }
}

impl<T> Receiver<T> {
    fn recv(&self) -> RecvFut<'_, T> {
        RecvFut { rx: self }
    }
}

async fn produce(tx: Sender<String>, lines: &str) -> usize {
    let mut sent = 0;
    for word in lines.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()).filter(|w| !w.is_empty()) {
        if tx.send(word).await.is_err() {
            break;
        }
        sent += 1;
    }
    tx.close();
    sent
}

async fn consume(rx: Receiver<String>, slow_every: usize) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    let mut n = 0;
    while let Some(w) = rx.recv().await {
        n += 1;
        match counts.iter_mut().find(|(k, _)| *k == w) {
            Some((_, c)) => *c += 1,
            None => counts.push((w, 1)),
        }
        if n % slow_every == 0 {
            YieldNow(false).await;
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
}

struct YieldNow(bool);
impl Future for YieldNow {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { return Poll::Ready(()); }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn join2<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
    let mut a = Box::pin(a);
    let mut b = Box::pin(b);
    let (mut ra, mut rb) = (None, None);
    let mut cx = Context::from_waker(Waker::noop());
    while ra.is_none() || rb.is_none() {
        if ra.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(&mut cx) { ra = Some(v); }
        }
        if rb.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(&mut cx) { rb = Some(v); }
        }
    }
    (ra.unwrap(), rb.unwrap())
}

fn main() {
    let text = "The quick brown fox. The lazy dog! The fox, again; quick quick.";
    let (tx, mut rx) = channel::<String>(2);
    let inner = rx.keepalive.take().unwrap();
    let (sent, counts) = join2(produce(tx, text), consume(rx, 3));
    println!("sent {} words, blocked sends {}", sent, inner.borrow().blocked_sends);
    for (w, c) in counts.iter().take(4) {
        println!("{:>6} {}", w, c);
    }
    let (tx2, mut rx2) = channel::<u32>(1);
    rx2.keepalive = None;
    let pipeline = async move {
        let mut got = Vec::new();
        let _ = tx2.send(7).await;
        got.push(rx2.recv().await);
        drop(tx2);
        got.push(rx2.recv().await);
        got
    };
    let (got, _) = join2(pipeline, async {});
    println!("after sender dropped: {:?}", got);
}
