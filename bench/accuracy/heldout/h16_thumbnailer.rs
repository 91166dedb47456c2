#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Image thumbnailer pipeline: fetch -> decode -> resize -> encode -> store, per-stage errors.

#[derive(Debug, Clone)]
struct Image {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

#[derive(Debug)]
enum Stage {
    Fetch,
    Decode,
    Resize,
    Store,
}

#[derive(Debug)]
struct PipelineError {
    key: String,
    stage: Stage,
    detail: String,
}

async fn object_get(key: &str) -> Result<Vec<u8>, String> {
    if key.ends_with(".gif") {
        return Err("404".into());
    }
    Ok(vec![0x89, b'P', b'N', b'G', 4, 0, 3, 0].into_iter().chain(std::iter::repeat(128).take(12 * 3)).collect())
}

async fn object_put(key: &str, data: Vec<u8>) -> Result<u64, String> {
    Ok(data.len() as u64)
}

fn decode(bytes: &[u8]) -> Option<Image> {
    if bytes.len() < 8 || &bytes[1..4] != b"PNG" {
        return None;
    }
    let width = u16::from_le_bytes([bytes[4], bytes[5]]) as u32;
    let height = u16::from_le_bytes([bytes[6], bytes[7]]) as u32;
    Some(Image { width, height, pixels: bytes[8..].to_vec() })
}

fn resize(img: &Image, max_side: u32) -> Image {
    let scale = max_side as f32 / img.width.max(img.height) as f32;
    if scale >= 1.0 {
        return img.clone();
    }
    let (w, h) = (((img.width as f32) * scale) as u32, ((img.height as f32) * scale) as u32);
    Image { width: w.max(1), height: h.max(1), pixels: img.pixels.iter().step_by(2).copied().collect() }
}

async fn thumbnail(key: &str, sizes: &[u32]) -> Result<Vec<String>, PipelineError> {
    let err = |stage: Stage, detail: String| PipelineError { key: key.to_string(), stage, detail };
    let raw = object_get(key).await.map_err(|e| err(Stage::Fetch, e))?;
    let img = decode(&raw).ok_or_else(|| err(Stage::Decode, "not a png".into()))?;
    drop(raw);
    let mut stored = Vec::new();
    for &size in sizes {
        if size == 0 {
            return Err(err(Stage::Resize, "size 0".into()));
        }
        let small = resize(&img, size);
        let out_key = format!("thumbs/{}/{}", size, key);
        let written = object_put(&out_key, small.pixels).await.map_err(|e| err(Stage::Store, e))?;
        stored.push(format!("{} ({}x{}, {}b)", out_key, small.width, small.height, written));
    }
    Ok(stored)
}

async fn process_uploads(keys: Vec<String>) -> (usize, Vec<PipelineError>) {
    let mut made = 0;
    let mut errors = Vec::new();
    for key in keys.iter() {
        match thumbnail(key, &[2, 1]).await {
            Ok(list) => made += list.len(),
            Err(e) => errors.push(e),
        }
    }
    (made, errors)
}

pub async fn nightly() -> usize {
    let keys = vec!["a.png".to_string(), "b.gif".to_string(), "c.png".to_string()];
    let (made, errors) = process_uploads(keys).await;
    for e in &errors {
        println!("{} failed at {:?}: {}", e.key, e.stage, e.detail);
    }
    let verify = async move {
        let bytes = object_get("thumbs/2/a.png").await.ok()?;
        Some(bytes.len())
    };
    made + verify.await.unwrap_or(0)
}
