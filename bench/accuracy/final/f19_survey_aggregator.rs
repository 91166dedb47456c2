#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Survey results aggregator: pulls responses page by page, validates
// answers against the questionnaire and computes per-question stats.

use std::collections::HashMap;

#[derive(Debug, Clone)]
pub enum Answer {
    Scale(u8),
    Choice(String),
    Text(String),
    Skipped,
}

#[derive(Debug)]
pub struct Response {
    pub respondent: u32,
    pub answers: Vec<Answer>,
}

#[derive(Debug, Default)]
pub struct QuestionStats {
    pub count: u32,
    pub scale_sum: u32,
    pub choices: HashMap<String, u32>,
    pub words: usize,
}

async fn fetch_page(survey: &str, page: u32) -> Result<Vec<Response>, String> {
    if page > 2 {
        return Ok(Vec::new());
    }
    Ok(vec![Response {
        respondent: page,
        answers: vec![Answer::Scale(4), Answer::Choice("blue".into()), Answer::Text("more coffee".into())],
    }])
}

async fn question_count(survey: &str) -> usize {
    3
}

async fn is_duplicate(respondent: u32) -> bool {
    respondent == 99
}

pub async fn aggregate(survey: &str) -> Result<Vec<QuestionStats>, String> {
    let n = question_count(survey).await;
    let mut stats: Vec<QuestionStats> = (0..n).map(|_| QuestionStats::default()).collect();
    let mut page = 0;
    loop {
        let responses = fetch_page(survey, page).await?;
        if responses.is_empty() {
            break;
        }
        page += 1;
        for resp in &responses {
            if resp.answers.len() != n || is_duplicate(resp.respondent).await {
                continue;
            }
            for (q, answer) in resp.answers.iter().enumerate() {
                let s = &mut stats[q];
                match answer {
                    Answer::Skipped => continue,
                    Answer::Scale(v) if *v > 5 => continue,
                    Answer::Scale(v) => s.scale_sum += *v as u32,
                    Answer::Choice(c) => *s.choices.entry(c.to_lowercase()).or_insert(0) += 1,
                    Answer::Text(t) => s.words += t.split_whitespace().count(),
                }
                s.count += 1;
            }
        }
    }
    Ok(stats)
}

pub async fn headline(survey: String) -> String {
    let stats = match aggregate(&survey).await {
        Ok(s) => s,
        Err(e) => return format!("survey {} unavailable: {}", survey, e),
    };
    let mut parts = Vec::new();
    for (i, s) in stats.iter().enumerate() {
        if s.count == 0 {
            continue;
        }
        if s.scale_sum > 0 {
            parts.push(format!("Q{} avg {:.1}", i + 1, s.scale_sum as f64 / s.count as f64));
        } else if let Some((top, votes)) = s.choices.iter().max_by_key(|(_, v)| **v) {
            parts.push(format!("Q{} top '{}' ({})", i + 1, top, votes));
        }
    }
    parts.join("; ")
}

pub async fn compare(a: String, b: String) -> Option<i64> {
    let first = async move { aggregate(&a).await.ok() };
    let second = async move { aggregate(&b).await.ok() };
    let sa = first.await?;
    let sb = second.await?;
    let total = |v: &Vec<QuestionStats>| v.iter().map(|s| s.count as i64).sum::<i64>();
    Some(total(&sa) - total(&sb))
}
