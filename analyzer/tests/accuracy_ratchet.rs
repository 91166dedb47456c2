//! The accuracy figures the README gives, held as a ratchet: over each set of programs in
//! `bench/accuracy/`, compiled with rustc, the count of futures whose states match, of suspend
//! points whose saved locals match, of futures with an estimated size, and of those whose total
//! and whole layout equal rustc's, may only go up; so may, once rustc's layouts are attached
//! as `--rustc` attaches them, the count of futures with a size and of those equal to rustc's. When a change raises one, raise its floor
//! here (and the README's table) in the same commit.

mod common;

use common::accuracy::{self, Tally};

/// A set and its floors: (futures rustc lays out, states, saved, sized, total, whole layout,
/// and with rustc's numbers attached as `--rustc` does: sized, whole layout equal).
const FLOORS: [(&str, [usize; 8]); 19] = [
    ("programs", [261, 261, 274, 256, 253, 245, 261, 261]),
    ("final", [162, 162, 180, 160, 158, 150, 162, 162]),
    ("heldout", [196, 196, 233, 192, 187, 179, 196, 196]),
    ("realistic", [270, 270, 329, 268, 259, 244, 270, 270]),
    ("realistic-final", [233, 233, 242, 227, 222, 206, 233, 233]),
    ("realistic-3", [231, 222, 307, 215, 215, 200, 222, 222]),
    ("realistic-4", [165, 155, 229, 151, 145, 132, 155, 155]),
    ("realistic-5", [219, 208, 290, 200, 193, 173, 208, 208]),
    ("realistic-6", [256, 256, 387, 252, 246, 229, 256, 256]),
    ("realistic-7", [199, 199, 343, 195, 195, 182, 199, 199]),
    ("realistic-8", [209, 209, 331, 206, 202, 195, 209, 209]),
    ("realistic-9", [161, 161, 260, 157, 155, 152, 161, 161]),
    ("realistic-10", [243, 243, 409, 240, 234, 221, 243, 243]),
    ("realistic-11", [218, 216, 291, 205, 202, 189, 216, 216]),
    ("realistic-12", [248, 248, 294, 248, 248, 219, 248, 248]),
    ("realistic-13", [318, 318, 403, 317, 317, 302, 318, 318]),
    ("realistic-14", [183, 183, 213, 182, 182, 178, 183, 183]),
    ("realistic-15", [237, 237, 277, 234, 234, 224, 237, 237]),
    ("realistic-16", [205, 205, 242, 204, 203, 191, 205, 205]),
];

#[test]
fn accuracy_never_drops() {
    let mut problems = Vec::new();
    for (set, floors) in FLOORS {
        let files = accuracy::files_of(&common::workspace_root().join("bench/accuracy").join(set));
        assert!(!files.is_empty(), "bench/accuracy/{set} has no programs");
        let tallies = accuracy::measure(&files, false);
        let all: &Tally = &tallies[0].1;
        let got = [
            all.futures,
            all.states_ok,
            all.suspends_ok,
            all.estimated,
            all.total_ok,
            all.exact,
            all.rustc_sized,
            all.rustc_exact,
        ];
        let names = [
            "futures rustc lays out",
            "states match",
            "saved locals match",
            "sized",
            "total equal",
            "layout equal",
            "sized with --rustc",
            "layout equal with --rustc",
        ];
        for ((name, floor), got) in names.iter().zip(floors).zip(got) {
            if got < floor {
                problems.push(format!("{set}: {name}: {got}, below the floor {floor}"));
            }
        }
    }
    assert!(problems.is_empty(), "accuracy dropped:\n{}", problems.join("\n"));
}
