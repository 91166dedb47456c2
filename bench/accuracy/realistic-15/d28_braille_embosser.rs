//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Braille production service for a transcription office: translates print text to
//! uncontracted (grade 1) braille cells, formats pages for the paper size and sends them to
//! networked embossers as North American ASCII braille.

use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
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

const NABCC: &[u8; 64] = b" A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)=";
const A_TO_J: [u8; 10] = [0x01, 0x03, 0x09, 0x19, 0x11, 0x0B, 0x1B, 0x13, 0x0A, 0x1A];
const NUMBER_SIGN: u8 = 0x3C;
const CAPITAL: u8 = 0x20;

#[derive(Debug)]
enum BrailleError { Untranslatable(char), Embosser { device: String, code: u16 }, WordTooLong(String) }

fn letter_cell(c: char) -> Option<u8> {
    let i = (c as u8).checked_sub(b'a')? as usize;
    Some(match c {
        'a'..='j' => A_TO_J[i],
        'k'..='t' => A_TO_J[i - 10] | 0x04,
        'u' => 0x25,
        'v' => 0x27,
        'x' => 0x2D,
        'y' => 0x3D,
        'z' => 0x35,
        'w' => 0x3A,
        _ => return None,
    })
}

fn translate_word(word: &str) -> Result<Vec<u8>, BrailleError> {
    let mut cells = Vec::with_capacity(word.len() + 2);
    let mut in_number = false;
    for c in word.chars() {
        match c {
            '0'..='9' => {
                if !in_number { cells.push(NUMBER_SIGN); in_number = true; }
                cells.push(A_TO_J[(c as u8 - b'0' + 9) as usize % 10]);
                continue;
            }
            c if c.is_ascii_uppercase() => { cells.push(CAPITAL); cells.push(letter_cell(c.to_ascii_lowercase()).unwrap()); }
            c if c.is_ascii_lowercase() => {
                if in_number && ('a'..='j').contains(&c) { cells.push(0x30); } // letter sign after numbers
                cells.push(letter_cell(c).unwrap());
            }
            '.' => cells.push(0x32),
            ',' => cells.push(0x02),
            '?' => cells.push(0x26),
            '!' => cells.push(0x16),
            '-' => cells.push(0x24),
            '\'' => cells.push(0x04),
            ';' => cells.push(0x06),
            ':' => cells.push(0x12),
            other => return Err(BrailleError::Untranslatable(other)),
        }
        in_number = false;
    }
    Ok(cells)
}

struct Page<const W: usize, const H: usize> { cells: [[u8; W]; H], number: u32 }

fn paginate<const W: usize, const H: usize>(text: &str) -> Result<Vec<Page<W, H>>, BrailleError> {
    let mut pages = vec![Page { cells: [[0u8; W]; H], number: 1 }];
    let (mut row, mut col) = (0usize, 0usize);
    for para in text.split("\n\n") {
        // paragraphs start with a two-cell indent, as in BANA formatting
        col = 2;
        for word in para.split_whitespace() {
            let cells = translate_word(word)?;
            if cells.len() > W { return Err(BrailleError::WordTooLong(word.to_string())); }
            if col + cells.len() > W { row += 1; col = 0; }
            if row >= H - 1 {
                let n = pages.len() as u32 + 1;
                pages.push(Page { cells: [[0u8; W]; H], number: n });
                row = 0;
            }
            let page = pages.last_mut().unwrap();
            page.cells[row][col..col + cells.len()].copy_from_slice(&cells);
            col += cells.len() + 1;
        }
        row += 1;
    }
    for p in pages.iter_mut() {
        // braille page number at the right of the last line
        let num = translate_word(&p.number.to_string())?;
        let start = W - num.len();
        p.cells[H - 1][start..].copy_from_slice(&num);
    }
    Ok(pages)
}

fn to_unicode(row: &[u8]) -> String { row.iter().map(|&d| char::from_u32(0x2800 + d as u32).unwrap()).collect::<String>().trim_end_matches('\u{2800}').to_string() }

trait Embosser {
    fn name(&self) -> String;
    async fn send_line(&mut self, ascii: &[u8]) -> Result<(), BrailleError>;
    async fn form_feed(&mut self) -> Result<(), BrailleError> { self.send_line(b"\x0c").await }
    async fn emboss<const W: usize, const H: usize>(&mut self, page: &Page<W, H>) -> Result<usize, BrailleError> {
        let mut bytes = 0;
        for row in &page.cells {
            let ascii: Vec<u8> = row.iter().map(|&d| NABCC[d as usize & 0x3F]).collect();
            let trimmed = ascii.iter().rposition(|&b| b != b' ').map_or(&ascii[..0], |i| &ascii[..=i]);
            self.send_line(trimmed).await?;
            bytes += trimmed.len() + 2;
        }
        self.form_feed().await?;
        Ok(bytes)
    }
}

struct NetworkEmbosser { host: &'static str, spool: Vec<u8>, jam_after: Option<usize> }
struct UsbEmbosser { serial: u32, lines: usize }

impl Embosser for NetworkEmbosser {
    fn name(&self) -> String { format!("Index@{}", self.host) }
    async fn send_line(&mut self, ascii: &[u8]) -> Result<(), BrailleError> {
        if self.jam_after.map_or(false, |j| self.spool.len() > j) { return Err(BrailleError::Embosser { device: self.name(), code: 0x31 }); }
        self.spool.extend_from_slice(ascii);
        self.spool.extend_from_slice(b"\r\n");
        yield_now().await;
        Ok(())
    }
}
impl Embosser for UsbEmbosser {
    fn name(&self) -> String { format!("ViewPlus#{}", self.serial) }
    async fn send_line(&mut self, ascii: &[u8]) -> Result<(), BrailleError> { self.lines += 1; yield_now().await; Ok(()) }
    async fn form_feed(&mut self) -> Result<(), BrailleError> { self.lines = 0; Ok(()) }
}

async fn run_queue<E: Embosser>(dev: &mut E, queue: Arc<Mutex<VecDeque<(String, &'static str)>>>, report: &mut BTreeMap<String, String>) {
    loop {
        let Some((job, text)) = queue.lock().unwrap().pop_front() else { break };
        let result = match paginate::<40, 25>(text) {
            Ok(pages) => {
                let mut total = 0;
                let mut err = None;
                for p in &pages { match dev.emboss(p).await { Ok(b) => total += b, Err(e) => { err = Some(e); break; } } }
                match err { None => format!("{} pages, {total} bytes on {}", pages.len(), dev.name()), Some(e) => format!("FAILED {e:?}") }
            }
            Err(e) => format!("rejected {e:?}"),
        };
        report.insert(job, result);
    }
}

fn main() {
    let letter = "Dear Ms. Okafor,\n\nYour order 1984 ships on the 3rd. Call 555-0199 if anything is wrong!\n\nThanks, the Braille Unit.";
    let pages = paginate::<40, 25>(letter).expect("letter");
    for row in pages[0].cells.iter().take(4) { println!("{}", to_unicode(row)); }
    let narrow = paginate::<32, 28>(&"word ".repeat(300)).expect("narrow");
    println!("narrow paper: {} pages, last page number row {}", narrow.len(), to_unicode(&narrow.last().unwrap().cells[27]));

    let queue = Arc::new(Mutex::new(VecDeque::from([
        ("J-101 letter".to_string(), letter),
        ("J-102 menu".to_string(), "Soup of the day: leek, 4.50\n\nBread: free"),
        ("J-103 math".to_string(), "x = 2 + 2"),
        ("J-104 long".to_string(), "chapter one. It was a dark night. "),
    ])));
    let mut report = BTreeMap::new();
    let mut index = NetworkEmbosser { host: "10.0.4.21", spool: Vec::new(), jam_after: Some(400) };
    block_on(run_queue(&mut index, queue.clone(), &mut report));
    queue.lock().unwrap().push_back(("J-105 retry".to_string(), letter));
    let mut viewplus = UsbEmbosser { serial: 7781, lines: 0 };
    block_on(run_queue(&mut viewplus, queue.clone(), &mut report));
    for (job, r) in &report { println!("{job}: {r}"); }
    let direct = block_on(viewplus.emboss(&narrow[0]));
    let ff = block_on(index.form_feed());
    println!("direct narrow page {direct:?}, spool head {:?}, ff {ff:?}", String::from_utf8_lossy(&index.spool[..40.min(index.spool.len())]));
}
