//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Wastewater lift station SCADA poller: reads Modbus-style holding registers from the
//! station RTU, runs lead/lag pump alternation on wet-well level and logs alarms.

use std::cell::RefCell;
use std::collections::VecDeque;
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

const REGS: usize = 32;
const REG_LEVEL_MM: usize = 0;
const REG_PUMP_AMPS: usize = 4; // 4..6
const REG_PUMP_RUNNING: usize = 8; // bitfield
const REG_FAULTS: usize = 9;
const REG_CMD: usize = 16;

#[derive(Debug)]
enum ModbusError { Timeout { unit: u8 }, IllegalAddress(u16), Crc(u16) }

trait Rtu {
    async fn read_holding(&mut self, start: u16, count: u16) -> Result<Vec<u16>, ModbusError>;
    async fn write_single(&mut self, addr: u16, value: u16) -> Result<(), ModbusError>;
}

struct SerialRtu { unit: u8, regs: [u16; REGS], inflow_mm: u16, drop_next: bool }
struct CellularRtu { regs: [u16; REGS], latency_polls: u8 }

fn crc16(bytes: &[u8]) -> u16 {
    let mut crc = 0xFFFFu16;
    for &b in bytes {
        crc ^= b as u16;
        for _ in 0..8 { crc = if crc & 1 != 0 { (crc >> 1) ^ 0xA001 } else { crc >> 1 }; }
    }
    crc
}

impl Rtu for SerialRtu {
    async fn read_holding(&mut self, start: u16, count: u16) -> Result<Vec<u16>, ModbusError> {
        yield_now().await;
        if std::mem::take(&mut self.drop_next) { return Err(ModbusError::Timeout { unit: self.unit }); }
        let end = start as usize + count as usize;
        if end > REGS { return Err(ModbusError::IllegalAddress(start)); }
        // simulate the process: level rises with inflow, falls with each running pump
        let running = self.regs[REG_PUMP_RUNNING].count_ones() as u16;
        self.regs[REG_LEVEL_MM] = (self.regs[REG_LEVEL_MM] + self.inflow_mm).saturating_sub(running * 300);
        let frame: Vec<u8> = self.regs[start as usize..end].iter().flat_map(|r| r.to_be_bytes()).collect();
        let crc = crc16(&frame);
        if crc == 0 { return Err(ModbusError::Crc(crc)); }
        Ok(frame.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect())
    }
    async fn write_single(&mut self, addr: u16, value: u16) -> Result<(), ModbusError> {
        yield_now().await;
        let slot = self.regs.get_mut(addr as usize).ok_or(ModbusError::IllegalAddress(addr))?;
        *slot = value;
        if addr as usize == REG_CMD {
            self.regs[REG_PUMP_RUNNING] = value & 0b11;
            for p in 0..2 { self.regs[REG_PUMP_AMPS + p] = if value & (1 << p) != 0 { 31 + p as u16 * 2 } else { 0 }; }
        }
        Ok(())
    }
}

impl Rtu for CellularRtu {
    async fn read_holding(&mut self, start: u16, count: u16) -> Result<Vec<u16>, ModbusError> {
        for _ in 0..self.latency_polls { yield_now().await; }
        self.regs.get(start as usize..(start + count) as usize).map(|s| s.to_vec()).ok_or(ModbusError::IllegalAddress(start))
    }
    async fn write_single(&mut self, addr: u16, value: u16) -> Result<(), ModbusError> {
        for _ in 0..self.latency_polls { yield_now().await; }
        *self.regs.get_mut(addr as usize).ok_or(ModbusError::IllegalAddress(addr))? = value;
        Ok(())
    }
}

#[derive(Debug, Clone, Copy)]
struct Setpoints { lead_on: u16, lag_on: u16, all_off: u16, high_alarm: u16 }

struct Controller { lead: usize, starts: [u32; 2], alarms: Rc<RefCell<VecDeque<String>>>, history: Vec<u16> }

impl Controller {
    fn alarm(&self, msg: String) {
        let mut q = self.alarms.borrow_mut();
        if q.len() == 8 { q.pop_front(); }
        q.push_back(msg);
    }

    async fn scan<R: Rtu>(&mut self, rtu: &mut R, sp: Setpoints) -> Result<u16, ModbusError> {
        let regs = match rtu.read_holding(0, 16).await {
            Ok(r) => r,
            Err(ModbusError::Timeout { unit }) => {
                self.alarm(format!("comm timeout unit {unit}, retrying"));
                rtu.read_holding(0, 16).await?
            }
            Err(e) => return Err(e),
        };
        let level = regs[REG_LEVEL_MM];
        let running = regs[REG_PUMP_RUNNING];
        self.history.push(level);
        if regs[REG_FAULTS] != 0 { self.alarm(format!("RTU fault word {:#06x}", regs[REG_FAULTS])); }
        if level >= sp.high_alarm { self.alarm(format!("HIGH WET WELL {level} mm")); }
        let lag = 1 - self.lead;
        let mut cmd = running;
        if level >= sp.lead_on { cmd |= 1 << self.lead; }
        if level >= sp.lag_on { cmd |= 1 << lag; }
        if level <= sp.all_off && running != 0 {
            cmd = 0;
            self.lead = lag; // alternate lead on every pump-down
        }
        if cmd != running {
            for p in 0..2 { if cmd & (1 << p) != 0 && running & (1 << p) == 0 { self.starts[p] += 1; } }
            rtu.write_single(REG_CMD as u16, cmd).await?;
        }
        Ok(level)
    }
}

fn run_cycles<'a, R: Rtu>(ctl: &'a mut Controller, rtu: &'a mut R, sp: Setpoints, n: usize) -> impl Future<Output = Result<usize, ModbusError>> + 'a {
    async move {
        for i in 0..n {
            ctl.scan(rtu, sp).await?;
        }
        Ok(n)
    }
}

fn main() {
    let sp = Setpoints { lead_on: 1800, lag_on: 2400, all_off: 600, high_alarm: 2700 };
    let alarms = Rc::new(RefCell::new(VecDeque::new()));
    let mut ctl = Controller { lead: 0, starts: [0; 2], alarms: alarms.clone(), history: vec![] };
    let mut regs = [0u16; REGS];
    regs[REG_LEVEL_MM] = 1500;
    let mut serial = SerialRtu { unit: 3, regs, inflow_mm: 120, drop_next: false };

    let done = block_on(run_cycles(&mut ctl, &mut serial, sp, 30));
    serial.drop_next = true;
    serial.regs[REG_FAULTS] = 0x0004;
    let lvl = block_on(ctl.scan(&mut serial, sp));
    println!("cycles {done:?}, last level {lvl:?}, starts {:?}, lead now P{}", ctl.starts, ctl.lead + 1);
    println!("level trace {:?}", ctl.history.iter().step_by(3).collect::<Vec<_>>());

    let mut cell = CellularRtu { regs: [0; REGS], latency_polls: 3 };
    cell.regs[REG_LEVEL_MM] = 2800;
    let mut ctl2 = Controller { lead: 1, starts: [0; 2], alarms: alarms.clone(), history: vec![] };
    let r = block_on(run_cycles(&mut ctl2, &mut cell, sp, 2));
    let bad = block_on(cell.read_holding(30, 4));
    let direct_write = block_on(serial.write_single(99, 1));
    let bad_serial = block_on(serial.read_holding(20, 16));
    println!("cell {r:?} cmd reg {:#b} bad read {bad:?} {direct_write:?} {bad_serial:?}", cell.regs[REG_CMD]);
    for a in alarms.borrow().iter() { println!("ALARM {a}"); }
    let crc_check = (|| async { crc16(b"\x01\x03\x00\x00\x00\x0a") })();
    println!("crc {:#06x}", block_on(crc_check));
}
