#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Print spooler: queues jobs by priority, paginates documents, and drives printer devices with retry on paper jams.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, VecDeque};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
    fn noop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VT)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(v) => break v,
            Poll::Pending => {}
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
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

const LINES_PER_PAGE: usize = 4;
const COLS: usize = 24;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Priority {
    Low,
    Normal,
    Urgent,
}

#[derive(Debug)]
struct Job {
    id: u32,
    owner: String,
    body: String,
    copies: u8,
    duplex: bool,
    attached: Option<Box<Job>>,
}

#[derive(Debug)]
enum DeviceError {
    PaperJam { page: usize },
    OutOfToner,
    Offline,
}

trait Device {
    fn name(&self) -> String;
    async fn print_page(&self, page_no: usize, page: &[String]) -> Result<(), DeviceError>;
}

struct Laser {
    jam_on: Cell<Option<usize>>,
    toner: Cell<u32>,
}

struct PdfSink {
    out: RefCell<String>,
}

impl Device for Laser {
    fn name(&self) -> String {
        "laser-2F".to_string()
    }
    async fn print_page(&self, page_no: usize, page: &[String]) -> Result<(), DeviceError> {
        Yield { left: 2 }.await;
        if self.jam_on.get() == Some(page_no) {
            self.jam_on.set(None);
            return Err(DeviceError::PaperJam { page: page_no });
        }
        let ink: u32 = page.iter().map(|l| l.chars().filter(|c| !c.is_whitespace()).count() as u32).sum();
        if self.toner.get() < ink {
            return Err(DeviceError::OutOfToner);
        }
        self.toner.set(self.toner.get() - ink);
        Ok(())
    }
}

impl Device for PdfSink {
    fn name(&self) -> String {
        "pdf".to_string()
    }
    async fn print_page(&self, page_no: usize, page: &[String]) -> Result<(), DeviceError> {
        Yield { left: 1 }.await;
        let mut out = self.out.borrow_mut();
        writeln!(out, "%% page {page_no}").unwrap();
        for line in page {
            out.push_str(line);
            out.push('\n');
        }
        Ok(())
    }
}

fn wrap(body: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for para in body.split("\n\n") {
        let mut cur = String::new();
        for word in para.split_whitespace() {
            if !cur.is_empty() && cur.len() + 1 + word.len() > COLS {
                lines.push(std::mem::take(&mut cur));
            }
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(word);
        }
        lines.push(cur);
        lines.push(String::new());
    }
    lines
}

async fn paginate(job: &Job) -> Vec<Vec<String>> {
    Yield { left: 1 }.await;
    let lines = wrap(&job.body);
    let mut pages: Vec<Vec<String>> = lines.chunks(LINES_PER_PAGE).map(|c| c.to_vec()).collect();
    if job.duplex && pages.len() % 2 == 1 {
        pages.push(vec![String::new()]);
    }
    pages
}

async fn print_job(dev: &impl Device, job: &Job) -> Result<usize, DeviceError> {
    let pages = paginate(job).await;
    let mut printed = 0;
    for copy in 0..job.copies {
        let mut i = 0;
        while i < pages.len() {
            match dev.print_page(i + 1, &pages[i]).await {
                Ok(()) => {
                    printed += 1;
                    i += 1;
                }
                Err(DeviceError::PaperJam { page }) => {
                    println!("  {} jammed on page {page}, clearing", dev.name());
                    Yield { left: 3 }.await;
                }
                Err(e) => return Err(e),
            }
        }
    }
    if let Some(att) = &job.attached {
        printed += Box::pin(print_job(dev, att)).await?;
    }
    Ok(printed)
}

struct Spooler<D: Device> {
    device: Rc<D>,
    queues: RefCell<BTreeMap<Priority, VecDeque<Job>>>,
    failed: RefCell<Vec<u32>>,
}

impl<D: Device> Spooler<D> {
    fn submit(&self, prio: Priority, job: Job) {
        self.queues.borrow_mut().entry(prio).or_default().push_back(job);
    }

    fn next_job(&self) -> Option<Job> {
        let mut q = self.queues.borrow_mut();
        q.values_mut().rev().find_map(|dq| dq.pop_front())
    }

    async fn drain(&self) -> usize {
        let mut total = 0;
        while let Some(job) = self.next_job() {
            match print_job(self.device.as_ref(), &job).await {
                Ok(n) => {
                    println!("job {} ({}) -> {} page(s) on {}", job.id, job.owner, n, self.device.name());
                    total += n;
                }
                Err(e) => {
                    println!("job {} failed: {:?}", job.id, e);
                    self.failed.borrow_mut().push(job.id);
                    Yield { left: 1 }.await;
                }
            }
        }
        total
    }
}

fn job(id: u32, owner: &str, body: &str, copies: u8) -> Job {
    Job { id, owner: owner.into(), body: body.into(), copies, duplex: false, attached: None }
}

fn main() {
    let laser = Rc::new(Laser { jam_on: Cell::new(Some(2)), toner: Cell::new(400) });
    let sp = Spooler { device: laser, queues: RefCell::new(BTreeMap::new()), failed: RefCell::new(Vec::new()) };
    let memo = "Quarterly results are in and the numbers look good across all regions.\n\nPlease review before Friday.";
    sp.submit(Priority::Normal, job(1, "ana", memo, 1));
    let mut contract = job(2, "legal", "This agreement is made between the parties listed below and is binding.", 2);
    contract.attached = Some(Box::new(job(3, "legal", "Annex A: signatures.", 1)));
    contract.duplex = true;
    sp.submit(Priority::Urgent, contract);
    sp.submit(Priority::Low, job(4, "bob", &"lorem ipsum dolor sit amet ".repeat(20), 3));
    println!("laser printed {} pages, failed {:?}", block_on(sp.drain()), sp.failed.borrow());
    let pdf = Rc::new(PdfSink { out: RefCell::new(String::new()) });
    let sp2 = Spooler { device: Rc::clone(&pdf), queues: RefCell::new(BTreeMap::new()), failed: RefCell::new(Vec::new()) };
    sp2.submit(Priority::Normal, job(5, "cy", memo, 1));
    println!("pdf pages: {}", block_on(sp2.drain()));
    print!("{}", &pdf.out.borrow()[..60]);
    println!();
}
