#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Parking garage controller: handles entry and exit gates, assigns levels,
// and charges tickets on exit.

#[derive(Debug, Clone, PartialEq)]
pub enum Vehicle {
    Car(String),
    Motorbike(String),
    Van { plate: String, height_cm: u32 },
}

impl Vehicle {
    fn plate(&self) -> &str {
        match self {
            Vehicle::Car(p) | Vehicle::Motorbike(p) => p,
            Vehicle::Van { plate, .. } => plate,
        }
    }
}

#[derive(Debug)]
pub struct Ticket {
    pub plate: String,
    pub level: usize,
    pub entered_min: u32,
}

pub struct Garage {
    pub free_per_level: Vec<u32>,
    pub max_height_cm: Vec<u32>,
    pub tickets: Vec<Ticket>,
    pub revenue_cents: u64,
}

async fn read_plate(camera: u8) -> Option<Vehicle> {
    match camera {
        0 => Some(Vehicle::Car("B-XY-123".into())),
        1 => Some(Vehicle::Van { plate: "M-VA-9".into(), height_cm: 250 }),
        _ => None,
    }
}

async fn open_gate(gate: u8) -> bool {
    gate < 4
}

async fn clock_minutes() -> u32 {
    600
}

impl Garage {
    pub async fn enter(&mut self, gate: u8, camera: u8) -> Result<usize, String> {
        let vehicle = read_plate(camera).await.ok_or("plate not recognised")?;
        let height = if let Vehicle::Van { height_cm, .. } = &vehicle { *height_cm } else { 160 };
        let mut chosen = None;
        for (level, free) in self.free_per_level.iter_mut().enumerate() {
            if *free == 0 || self.max_height_cm[level] < height {
                continue;
            }
            *free -= 1;
            chosen = Some(level);
            break;
        }
        let level = chosen.ok_or_else(|| format!("no space for {}", vehicle.plate()))?;
        let ticket = Ticket { plate: vehicle.plate().to_string(), level, entered_min: clock_minutes().await };
        self.tickets.push(ticket);
        if !open_gate(gate).await {
            return Err("gate jammed".into());
        }
        Ok(level)
    }

    pub async fn exit(&mut self, gate: u8, plate: &str) -> Result<u64, String> {
        let pos = self.tickets.iter().position(|t| t.plate == plate).ok_or("no ticket")?;
        let ticket = self.tickets.remove(pos);
        let minutes = clock_minutes().await.saturating_sub(ticket.entered_min) + 45;
        let hours = (minutes + 59) / 60;
        let fee = match hours {
            0 | 1 => 0,
            h if h <= 4 => 250 * h as u64,
            h => 1000 + 150 * (h as u64 - 4),
        };
        self.free_per_level[ticket.level] += 1;
        self.revenue_cents += fee;
        let opened = open_gate(gate).await;
        assert!(opened, "exit gate must open");
        Ok(fee)
    }
}

pub async fn rush_hour(cameras: Vec<u8>) -> (u32, u64) {
    let mut garage = Garage {
        free_per_level: vec![1, 2, 0],
        max_height_cm: vec![300, 200, 200],
        tickets: Vec::new(),
        revenue_cents: 0,
    };
    let mut admitted = 0;
    for cam in cameras.iter() {
        if garage.enter(0, *cam).await.is_ok() {
            admitted += 1;
        }
    }
    let plates: Vec<String> = garage.tickets.iter().map(|t| t.plate.clone()).collect();
    for plate in &plates {
        match garage.exit(1, plate).await {
            Ok(fee) if fee > 0 => println!("{} paid {}", plate, fee),
            Ok(_) => {}
            Err(e) => println!("exit error: {}", e),
        }
    }
    (admitted, garage.revenue_cents)
}
