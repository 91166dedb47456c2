#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Calendar invite scheduler: finds the first slot where all attendees are
// free and sends out invites.

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slot {
    pub start: u32, // minutes since midnight
    pub end: u32,
}

impl Slot {
    fn overlaps(&self, other: &Slot) -> bool {
        self.start < other.end && other.start < self.end
    }
}

#[derive(Debug)]
pub struct Invite {
    pub title: String,
    pub slot: Slot,
    pub attendees: Vec<String>,
}

async fn busy_slots(person: &str) -> Result<Vec<Slot>, String> {
    if person.is_empty() {
        return Err("unknown attendee".into());
    }
    let offset = person.len() as u32 * 30;
    Ok(vec![Slot { start: 540 + offset, end: 600 + offset }])
}

async fn send_invite(to: &str, invite: &Invite) -> bool {
    !to.contains("noreply")
}

pub async fn find_slot(attendees: &[String], duration: u32) -> Result<Option<Slot>, String> {
    let mut all_busy: Vec<Slot> = Vec::new();
    for person in attendees {
        let mut busy = busy_slots(person).await?;
        all_busy.append(&mut busy);
    }
    let mut start = 9 * 60;
    while start + duration <= 17 * 60 {
        let candidate = Slot { start, end: start + duration };
        if all_busy.iter().any(|b| b.overlaps(&candidate)) {
            start += 15;
            continue;
        }
        return Ok(Some(candidate));
    }
    Ok(None)
}

pub async fn schedule(title: &str, attendees: Vec<String>, duration: u32) -> Result<Invite, String> {
    let Some(slot) = find_slot(&attendees, duration).await? else {
        return Err(format!("no free {}-minute slot", duration));
    };
    let invite = Invite { title: title.to_string(), slot, attendees };
    let mut failed = Vec::new();
    for who in invite.attendees.iter() {
        if !send_invite(who, &invite).await {
            failed.push(who.clone());
        }
    }
    if !failed.is_empty() {
        println!("could not invite: {}", failed.join(", "));
    }
    Ok(invite)
}

pub async fn local_times(invite: &Invite) -> Vec<(String, i32)> {
    let timezone_offset = async |person: &str| -> i32 {
        if person.ends_with(".us") { -360 } else { 60 }
    };
    let mut out = Vec::new();
    for person in &invite.attendees {
        let local = invite.slot.start as i32 + timezone_offset(person).await;
        let local = if local < 0 { local + 24 * 60 } else { local };
        out.push((person.clone(), local));
    }
    out
}

pub async fn weekly_standup(team: Vec<String>) -> u32 {
    let Some(lead) = team.first() else { return 0 };
    if busy_slots(lead).await.map(|b| b.len()).unwrap_or(0) > 4 {
        println!("{} is too busy this week", lead);
        return 0;
    }
    let mut booked = 0;
    for day in ["mon", "tue", "wed", "thu", "fri"] {
        let title = format!("standup-{}", day);
        match schedule(&title, team.clone(), 15).await {
            Ok(inv) if inv.slot.start < 600 => booked += 1,
            Ok(inv) => println!("late standup on {} at {}", day, inv.slot.start),
            Err(e) => {
                println!("{}", e);
                break;
            }
        }
    }
    let recap = Invite { title: "weekly recap".into(), slot: Slot { start: 16 * 60, end: 16 * 60 + 30 }, attendees: team };
    if booked > 0 && send_invite(&recap.attendees[0], &recap).await {
        booked += 1;
    }
    booked
}
