//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Video transcoding queue: jobs are split into segments and encoded per profile by pluggable encoders, producing HLS playlists.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::Mutex;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
    fn nothing(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, nothing, nothing, nothing);
    RawWaker::new(std::ptr::null(), &VT)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            break v;
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

#[derive(Debug, Clone, Copy, PartialEq)]
enum Profile { Sd480, Hd720, Hd1080 }

impl Profile {
    fn bitrate_kbps(self) -> u32 {
        match self {
            Profile::Sd480 => 1200,
            Profile::Hd720 => 3000,
            Profile::Hd1080 => 6000,
        }
    }
    fn label(self) -> &'static str {
        match self { Profile::Sd480 => "480p", Profile::Hd720 => "720p", Profile::Hd1080 => "1080p" }
    }
}

#[derive(Debug, Clone)]
struct Segment { index: u32, duration: Duration, frames: u32 }

#[derive(Debug, Clone)]
struct Job {
    id: u64,
    source: String,
    profiles: Vec<Profile>,
    segments: Vec<Segment>,
}

#[derive(Debug)]
enum EncodeError { Unsupported(Profile), Corrupt { job: u64, segment: u32 } }

trait Encoder {
    fn name(&self) -> &str;
    async fn encode_segment(&self, profile: Profile, seg: &Segment) -> Result<Vec<u8>, EncodeError>;
    async fn warmup(&self) -> u32 {
        Yield { left: 2 }.await;
        1
    }
}

struct SoftwareEncoder { threads: u32 }

struct GpuEncoder { device: u8, sessions: Cell<u32> }

impl Encoder for SoftwareEncoder {
    fn name(&self) -> &str {
        "x264"
    }
    async fn encode_segment(&self, profile: Profile, seg: &Segment) -> Result<Vec<u8>, EncodeError> {
        let work = seg.frames / self.threads + 1;
        Yield { left: work.min(4) }.await;
        if seg.frames == 0 {
            return Err(EncodeError::Corrupt { job: 0, segment: seg.index });
        }
        let size = profile.bitrate_kbps() as u128 * seg.duration.as_millis() / 8_000_000;
        Ok(vec![0u8; (size as usize).min(48)])
    }
}

impl Encoder for GpuEncoder {
    fn name(&self) -> &str {
        "nvenc"
    }
    async fn warmup(&self) -> u32 {
        self.sessions.set(0);
        Yield { left: 1 }.await;
        Yield { left: 1 }.await;
        4
    }
    async fn encode_segment(&self, profile: Profile, seg: &Segment) -> Result<Vec<u8>, EncodeError> {
        if profile == Profile::Sd480 {
            return Err(EncodeError::Unsupported(profile));
        }
        self.sessions.set(self.sessions.get() + 1);
        Yield { left: 1 }.await;
        let bytes: Vec<u8> = (0..seg.frames.min(32)).map(|f| (f as u8).wrapping_mul(self.device + 1)).collect();
        Ok(bytes)
    }
}

async fn transcode_job<E>(enc: &E, job: &Job) -> Result<String, EncodeError>
where
    E: Encoder,
{
    let slots = enc.warmup().await;
    let mut playlist = String::from("#EXTM3U\n");
    for profile in job.profiles.iter().copied() {
        playlist.push_str(&format!(
            "#EXT-X-STREAM-INF:BANDWIDTH={},NAME=\"{}\",ENCODER={}\n",
            profile.bitrate_kbps() * 1000,
            profile.label(),
            enc.name()
        ));
        let mut total = 0usize;
        for seg in &job.segments {
            let bytes = enc.encode_segment(profile, seg).await.map_err(|e| match e {
                EncodeError::Corrupt { segment, .. } => EncodeError::Corrupt { job: job.id, segment },
                other => other,
            })?;
            total += bytes.len();
        }
        playlist.push_str(&format!("{}/{}.m3u8 # {} bytes, {} slots\n", job.id, profile.label(), total, slots));
    }
    Ok(playlist)
}

struct TranscodeQueue {
    pending: Mutex<VecDeque<Job>>,
    done: RefCell<Vec<String>>,
}

impl TranscodeQueue {
    async fn submit(&self, job: Job) -> usize {
        Yield { left: 1 }.await;
        let mut q = self.pending.lock().unwrap();
        q.push_back(job);
        q.len()
    }

    async fn skip_empty(&self) -> u32 {
        let mut skipped = 0;
        loop {
            if let Some(front) = self.pending.lock().unwrap().front()
                && front.segments.is_empty()
            {
                skipped += 1;
            } else {
                Yield { left: 1 }.await;
                break;
            }
            self.pending.lock().unwrap().pop_front();
        }
        skipped
    }

    async fn drain<E: Encoder>(&self, enc: &E) -> (u32, u32) {
        let (mut ok, mut failed) = (0, 0);
        let progress = async |job: u64, pct: u32| {
            Yield { left: 1 }.await;
            format!("job {job}: {pct}%")
        };
        loop {
            let next = self.pending.lock().unwrap().pop_front();
            let Some(job) = next else { break };
            let note = progress(job.id, 0).await;
            match transcode_job(enc, &job).await {
                Ok(pl) => {
                    ok += 1;
                    self.done.borrow_mut().push(pl);
                }
                Err(EncodeError::Unsupported(p)) if job.profiles.len() > 1 => {
                    let retry = Job { profiles: job.profiles.iter().copied().filter(|x| *x != p).collect(), ..job };
                    match transcode_job(enc, &retry).await {
                        Ok(pl) => {
                            ok += 1;
                            self.done.borrow_mut().push(pl);
                        }
                        Err(_) => failed += 1,
                    }
                }
                Err(e) => {
                    failed += 1;
                    self.done.borrow_mut().push(format!("FAILED {e:?}"));
                }
            }
            let note = progress(0, 100).await;
        }
        (ok, failed)
    }
}

fn make_job(id: u64, secs: &[u64], profiles: &[Profile]) -> Job {
    let segments = secs
        .iter()
        .enumerate()
        .map(|(i, s)| Segment { index: i as u32, duration: Duration::from_secs(*s), frames: (*s as u32) * 30 })
        .collect();
    Job { id, source: format!("s3://uploads/{id}.mov"), profiles: profiles.to_vec(), segments }
}

fn main() {
    let q = TranscodeQueue { pending: Mutex::new(VecDeque::new()), done: RefCell::new(Vec::new()) };
    let all = [Profile::Sd480, Profile::Hd720, Profile::Hd1080];
    block_on(q.submit(make_job(1, &[], &all)));
    block_on(q.submit(make_job(2, &[6, 6, 4], &all)));
    block_on(q.submit(make_job(3, &[6, 0], &[Profile::Hd720])));
    let skipped = block_on(q.skip_empty());
    let sw = SoftwareEncoder { threads: 8 };
    let (ok, failed) = block_on(q.drain(&sw));

    block_on(q.submit(make_job(4, &[4, 4], &all)));
    let gpu = GpuEncoder { device: 0, sessions: Cell::new(0) };
    let (gok, gfailed) = block_on(q.drain(&gpu));
    let direct = block_on(transcode_job(&gpu, &make_job(5, &[2], &[Profile::Hd1080]))).unwrap();
    let w = block_on(sw.warmup()) + block_on(gpu.warmup());
    let seg = block_on(sw.encode_segment(Profile::Sd480, &Segment { index: 0, duration: Duration::from_secs(2), frames: 60 }));

    println!("skipped={skipped} sw ok={ok} failed={failed} gpu ok={gok} failed={gfailed} warm={w} seg={}", seg.map(|v| v.len()).unwrap_or(0));
    for pl in q.done.borrow().iter() {
        println!("{}", pl.lines().next().unwrap_or(""));
    }
    print!("{direct}");
}
