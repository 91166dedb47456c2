#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Public library circulation desk: checkouts, returns with late fines, hold queues and overdue notices.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt;
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker { noop_raw() }
    fn noop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VT)
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

struct Yield { left: u32 }

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

const LOAN_DAYS: u64 = 21;
const FINE_PER_DAY_CENTS: u32 = 25;
const MAX_LOANS: usize = 3;

#[derive(Debug, Clone)]
struct Book { isbn: String, title: String, copies: u32 }

#[derive(Debug, Clone)]
struct Loan { isbn: String, patron: u32, day_out: u64 }

#[derive(Debug)]
enum DeskError { NoSuchBook(String), NoCopies { title: String, queue_pos: usize }, LimitReached(u32), Blocked { patron: u32, owed_cents: u32 } }

impl fmt::Display for DeskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "{:?}", self) }
}

struct Catalog { books: HashMap<String, Book>, lookups: Cell<u32> }

impl Catalog {
    async fn find(&self, isbn: &str) -> Result<Book, DeskError> {
        Yield { left: 1 }.await;
        self.lookups.set(self.lookups.get() + 1);
        self.books.get(isbn).cloned().ok_or_else(|| DeskError::NoSuchBook(isbn.to_string()))
    }
}

struct Desk {
    catalog: Rc<Catalog>,
    today: Cell<u64>,
    loans: RefCell<Vec<Loan>>,
    holds: RefCell<HashMap<String, VecDeque<u32>>>,
    fines: RefCell<BTreeMap<u32, u32>>,
    notices: RefCell<Vec<String>>,
}

impl Desk {
    async fn checkout(&self, patron: u32, isbn: &str) -> Result<u64, DeskError> {
        let owed = self.fines.borrow().get(&patron).copied().unwrap_or(0);
        if owed > 500 {
            return Err(DeskError::Blocked { patron, owed_cents: owed });
        }
        let book = self.catalog.find(isbn).await?;
        let (out_now, mine) = {
            let loans = self.loans.borrow();
            (loans.iter().filter(|l| l.isbn == isbn).count() as u32, loans.iter().filter(|l| l.patron == patron).count())
        };
        if mine >= MAX_LOANS {
            return Err(DeskError::LimitReached(patron));
        }
        let first_in_line = self.holds.borrow().get(isbn).and_then(|q| q.front().copied());
        if out_now >= book.copies || first_in_line.map_or(false, |p| p != patron) {
            Yield { left: 1 }.await;
            let mut holds = self.holds.borrow_mut();
            let q = holds.entry(isbn.to_string()).or_default();
            if !q.contains(&patron) {
                q.push_back(patron);
            }
            let pos = q.iter().position(|p| *p == patron).unwrap() + 1;
            return Err(DeskError::NoCopies { title: book.title, queue_pos: pos });
        }
        if first_in_line == Some(patron) {
            self.holds.borrow_mut().get_mut(isbn).map(|q| q.pop_front());
        }
        self.loans.borrow_mut().push(Loan { isbn: isbn.to_string(), patron, day_out: self.today.get() });
        Ok(self.today.get() + LOAN_DAYS)
    }

    async fn checkin(&self, patron: u32, isbn: &str) -> Option<u32> {
        let idx = self.loans.borrow().iter().position(|l| l.patron == patron && l.isbn == isbn)?;
        let loan = self.loans.borrow_mut().remove(idx);
        Yield { left: 1 }.await;
        let days_out = self.today.get() - loan.day_out;
        let late = days_out.saturating_sub(LOAN_DAYS) as u32;
        if late > 0 {
            *self.fines.borrow_mut().entry(patron).or_insert(0) += late * FINE_PER_DAY_CENTS;
        }
        let next = self.holds.borrow().get(isbn).and_then(|q| q.front().copied());
        if let Some(next_patron) = next {
            let book = self.catalog.find(isbn).await.ok()?;
            self.notices.borrow_mut().push(format!("patron {}: '{}' is ready for pickup", next_patron, book.title));
        }
        Some(late)
    }

    async fn send_overdue_notices(&self) -> usize {
        let overdue: Vec<Loan> = self.loans.borrow().iter().filter(|l| self.today.get() - l.day_out > LOAN_DAYS).cloned().collect();
        for loan in overdue.iter() {
            let title = match self.catalog.find(&loan.isbn).await {
                Ok(b) => b.title,
                Err(_) => loan.isbn.clone(),
            };
            let due = Duration::from_secs((loan.day_out + LOAN_DAYS) * 86_400);
            self.notices.borrow_mut().push(format!("patron {}: '{}' overdue since day {}", loan.patron, title, due.as_secs() / 86_400));
        }
        overdue.len()
    }
}

fn main() {
    let books: HashMap<String, Book> = [("978-0141439518", "Pride and Prejudice", 1), ("978-0262033848", "Introduction to Algorithms", 2), ("978-0553386790", "A Game of Thrones", 1)]
        .iter()
        .map(|(i, t, c)| (i.to_string(), Book { isbn: i.to_string(), title: t.to_string(), copies: *c }))
        .collect();
    let catalog = Rc::new(Catalog { books, lookups: Cell::new(0) });
    let desk = Desk { catalog: Rc::clone(&catalog), today: Cell::new(1), loans: RefCell::default(), holds: RefCell::default(), fines: RefCell::default(), notices: RefCell::default() };
    let mut log = Vec::new();
    for (patron, isbn) in [(1, "978-0141439518"), (2, "978-0141439518"), (3, "978-0141439518"), (1, "978-0262033848"), (1, "978-0553386790"), (1, "978-0262033848"), (4, "000")] {
        let r = block_on(desk.checkout(patron, isbn));
        log.push(format!("checkout p{} {} -> {}", patron, &isbn[isbn.len().saturating_sub(4)..], match r { Ok(due) => format!("due day {}", due), Err(e) => e.to_string() }));
    }
    desk.today.set(30);
    let overdue = block_on(desk.send_overdue_notices());
    let late = block_on(desk.checkin(1, "978-0141439518"));
    let p2 = block_on(desk.checkout(2, "978-0141439518"));
    desk.today.set(90);
    let very_late = block_on(desk.checkin(1, "978-0553386790"));
    let blocked = block_on(desk.checkout(1, "978-0262033848"));
    let none = block_on(desk.checkin(9, "x"));
    let found = block_on(catalog.find("978-0262033848")).map(|b| b.title);
    for l in &log {
        println!("{}", l);
    }
    println!("overdue={} late={:?} p2={:?} very_late={:?} blocked={:?} none={:?} found={:?}", overdue, late, p2, very_late, blocked.err(), none, found.ok());
    println!("fines={:?} lookups={}", desk.fines.borrow(), catalog.lookups.get());
    desk.notices.borrow().iter().for_each(|n| println!("  notice: {}", n));
}
