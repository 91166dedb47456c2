#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Recipe scaler service: scales ingredient quantities to a number of
// servings, converting units and rounding to kitchen-friendly amounts.

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Unit {
    Gram,
    Millilitre,
    Piece,
    Cup,
}

#[derive(Debug, Clone)]
pub struct Ingredient {
    pub name: String,
    pub amount: f64,
    pub unit: Unit,
}

#[derive(Debug)]
pub struct Recipe {
    pub title: String,
    pub servings: u32,
    pub ingredients: Vec<Ingredient>,
}

async fn load_recipe(id: u32) -> Option<Recipe> {
    if id == 0 {
        return None;
    }
    Some(Recipe {
        title: format!("recipe-{}", id),
        servings: 4,
        ingredients: vec![
            Ingredient { name: "flour".into(), amount: 250.0, unit: Unit::Gram },
            Ingredient { name: "milk".into(), amount: 1.5, unit: Unit::Cup },
            Ingredient { name: "egg".into(), amount: 2.0, unit: Unit::Piece },
        ],
    })
}

async fn density(name: &str) -> Option<f64> {
    match name {
        "milk" => Some(1.03),
        "oil" => Some(0.92),
        _ => None,
    }
}

fn round_friendly(x: f64, unit: Unit) -> f64 {
    match unit {
        Unit::Piece => x.ceil(),
        Unit::Gram | Unit::Millilitre if x > 100.0 => (x / 5.0).round() * 5.0,
        _ => (x * 4.0).round() / 4.0,
    }
}

pub async fn scale(id: u32, servings: u32, metric: bool) -> Result<Recipe, String> {
    let mut recipe = load_recipe(id).await.ok_or_else(|| format!("recipe {} not found", id))?;
    if servings == 0 {
        return Err("servings must be positive".into());
    }
    let factor = servings as f64 / recipe.servings as f64;
    for ing in recipe.ingredients.iter_mut() {
        ing.amount *= factor;
        if metric && ing.unit == Unit::Cup {
            let ml = ing.amount * 240.0;
            ing.amount = match density(&ing.name).await {
                Some(d) if d > 1.0 => {
                    ing.unit = Unit::Gram;
                    ml * d
                }
                _ => {
                    ing.unit = Unit::Millilitre;
                    ml
                }
            };
        }
        ing.amount = round_friendly(ing.amount, ing.unit);
    }
    recipe.servings = servings;
    Ok(recipe)
}

pub async fn shopping_list(ids: Vec<u32>, servings: u32) -> Vec<String> {
    let mut lines = Vec::new();
    for id in ids {
        let recipe = match scale(id, servings, true).await {
            Ok(r) => r,
            Err(e) => {
                lines.push(format!("# {}", e));
                continue;
            }
        };
        for ing in &recipe.ingredients {
            lines.push(format!("{}: {:.2} {:?}", ing.name, ing.amount, ing.unit));
        }
    }
    if lines.is_empty() {
        if let Some(r) = load_recipe(1).await {
            lines.push(format!("nothing found, try {}", r.title));
        }
    }
    lines
}

pub async fn total_weight(id: u32, servings: u32) -> Option<f64> {
    let recipe = scale(id, servings, true).await.ok()?;
    let original = load_recipe(id).await?;
    println!("scaled {} from {} to {} servings", original.title, original.servings, recipe.servings);
    let mut grams = 0.0;
    for ing in recipe.ingredients.iter().filter(|i| i.unit != Unit::Piece) {
        let d = density(&ing.name).await.unwrap_or(1.0);
        grams += if ing.unit == Unit::Millilitre { ing.amount * d } else { ing.amount };
    }
    Some(grams)
}
