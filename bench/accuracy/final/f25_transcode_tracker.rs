#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Video transcode job tracker: submits renditions for uploaded videos,
// polls job progress and marks videos ready when all renditions finish.

use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum JobState {
    Queued,
    Running(u8),
    Done,
    Failed,
}

#[derive(Debug, Clone)]
pub struct Rendition {
    pub height: u32,
    pub bitrate_kbps: u32,
    pub job_id: Option<u64>,
    pub state: JobState,
}

pub struct Tracker {
    pub videos: HashMap<String, Vec<Rendition>>,
    pub next_job: u64,
}

async fn submit_job(video: &str, height: u32, bitrate: u32) -> Result<u64, String> {
    if height > 2160 {
        return Err(format!("{}p not supported", height));
    }
    Ok(height as u64 * 1000 + bitrate as u64)
}

async fn poll_job(job_id: u64, attempt: u32) -> JobState {
    match attempt {
        0 => JobState::Queued,
        1..=3 => JobState::Running((attempt * 30) as u8),
        _ if job_id % 7 == 0 => JobState::Failed,
        _ => JobState::Done,
    }
}

async fn publish(video: &str) -> bool {
    !video.is_empty()
}

impl Tracker {
    pub async fn submit(&mut self, video: &str, source_height: u32) -> usize {
        let ladder = vec![(2160, 16_000), (1080, 5_000), (720, 2_500), (480, 1_000)];
        let mut renditions = Vec::new();
        for (height, bitrate) in ladder {
            if height > source_height {
                continue;
            }
            let mut r = Rendition { height, bitrate_kbps: bitrate, job_id: None, state: JobState::Queued };
            match submit_job(video, height, bitrate).await {
                Ok(id) => r.job_id = Some(id),
                Err(e) => {
                    println!("{}", e);
                    r.state = JobState::Failed;
                }
            }
            renditions.push(r);
        }
        let n = renditions.len();
        self.videos.insert(video.to_string(), renditions);
        n
    }

    pub async fn wait_ready(&mut self, video: &str, max_polls: u32) -> Result<bool, String> {
        let renditions = self.videos.get_mut(video).ok_or("unknown video")?;
        let mut attempt = 0;
        while attempt < max_polls {
            let mut pending = 0;
            for r in renditions.iter_mut() {
                let Some(job) = r.job_id else { continue };
                if matches!(r.state, JobState::Done | JobState::Failed) {
                    continue;
                }
                r.state = poll_job(job, attempt).await;
                if let JobState::Running(p) = r.state {
                    pending += 1;
                    if p > 50 {
                        println!("{}p at {}%", r.height, p);
                    }
                } else if r.state == JobState::Queued {
                    pending += 1;
                }
            }
            if pending == 0 {
                break;
            }
            attempt += 1;
        }
        let done = renditions.iter().filter(|r| r.state == JobState::Done).count();
        if done == 0 {
            return Err(format!("no renditions finished for {}", video));
        }
        Ok(done == renditions.len() && publish(video).await)
    }
}

pub async fn process_uploads(uploads: Vec<(String, u32)>) -> Vec<String> {
    let mut tracker = Tracker { videos: HashMap::new(), next_job: 1 };
    let mut ready = Vec::new();
    for (video, height) in &uploads {
        if tracker.submit(video, *height).await == 0 {
            continue;
        }
        match tracker.wait_ready(video, 10).await {
            Ok(true) => ready.push(video.clone()),
            Ok(false) => println!("{} partially ready", video),
            Err(e) => println!("{}", e),
        }
    }
    let announced = async {
        let mut n = 0;
        for v in &ready {
            if publish(&format!("feed/{}", v)).await {
                n += 1;
            }
        }
        n
    };
    println!("announced {} videos", announced.await);
    ready
}
