#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Content moderation pipeline: each post goes through a word filter, a
// spam classifier and, if uncertain, a human review queue.

#[derive(Debug, Clone)]
pub struct Post {
    pub id: u64,
    pub author: String,
    pub text: String,
}

#[derive(Debug, PartialEq)]
pub enum Verdict {
    Approved,
    Rejected(&'static str),
    NeedsReview(f32),
}

trait Stage {
    async fn check(&self, post: &Post) -> Option<Verdict>;
}

struct WordFilter {
    banned: Vec<&'static str>,
}

struct SpamModel {
    threshold: f32,
}

async fn spam_score(text: &str) -> f32 {
    let links = text.matches("http").count() as f32;
    (links * 0.3).min(1.0)
}

fn author_reputation(author: &str) -> i32 {
    author.len() as i32 - 3
}

impl Stage for WordFilter {
    async fn check(&self, post: &Post) -> Option<Verdict> {
        let lower = post.text.to_lowercase();
        for word in &self.banned {
            if lower.contains(word) {
                return Some(Verdict::Rejected("banned word"));
            }
        }
        None
    }
}

impl Stage for SpamModel {
    async fn check(&self, post: &Post) -> Option<Verdict> {
        let score = spam_score(&post.text).await + if author_reputation(&post.author) < 0 { 0.2 } else { 0.0 };
        match score {
            s if s >= self.threshold => Some(Verdict::Rejected("spam")),
            s if s >= self.threshold / 2.0 => Some(Verdict::NeedsReview(s)),
            _ => None,
        }
    }
}

pub async fn moderate(post: &Post) -> Verdict {
    let filter = WordFilter { banned: vec!["scam", "casino"] };
    let spam = SpamModel { threshold: 0.8 };
    if let Some(v) = filter.check(post).await {
        return v;
    }
    spam.check(post).await.unwrap_or(Verdict::Approved)
}

pub async fn moderate_batch(posts: Vec<Post>) -> (Vec<u64>, Vec<u64>) {
    let mut approved = Vec::new();
    let mut review_queue: Vec<u64> = Vec::new();
    for post in posts.iter() {
        let verdict = moderate(post).await;
        match verdict {
            Verdict::Approved => approved.push(post.id),
            Verdict::NeedsReview(score) if score > 0.6 => review_queue.insert(0, post.id),
            Verdict::NeedsReview(_) => review_queue.push(post.id),
            Verdict::Rejected(reason) => println!("post {} rejected: {}", post.id, reason),
        }
    }
    let average = async {
        let mut sum = 0.0f32;
        for p in &posts {
            sum += spam_score(&p.text).await;
        }
        sum / posts.len().max(1) as f32
    };
    println!("average spam score {:.2}", average.await);
    (approved, review_queue)
}

pub async fn rescore(texts: Vec<String>) -> f32 {
    let score_one = async |t: String| -> f32 { spam_score(&t).await * 100.0 };
    let mut total = 0.0;
    for t in texts {
        total += score_one(t).await;
    }
    total
}
