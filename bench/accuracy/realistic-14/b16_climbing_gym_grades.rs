//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Climbing gym route board: gathers climbers' grade votes from the app and paper cards,
//! converts Font and V grades, computes a trimmed consensus and flags sandbagged problems.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}
async fn yield_now() {
    Yield(false).await
}
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug)]
enum GradeError {
    Unrecognised(String),
    UnknownProblem(String),
}

const FONT: [&str; 18] = ["4", "5", "5+", "6A", "6A+", "6B", "6B+", "6C", "6C+", "7A", "7A+", "7B", "7B+", "7C", "7C+", "8A", "8A+", "8B"];
const FONT_TO_V: [u8; 18] = [0, 1, 2, 3, 3, 4, 4, 5, 5, 6, 7, 8, 8, 9, 10, 11, 12, 13];

fn to_v(grade: &str) -> Result<u8, GradeError> {
    let g = grade.trim().to_ascii_uppercase();
    if let Some(rest) = g.strip_prefix('V') {
        return rest.parse::<u8>().ok().filter(|v| *v <= 17).ok_or(GradeError::Unrecognised(grade.to_string()));
    }
    FONT.iter()
        .position(|f| *f == g)
        .map(|i| FONT_TO_V[i])
        .ok_or_else(|| GradeError::Unrecognised(grade.to_string()))
}

trait VoteSource {
    fn channel(&self) -> &str;
    async fn pull(&self) -> Vec<(String, String)>;
    async fn votes(&self) -> (Vec<(String, u8)>, Vec<GradeError>) {
        let mut ok = Vec::new();
        let mut bad = Vec::new();
        for (problem, grade) in self.pull().await {
            match to_v(&grade) {
                Ok(v) => ok.push((problem, v)),
                Err(e) => bad.push(e),
            }
        }
        (ok, bad)
    }
}

struct AppFeed {
    pages: RefCell<Vec<Vec<(&'static str, &'static str)>>>,
}

struct PaperCards {
    scanned: String,
}

impl VoteSource for AppFeed {
    fn channel(&self) -> &str {
        "app"
    }
    async fn pull(&self) -> Vec<(String, String)> {
        let mut all = Vec::new();
        loop {
            let page = self.pages.borrow_mut().pop();
            let Some(page) = page else { break };
            yield_now().await;
            all.extend(page.into_iter().map(|(p, g)| (p.to_string(), g.to_string())));
        }
        all
    }
}

impl VoteSource for PaperCards {
    fn channel(&self) -> &str {
        "paper"
    }
    async fn pull(&self) -> Vec<(String, String)> {
        yield_now().await;
        self.scanned
            .lines()
            .filter_map(|l| l.split_once(':'))
            .flat_map(|(p, gs)| gs.split(',').map(move |g| (p.trim().to_string(), g.trim().to_string())))
            .collect()
    }
}

fn trimmed_mean(mut v: Vec<u8>) -> f64 {
    v.sort_unstable();
    let cut = v.len() / 5;
    let core = &v[cut..v.len() - cut];
    core.iter().map(|&x| x as f64).sum::<f64>() / core.len() as f64
}

async fn ingest<S>(board: &Rc<RefCell<BTreeMap<String, Vec<u8>>>>, src: &S) -> Result<usize, GradeError>
where
    S: VoteSource,
{
    let (votes, errors) = src.votes().await;
    if let Some(e) = errors.into_iter().next() {
        println!("{}: skipped {:?}", src.channel(), e);
    }
    let mut n = 0;
    for (problem, v) in votes {
        let mut b = board.borrow_mut();
        let slot = b.get_mut(&problem).ok_or_else(|| GradeError::UnknownProblem(problem.clone()))?;
        slot.push(v);
        n += 1;
    }
    Ok(n)
}

pub fn main() {
    let setter: HashMap<&str, &str> = HashMap::from([("blue-12", "V3"), ("red-4", "6C"), ("pink-7", "V6")]);
    let board = Rc::new(RefCell::new(setter.keys().map(|k| (k.to_string(), Vec::new())).collect::<BTreeMap<_, _>>()));

    let app = AppFeed {
        pages: RefCell::new(vec![
            vec![("blue-12", "V4"), ("blue-12", "6B+"), ("red-4", "V5"), ("pink-7", "7B")],
            vec![("blue-12", "V5"), ("red-4", "6C+"), ("red-4", "V12"), ("pink-7", "V8"), ("pink-7", "v??")],
        ]),
    };
    let paper = PaperCards { scanned: "blue-12: V4, V4, 6C\nred-4: V5, V4\npink-7: 7A+, V7\n".to_string() };
    let stray = PaperCards { scanned: "green-1: V2".to_string() };

    println!("app: {:?}", block_on(ingest(&board, &app)));
    println!("paper: {:?}", block_on(ingest(&board, &paper)));
    println!("stray: {:?}", block_on(ingest(&board, &stray)));

    let review = async |problem: &str| -> Option<String> {
        yield_now().await;
        let votes = board.borrow().get(problem).cloned()?;
        let set = to_v(setter.get(problem)?).ok()?;
        let consensus = trimmed_mean(votes.clone());
        let verdict = match consensus - set as f64 {
            d if d >= 1.0 => "sandbagged",
            d if d <= -1.0 => "soft",
            _ => "fair",
        };
        Some(format!("{problem}: set V{set}, crowd V{consensus:.1} from {} votes -> {verdict}", votes.len()))
    };
    for p in ["blue-12", "red-4", "pink-7", "green-1"] {
        println!("{:?}", block_on(review(p)));
    }
}
