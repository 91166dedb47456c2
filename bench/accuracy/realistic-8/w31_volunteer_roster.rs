#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Volunteer shift roster for a food bank: fills shifts from availability, balances hours, and processes swap requests.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
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

const DAYS: [&str; 5] = ["Mon", "Tue", "Wed", "Thu", "Fri"];
const MAX_WEEKLY: Duration = Duration::from_secs(10 * 3600);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Role {
    Driver,
    Sorter,
    FrontDesk,
}

#[derive(Debug, Clone)]
struct Shift {
    id: u16,
    day: usize,
    start_h: u8,
    len: Duration,
    role: Role,
    needed: u8,
}

#[derive(Debug)]
struct Volunteer {
    name: String,
    roles: HashSet<Role>,
    days: [bool; 5],
    hours: Cell<Duration>,
}

#[derive(Debug)]
enum SwapOutcome {
    Swapped { shift: u16, from: String, to: String },
    NoCover(u16),
    NotAssigned,
}

struct Roster {
    volunteers: Vec<Rc<Volunteer>>,
    assigned: RefCell<BTreeMap<u16, Vec<Rc<Volunteer>>>>,
}

async fn load_availability(csv: &str) -> Vec<Rc<Volunteer>> {
    let mut out = Vec::new();
    for (n, row) in csv.lines().skip(1).enumerate() {
        let cols: Vec<&str> = row.split(';').collect();
        if cols.len() < 3 {
            continue;
        }
        let roles = cols[1]
            .split('+')
            .filter_map(|r| match r.trim() {
                "driver" => Some(Role::Driver),
                "sorter" => Some(Role::Sorter),
                "desk" => Some(Role::FrontDesk),
                _ => None,
            })
            .collect();
        let mut days = [false; 5];
        for d in cols[2].split(',') {
            if let Some(i) = DAYS.iter().position(|x| x.eq_ignore_ascii_case(d.trim())) {
                days[i] = true;
            }
        }
        out.push(Rc::new(Volunteer { name: cols[0].to_string(), roles, days, hours: Cell::new(Duration::ZERO) }));
        if n % 2 == 1 {
            Yield { left: 1 }.await;
        }
    }
    out
}

fn send_reminder(name: String, shift: Shift) -> Pin<Box<dyn Future<Output = bool> + Send>> {
    Box::pin(async move {
        Yield { left: 1 }.await;
        let msg = format!("Hi {name}, see you {} {}:00 ({:?})", DAYS[shift.day], shift.start_h, shift.role);
        Yield { left: 1 }.await;
        !msg.is_empty()
    })
}

impl Roster {
    fn eligible(&self, shift: &Shift, exclude: &[String]) -> Vec<Rc<Volunteer>> {
        let mut c: Vec<Rc<Volunteer>> = self
            .volunteers
            .iter()
            .filter(|v| v.roles.contains(&shift.role) && v.days[shift.day] && v.hours.get() + shift.len <= MAX_WEEKLY)
            .filter(|v| !exclude.contains(&v.name))
            .cloned()
            .collect();
        c.sort_by_key(|v| (v.hours.get(), v.name.clone()));
        c
    }

    async fn fill(&self, shifts: &[Shift]) -> Vec<u16> {
        let mut understaffed = Vec::new();
        let mut ordered: Vec<&Shift> = shifts.iter().collect();
        ordered.sort_by_key(|s| (s.role != Role::Driver, s.day, s.start_h));
        for shift in ordered {
            let mut crew: Vec<Rc<Volunteer>> = Vec::new();
            for v in self.eligible(shift, &[]).into_iter().take(shift.needed as usize) {
                v.hours.set(v.hours.get() + shift.len);
                if !send_reminder(v.name.clone(), shift.clone()).await {
                    continue;
                }
                crew.push(v);
            }
            if crew.len() < shift.needed as usize {
                understaffed.push(shift.id);
            }
            self.assigned.borrow_mut().insert(shift.id, crew);
            Yield { left: 1 }.await;
        }
        understaffed
    }

    async fn swap(&self, shifts: &HashMap<u16, Shift>, shift_id: u16, who: &str) -> SwapOutcome {
        let shift = &shifts[&shift_id];
        let current: Vec<String> = match self.assigned.borrow().get(&shift_id) {
            Some(crew) if crew.iter().any(|v| v.name == who) => crew.iter().map(|v| v.name.clone()).collect(),
            _ => return SwapOutcome::NotAssigned,
        };
        Yield { left: 2 }.await;
        let Some(cover) = self.eligible(shift, &current).into_iter().next() else {
            return SwapOutcome::NoCover(shift_id);
        };
        send_reminder(cover.name.clone(), shift.clone()).await;
        let mut assigned = self.assigned.borrow_mut();
        let crew = assigned.get_mut(&shift_id).unwrap();
        if let Some(pos) = crew.iter().position(|v| v.name == who) {
            let leaving = crew.remove(pos);
            leaving.hours.set(leaving.hours.get().saturating_sub(shift.len));
        }
        cover.hours.set(cover.hours.get() + shift.len);
        crew.push(Rc::clone(&cover));
        SwapOutcome::Swapped { shift: shift_id, from: who.to_string(), to: cover.name.clone() }
    }
}

fn main() {
    let csv = "name;roles;days\nAmara;driver+sorter;Mon,Wed,Fri\nBo;sorter;Mon,Tue,Wed,Thu,Fri\nCleo;desk+sorter;Tue,Thu\nDrew;driver;Mon,Tue\nEsi;desk;Mon,Wed,Fri\nFinn;sorter+desk;Wed\nGus;sorter+driver;Mon,Wed,Fri\nHana;sorter;Mon\nbroken-row";
    let volunteers = block_on(load_availability(csv));
    let h = |n: u64| Duration::from_secs(n * 3600);
    let shifts = vec![
        Shift { id: 1, day: 0, start_h: 8, len: h(4), role: Role::Driver, needed: 1 },
        Shift { id: 2, day: 0, start_h: 9, len: h(3), role: Role::Sorter, needed: 2 },
        Shift { id: 3, day: 2, start_h: 9, len: h(3), role: Role::Sorter, needed: 3 },
        Shift { id: 4, day: 2, start_h: 12, len: h(4), role: Role::FrontDesk, needed: 1 },
        Shift { id: 5, day: 4, start_h: 8, len: h(4), role: Role::Driver, needed: 2 },
        Shift { id: 6, day: 1, start_h: 10, len: h(2), role: Role::FrontDesk, needed: 1 },
    ];
    let roster = Roster { volunteers, assigned: RefCell::new(BTreeMap::new()) };
    let short = block_on(roster.fill(&shifts));
    for (id, crew) in roster.assigned.borrow().iter() {
        println!("shift {id}: {:?}", crew.iter().map(|v| v.name.as_str()).collect::<Vec<_>>());
    }
    println!("understaffed: {:?}", short);
    let by_id: HashMap<u16, Shift> = shifts.iter().map(|s| (s.id, s.clone())).collect();
    let mut requests = VecDeque::from([(2u16, "Bo"), (5, "Amara"), (4, "Drew")]);
    while let Some((sid, who)) = requests.pop_front() {
        println!("swap {sid}/{who}: {:?}", block_on(roster.swap(&by_id, sid, who)));
    }
    let hours: Vec<(String, u64)> = roster.volunteers.iter().map(|v| (v.name.clone(), v.hours.get().as_secs() / 3600)).collect();
    println!("hours: {:?}", hours);
}
