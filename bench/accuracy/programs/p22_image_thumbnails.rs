#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

#[derive(Debug, Clone, Copy, PartialEq)]
enum Format {
    Png,
    Jpeg,
    Webp,
}

#[derive(Debug)]
struct Image {
    name: String,
    width: u32,
    height: u32,
    format: Format,
    pixels: Vec<u8>,
}

#[derive(Debug)]
struct Thumb {
    name: String,
    bytes: usize,
}

async fn load_image(name: &str) -> Result<Image, String> {
    let format = if name.ends_with(".png") {
        Format::Png
    } else if name.ends_with(".jpg") {
        Format::Jpeg
    } else {
        return Err(format!("unsupported: {}", name));
    };
    Ok(Image { name: name.to_string(), width: 800, height: 600, format, pixels: vec![128; 64] })
}

async fn encode(pixels: &[u8], format: Format, quality: u8) -> Vec<u8> {
    let keep = pixels.len() * quality as usize / 100;
    pixels[..keep].to_vec()
}

async fn upload(key: String, data: Vec<u8>) -> Result<usize, String> {
    Ok(data.len() + key.len())
}

fn scale(w: u32, h: u32, max: u32) -> (u32, u32) {
    if w <= max && h <= max {
        return (w, h);
    }
    if w >= h { (max, h * max / w) } else { (w * max / h, max) }
}

async fn make_thumb(img: &Image, max_side: u32) -> Thumb {
    let (w, h) = scale(img.width, img.height, max_side);
    let target = if img.format == Format::Png { Format::Png } else { Format::Webp };
    let quality: u8 = match (w, target) {
        (0..=64, _) => 60,
        (_, Format::Webp) => 80,
        _ => 90,
    };
    let data = encode(&img.pixels, target, quality).await;
    Thumb { name: format!("{}_{}x{}", img.name, w, h), bytes: data.len() }
}

async fn process(names: Vec<String>, sizes: [u32; 3]) -> (Vec<Thumb>, Vec<String>) {
    let mut thumbs = Vec::new();
    let mut errors = Vec::new();
    for name in &names {
        let img = match load_image(name).await {
            Ok(i) => i,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        for size in sizes {
            let t = make_thumb(&img, size).await;
            let key = t.name.clone();
            let stored = upload(key, encode(&img.pixels, Format::Webp, 50).await).await;
            if let Err(e) = stored {
                errors.push(e);
            }
            thumbs.push(t);
        }
        drop(img);
    }
    (thumbs, errors)
}

async fn thumbnail_job() -> usize {
    let names = vec!["cat.png".to_string(), "dog.jpg".to_string(), "doc.pdf".to_string()];
    let (thumbs, errors) = process(names, [64, 128, 256]).await;
    let total_bytes: usize = thumbs.iter().map(|t| t.bytes).sum();
    assert!(errors.len() <= 1, "unexpected errors: {:?}", errors);
    total_bytes
}
