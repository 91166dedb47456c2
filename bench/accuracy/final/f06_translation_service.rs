#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Translation service with glossary: glossary terms are protected before
// machine translation and restored afterwards.

use std::collections::HashMap;

pub struct Glossary {
    pub terms: HashMap<String, String>,
}

pub struct Translator {
    pub glossary: Glossary,
    pub source: String,
    pub target: String,
    pub chars_used: usize,
    pub quota: usize,
}

async fn machine_translate(text: &str, source: &str, target: &str) -> Result<String, String> {
    if source == target {
        return Ok(text.to_string());
    }
    Ok(text.to_uppercase())
}

async fn load_glossary(lang: &str) -> Glossary {
    let mut terms = HashMap::new();
    terms.insert("Widget".to_string(), format!("Widget-{}", lang));
    Glossary { terms }
}

async fn detect_language(text: &str) -> Option<String> {
    if text.chars().any(|c| c == 'ß' || c == 'ü') {
        Some("de".into())
    } else if text.is_empty() {
        None
    } else {
        Some("en".into())
    }
}

impl Translator {
    pub async fn new(source: &str, target: &str) -> Translator {
        Translator {
            glossary: load_glossary(target).await,
            source: source.to_string(),
            target: target.to_string(),
            chars_used: 0,
            quota: 10_000,
        }
    }

    pub async fn translate(&mut self, text: &str) -> Result<String, String> {
        let cost = text.chars().count();
        if self.chars_used + cost > self.quota {
            return Err("quota exceeded".into());
        }
        let mut protected = text.to_string();
        let mut placeholders: Vec<(String, &String)> = Vec::new();
        for (i, (term, replacement)) in self.glossary.terms.iter().enumerate() {
            let marker = format!("__G{}__", i);
            if protected.contains(term.as_str()) {
                protected = protected.replace(term.as_str(), &marker);
                placeholders.push((marker, replacement));
            }
        }
        let translated = machine_translate(&protected, &self.source, &self.target).await?;
        let mut result = translated;
        for (marker, replacement) in placeholders {
            result = result.replace(&marker.to_uppercase(), replacement);
            result = result.replace(&marker, replacement);
        }
        self.chars_used += cost;
        Ok(result)
    }
}

pub async fn translate_document(lines: Vec<String>, target: &str) -> (Vec<String>, u32) {
    let first = lines.first().cloned().unwrap_or_default();
    let source = detect_language(&first).await.unwrap_or_else(|| "en".to_string());
    let mut tr = Translator::new(&source, target).await;
    let mut out = Vec::with_capacity(lines.len());
    let mut errors = 0u32;
    for line in lines.iter() {
        if line.trim().is_empty() {
            out.push(String::new());
            continue;
        }
        match tr.translate(line).await {
            Ok(t) => out.push(t),
            Err(e) if e == "quota exceeded" => break,
            Err(_) => {
                errors += 1;
                out.push(line.clone());
            }
        }
    }
    let sample = first.clone();
    let round_trip = async move {
        let forward = machine_translate(&sample, "en", "fr").await;
        let Ok(fr) = forward else { return false };
        let back = machine_translate(&fr, "fr", "en").await.unwrap_or_default();
        back.to_lowercase() == sample.to_lowercase()
    };
    if !round_trip.await {
        errors += 1;
    }
    (out, errors)
}
